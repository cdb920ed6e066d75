package org.chunkbench.backends.memory;

import java.nio.ByteBuffer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** {@link NativeMemory} through JNA: the C allocator, and JNI for views and direct buffers' addresses. */
final class JnaMemory implements NativeMemory {
    static final JnaMemory INSTANCE = new JnaMemory();

    private JnaMemory() {
    }

    @Override
    public long allocate(long bytes) {
        long a = Native.malloc(bytes);
        if (a == 0) {
            throw new OutOfMemoryError("malloc(" + bytes + ") failed");
        }
        return a;
    }

    @Override
    public void free(long address) {
        Native.free(address);
    }

    @Override
    public ByteBuffer view(long address, int bytes) {
        return new Pointer(address).getByteBuffer(0, bytes);
    }

    @Override
    public long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
