package org.chunkbench.backends.jna;

import java.nio.ByteBuffer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * Gives native code an address for each side of a chunk without allocating per chunk. A direct buffer is used
 * in place: its base address is looked up once and cached while the caller keeps passing the same buffer (the
 * steady state of a benchmark or a streaming loop). A heap buffer is staged through native memory owned here,
 * {@link #stageSize()} bytes at a time; callers process in slices of at most that size.
 *
 * <p>Read-only heap input is staged through a buffer view of the native memory (its array is not accessible).
 * {@link #stableInput} protects a chunk of several slices from its own output, see there.
 */
public final class NativeStaging implements AutoCloseable {
    private final String what;
    private final int stageSize;
    private OwnedMemory inStage;
    private OwnedMemory outStage;
    private ByteBuffer lastIn;
    private long lastInBase;
    private ByteBuffer lastOut;
    private long lastOutBase;

    public NativeStaging(String what, int stageSize) {
        this.what = what;
        this.stageSize = stageSize;
    }

    public int stageSize() {
        return stageSize;
    }

    /** Base address of a direct input buffer, cached while the same buffer object comes back. */
    public long inputBase(ByteBuffer in) {
        if (in != lastIn) {
            lastIn = in;
            lastInBase = baseAddress(in);
        }
        return lastInBase;
    }

    /** Base address of a direct output buffer, cached while the same buffer object comes back. */
    public long outputBase(ByteBuffer out) {
        if (out != lastOut) {
            lastOut = out;
            lastOutBase = baseAddress(out);
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
            inStage = new OwnedMemory(what + " input staging", stageSize);
        }
        if (in.hasArray()) {
            inStage.write(0, in.array(), in.arrayOffset() + in.position() + offset, len);
        } else {
            inStage.view().put(0, in, in.position() + offset, len); // read-only heap buffer
        }
        return inStage.address();
    }

    /** Address where {@code len} output bytes may be written; call {@link #finishOutput} after the native call. */
    public long outputAddress(ByteBuffer out, int offset, int len) {
        if (out.isDirect()) {
            return outputBase(out) + out.position() + offset;
        }
        if (outStage == null) {
            outStage = new OwnedMemory(what + " output staging", stageSize);
        }
        return outStage.address();
    }

    /** Copies staged output back into a heap buffer; nothing to do for direct buffers. */
    public void finishOutput(ByteBuffer out, int offset, int len) {
        if (!out.isDirect()) {
            outStage.read(0, out.array(), out.arrayOffset() + out.position() + offset, len);
        }
    }

    private static long baseAddress(ByteBuffer direct) {
        Pointer p = Native.getDirectBufferPointer(direct);
        return Pointer.nativeValue(p);
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
