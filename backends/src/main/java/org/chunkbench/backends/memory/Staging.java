package org.chunkbench.backends.memory;

import java.nio.ByteBuffer;

/**
 * Gives native code an address for each side of a chunk without allocating per chunk, for either binding. A
 * direct buffer is used in place: its base address is looked up once and cached while the caller keeps passing
 * the same buffer (the steady state of a benchmark or a streaming loop). A heap buffer is staged through native
 * memory owned here ({@link NativeBlock}s, wiped when closed: they held plaintext or keystream),
 * {@link #stageSize()} bytes at a time; callers process in slices of at most that size.
 *
 * <p>Read-only heap input is staged through its buffer (its array is not accessible). {@link #stableInput}
 * protects a chunk of several slices from its own output, see there.
 */
public final class Staging implements AutoCloseable {
    private final NativeMemory memory;
    private final String what;
    private final int stageSize;
    private final int inAlignment;
    private NativeBlock inStage;
    private NativeBlock outStage;
    private ByteBuffer lastIn;
    private long lastInBase;
    private ByteBuffer lastOut;
    private long lastOutBase;

    /** {@code inAlignment}: of the input stage (a page for vmsplice, which maps whole pages). */
    public Staging(NativeMemory memory, String what, int stageSize, int inAlignment) {
        this.memory = memory;
        this.what = what;
        this.stageSize = stageSize;
        this.inAlignment = inAlignment;
    }

    public Staging(NativeMemory memory, String what, int stageSize) {
        this(memory, what, stageSize, 16);
    }

    public int stageSize() {
        return stageSize;
    }

    /** Base address of a direct input buffer, cached while the same buffer object comes back. */
    public long inputBase(ByteBuffer in) {
        if (in != lastIn) {
            lastInBase = memory.address(in);
            lastIn = in;
        }
        return lastInBase;
    }

    /** Base address of a direct output buffer, cached while the same buffer object comes back. */
    public long outputBase(ByteBuffer out) {
        if (out != lastOut) {
            lastOutBase = memory.address(out);
            lastOut = out;
        }
        return lastOutBase;
    }

    /**
     * The input to process for a chunk of {@code len} bytes: {@code in} itself, or, when {@code in} is a read-only
     * heap buffer, the output is a heap buffer and the chunk needs more than one slice, a copy of the chunk
     * (position 0). A read-only buffer may share its array with the output and nothing can tell, so a slice's
     * output could overwrite input of a later slice; such a chunk is read whole first (the only case that allocates).
     */
    public ByteBuffer stableInput(ByteBuffer in, ByteBuffer out, int len) {
        if (len <= stageSize || in.isDirect() || in.hasArray() || out.isDirect()) {
            return in;
        }
        byte[] copy = new byte[len];
        in.get(in.position(), copy, 0, len);
        return ByteBuffer.wrap(copy);
    }

    /** Address of {@code len} input bytes starting {@code offset} bytes after {@code in.position()}; copies heap input. */
    public long inputAddress(ByteBuffer in, int offset, int len) {
        if (in.isDirect()) {
            return inputBase(in) + in.position() + offset;
        }
        if (inStage == null) {
            inStage = new NativeBlock(memory, what + " input staging", stageSize, inAlignment);
        }
        ByteBuffer stage = inStage.view();
        if (in.hasArray()) {
            stage.put(0, in.array(), in.arrayOffset() + in.position() + offset, len);
        } else {
            stage.put(0, in, in.position() + offset, len); // read-only heap buffer
        }
        return inStage.address();
    }

    /** Address where {@code len} output bytes may be written; call {@link #finishOutput} after the native call. */
    public long outputAddress(ByteBuffer out, int offset, int len) {
        if (out.isDirect()) {
            return outputBase(out) + out.position() + offset;
        }
        if (outStage == null) {
            outStage = new NativeBlock(memory, what + " output staging", stageSize);
        }
        return outStage.address();
    }

    /** Copies staged output back into a heap buffer; nothing to do for direct buffers. */
    public void finishOutput(ByteBuffer out, int offset, int len) {
        if (!out.isDirect()) {
            outStage.view().get(0, out.array(), out.arrayOffset() + out.position() + offset, len);
        }
    }

    @Override
    public void close() {
        lastIn = null;
        lastOut = null;
        if (inStage != null) {
            inStage.close();
        }
        if (outStage != null) {
            outStage.close();
        }
    }
}
