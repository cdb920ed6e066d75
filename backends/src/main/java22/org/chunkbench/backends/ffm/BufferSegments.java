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
     * A read-only heap input may share its array with a heap output, which ByteBuffer does not let a caller see (a
     * read-only buffer has no accessible array), and a shifted overlap would overwrite input not yet read. Where the
     * two overlap without being the same bytes, this returns a copy of the input (position 0, {@code len} bytes), as
     * the JNA path copies such input; otherwise {@code in} itself. Allocates only for a read-only heap input.
     */
    public static ByteBuffer unshared(ByteBuffer in, ByteBuffer out, int len) {
        if (len == 0 || in.isDirect() || out.isDirect() || !in.isReadOnly()) {
            return in;
        }
        MemorySegment a = MemorySegment.ofBuffer(in).asSlice(0, len);
        MemorySegment b = MemorySegment.ofBuffer(out).asSlice(0, len);
        if (a.asOverlappingSlice(b).isEmpty() || a.address() == b.address()) {
            return in;
        }
        byte[] copy = new byte[len];
        in.duplicate().get(copy);
        return ByteBuffer.wrap(copy);
    }
}
