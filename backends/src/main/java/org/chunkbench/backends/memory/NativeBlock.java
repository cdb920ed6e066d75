package org.chunkbench.backends.memory;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A block of native memory with exactly one owner, for either binding ({@link NativeMemory}). It is cleared when
 * allocated; {@link #close()} wipes it (it may have held a key, plaintext or keystream) and frees it, once: a second
 * close does nothing, and any use after it is an {@link IllegalStateException}, not a crash. A {@link Cleaner}
 * frees it as a safety net for an owner that forgot to close; the action captures the address, never the owner.
 * Java code reads and writes it through {@link #view()}, a direct buffer in native byte order made once.
 */
public final class NativeBlock implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final String what;
    private final Release release;
    private final Cleaner.Cleanable cleanable;
    private final long address;
    private final int size;
    private ByteBuffer view;

    /** {@code size} bytes whose address is a multiple of {@code alignment} (a power of two), cleared. */
    public NativeBlock(NativeMemory memory, String what, int size, int alignment) {
        if (Integer.bitCount(alignment) != 1 || size < 0) {
            throw new IllegalArgumentException(what + ": size " + size + ", alignment " + alignment);
        }
        this.what = what;
        long raw = memory.allocate((long) size + alignment - 1);
        this.address = (raw + alignment - 1) & -(long) alignment;
        this.size = size;
        this.view = memory.view(address, size).order(ByteOrder.nativeOrder());
        this.release = new Release(memory, raw, view);
        this.cleanable = CLEANER.register(this, release);
        wipe();
    }

    public NativeBlock(NativeMemory memory, String what, int size) {
        this(memory, what, size, 16);
    }

    /** The address of the first byte; valid until {@link #close()}. */
    public long address() {
        check();
        return address;
    }

    public int size() {
        return size;
    }

    /** The whole block as a direct buffer in native byte order, valid until {@link #close()}; use absolute gets and puts. */
    public ByteBuffer view() {
        check();
        return view;
    }

    public void wipe() {
        check();
        wipe(view);
    }

    private static void wipe(ByteBuffer b) {
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) 0);
        }
    }

    private void check() {
        if (view == null) {
            throw new IllegalStateException(what + ": native memory already freed");
        }
    }

    /** Wipes and frees the block; idempotent. */
    @Override
    public void close() {
        if (view != null) {
            view = null;
            cleanable.clean();
        }
    }

    /** Wipes and frees once; captures the memory, never the owner. */
    private static final class Release implements Runnable {
        private final NativeMemory memory;
        private long raw;
        private ByteBuffer view;

        Release(NativeMemory memory, long raw, ByteBuffer view) {
            this.memory = memory;
            this.raw = raw;
            this.view = view;
        }

        @Override
        public void run() {
            if (raw != 0) {
                wipe(view);
                memory.free(raw);
                raw = 0;
                view = null;
            }
        }
    }
}
