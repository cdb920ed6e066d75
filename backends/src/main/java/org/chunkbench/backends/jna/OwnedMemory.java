package org.chunkbench.backends.jna;

import com.sun.jna.Pointer;

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.memory.NativeBlock;
import org.chunkbench.backends.memory.NativeMemory;

/**
 * A {@link NativeBlock} of the JNA binding with a JNA {@link Pointer} on it, for the JNA kernel code that still
 * writes its structures through {@code Pointer} ({@code KernelChunkedCipher}, {@code KernelTraits}, {@code Keyring});
 * the owner semantics (cleared at allocation, wiped and freed once at close, use after close refused) are
 * {@link NativeBlock}'s. Goes when that code moves onto the binding-neutral libc interface (issue 18, second pass).
 */
public final class OwnedMemory implements AutoCloseable {
    private final NativeBlock block;
    private final Pointer pointer;

    public OwnedMemory(String what, long size) {
        this.block = new NativeBlock(NativeMemory.of(Binding.JNA), what, Math.toIntExact(size));
        this.pointer = new Pointer(block.address());
    }

    /** The address; valid until {@link #close()}. */
    public long address() {
        return block.address();
    }

    public long size() {
        return block.size();
    }

    public Pointer pointer() {
        block.address(); // refuses use after close
        return pointer;
    }

    /** The memory as a direct buffer (native byte order; valid until {@link #close()}). */
    public java.nio.ByteBuffer view() {
        return block.view();
    }

    public void write(long offset, byte[] src, int off, int len) {
        block.view().put(Math.toIntExact(offset), src, off, len);
    }

    public void read(long offset, byte[] dst, int off, int len) {
        block.view().get(Math.toIntExact(offset), dst, off, len);
    }

    public void wipe() {
        block.wipe();
    }

    @Override
    public void close() {
        block.close();
    }
}
