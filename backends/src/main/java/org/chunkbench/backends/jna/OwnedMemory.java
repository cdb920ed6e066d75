package org.chunkbench.backends.jna;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Native memory with exactly one owner. {@link #close()} wipes it (it may have held key material, plaintext or
 * keystream) and frees it; it is idempotent. JNA's own cleaner behind {@link Memory} stays as the safety net
 * for an owner that forgot to close.
 */
public final class OwnedMemory implements AutoCloseable {
    private final String what;
    private Memory memory;
    private final long address;
    private final long size;
    private java.nio.ByteBuffer view;

    public OwnedMemory(String what, long size) {
        this.what = what;
        this.memory = new Memory(size);
        this.address = Pointer.nativeValue(memory);
        this.size = size;
        memory.clear();
    }

    /** The address; valid until {@link #close()}. */
    public long address() {
        check();
        return address;
    }

    public long size() {
        return size;
    }

    public Pointer pointer() {
        check();
        return memory;
    }

    /** The memory as a direct buffer (created once; valid until {@link #close()}). */
    public java.nio.ByteBuffer view() {
        check();
        if (view == null) {
            view = memory.getByteBuffer(0, size);
        }
        return view;
    }

    public void write(long offset, byte[] src, int off, int len) {
        check();
        memory.write(offset, src, off, len);
    }

    public void read(long offset, byte[] dst, int off, int len) {
        check();
        memory.read(offset, dst, off, len);
    }

    public void wipe() {
        check();
        memory.clear();
    }

    private void check() {
        if (memory == null) {
            throw new IllegalStateException(what + ": native memory already freed");
        }
    }

    @Override
    public void close() {
        Memory m = memory;
        if (m != null) {
            memory = null;
            view = null;
            m.clear();
            m.close();
        }
    }
}
