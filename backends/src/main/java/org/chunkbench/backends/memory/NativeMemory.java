package org.chunkbench.backends.memory;

import java.nio.ByteBuffer;

import org.chunkbench.backends.Binding;

/**
 * Native memory as the code above the bindings needs it: allocate, free, a {@link ByteBuffer} view to read and
 * write it from Java, and the address of a direct buffer. One implementation per binding ({@link JnaMemory} here,
 * {@code FfmMemory} in src/main/java22, loaded by name on JDK 22+), so {@link NativeBlock} and
 * {@link Staging} are written once for both.
 */
public interface NativeMemory {
    /** {@code bytes} of native memory, not cleared; {@link OutOfMemoryError} when the allocator says no. */
    long allocate(long bytes);

    void free(long address);

    /** {@code bytes} at {@code address} as a direct buffer (made once per owner, not per chunk). */
    ByteBuffer view(long address, int bytes);

    /** The address of a direct buffer's first byte (index 0, not its position). */
    long address(ByteBuffer direct);

    /** The release-22 implementation, loaded by name only on JDK 22+ ({@link Binding#loadFfm}). */
    String FFM_CLASS = "org.chunkbench.backends.memory.FfmMemory";

    static NativeMemory of(Binding binding) {
        return binding == Binding.FFM ? Ffm.INSTANCE : JnaMemory.INSTANCE;
    }

    /** Holder, so that the FFM class is loaded at the first FFM use only. */
    final class Ffm {
        static final NativeMemory INSTANCE = Binding.loadFfm(FFM_CLASS, NativeMemory.class);

        private Ffm() {
        }
    }
}
