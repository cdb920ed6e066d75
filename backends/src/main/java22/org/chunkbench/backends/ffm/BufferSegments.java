package org.chunkbench.backends.ffm;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The segment for one side of a chunk, without allocating per chunk: the segment of {@code len} bytes at a
 * buffer's position is made once and reused while the caller keeps passing the same buffer at the same position
 * and length (the steady state of a benchmark or a loop over one buffer). Heap buffers give heap segments, which
 * only a critical downcall ({@code Linker.Option.critical(true)}) may take; direct buffers give native segments.
 * Read-only buffers give read-only segments.
 */
public final class BufferSegments {
    private ByteBuffer buffer;
    private int position;
    private int length;
    private MemorySegment segment;
    private boolean changed;

    /** The {@code len} bytes at {@code b.position()}; {@code b} has at least that many remaining. */
    public MemorySegment of(ByteBuffer b, int len) {
        int p = b.position();
        if (b == buffer && p == position && len == length) {
            changed = false;
            return segment;
        }
        segment = MemorySegment.ofBuffer(b).asSlice(0, len);
        buffer = b;
        position = p;
        length = len;
        changed = true;
        return segment;
    }

    /** Whether the last {@link #of} made a new segment (so overlap with the other side must be checked again). */
    public boolean changed() {
        return changed;
    }

    /** Forgets the buffer, so the cache keeps nothing of the caller's alive. */
    public void clear() {
        buffer = null;
        segment = null;
    }

    /**
     * Rejects input and output that overlap without being the same bytes: CTR reads a block before writing it,
     * so exact in-place works, but a shifted overlap would read bytes the call itself already overwrote.
     */
    public static void checkOverlap(String who, MemorySegment in, MemorySegment out) {
        if (in.byteSize() == 0 || out.byteSize() == 0) {
            return;
        }
        if (in.asOverlappingSlice(out).isPresent() && in.address() != out.address()) {
            throw new IllegalArgumentException(who + ": input and output overlap at different offsets (output starts "
                    + (out.address() - in.address()) + " bytes from the input); use the same region for in-place, "
                    + "or regions that do not overlap");
        }
    }
}
