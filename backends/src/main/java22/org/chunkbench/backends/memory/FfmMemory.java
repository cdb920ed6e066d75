package org.chunkbench.backends.memory;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;

/**
 * {@link NativeMemory} over FFM: the C allocator's {@code malloc} and {@code free} as downcall handles (an owner
 * frees by address, as with JNA, so {@link NativeBlock} needs no arena), global-scope views, and a direct buffer's
 * address from its segment. Loaded by name on JDK 22+ ({@link NativeMemory#of}).
 */
public final class FfmMemory implements NativeMemory {
    private static final MethodHandle MALLOC;
    private static final MethodHandle FREE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MALLOC = linker.downcallHandle(libc.find("malloc").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        FREE = linker.downcallHandle(libc.find("free").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_LONG));
    }

    public FfmMemory() {
    }

    @Override
    public long allocate(long bytes) {
        long a;
        try {
            a = (long) MALLOC.invokeExact(bytes);
        } catch (Throwable t) {
            throw new IllegalStateException("malloc downcall threw " + t, t);
        }
        if (a == 0) {
            throw new OutOfMemoryError("malloc(" + bytes + ") failed");
        }
        return a;
    }

    @Override
    public void free(long address) {
        try {
            FREE.invokeExact(address);
        } catch (Throwable t) {
            throw new IllegalStateException("free downcall threw " + t, t);
        }
    }

    @Override
    public ByteBuffer view(long address, int bytes) {
        return MemorySegment.ofAddress(address).reinterpret(bytes).asByteBuffer();
    }

    @Override
    public long address(ByteBuffer direct) {
        return MemorySegment.ofBuffer(direct).address() - direct.position();
    }
}
