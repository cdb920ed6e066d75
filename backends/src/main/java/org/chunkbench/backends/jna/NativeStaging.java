package org.chunkbench.backends.jna;

import java.nio.ByteBuffer;

import org.chunkbench.backends.memory.NativeMemory;

/**
 * The JNA kernel cipher's handle on the shared staging ({@link org.chunkbench.backends.memory.Staging}, which
 * every other native path uses directly), kept only so that {@code KernelChunkedCipher} compiles unchanged until
 * it moves onto the binding-neutral libc interface (issue 18, second pass); delete it then.
 */
public final class NativeStaging implements AutoCloseable {
    private final org.chunkbench.backends.memory.Staging staging;

    public NativeStaging(String what, int stageSize) {
        this.staging = new org.chunkbench.backends.memory.Staging(NativeMemory.of(org.chunkbench.backends.Binding.JNA),
                what, stageSize);
    }

    public int stageSize() {
        return staging.stageSize();
    }

    public long inputBase(ByteBuffer in) {
        return staging.inputBase(in);
    }

    public long outputBase(ByteBuffer out) {
        return staging.outputBase(out);
    }

    public ByteBuffer stableInput(ByteBuffer in, ByteBuffer out, int len) {
        return staging.stableInput(in, out, len);
    }

    public long inputAddress(ByteBuffer in, int offset, int len) {
        return staging.inputAddress(in, offset, len);
    }

    public long outputAddress(ByteBuffer out, int offset, int len) {
        return staging.outputAddress(out, offset, len);
    }

    public void finishOutput(ByteBuffer out, int offset, int len) {
        staging.finishOutput(out, offset, len);
    }

    @Override
    public void close() {
        staging.close();
    }
}
