package org.chunkbench.backends;

import java.nio.ByteBuffer;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The base address of a direct buffer, for overlap checks on paths where one JNI call per chunk is negligible. */
final class NativeAddress {
    private NativeAddress() {
    }

    static long of(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
