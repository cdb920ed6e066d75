package org.chunkbench.backends.kernel;

import java.lang.reflect.Field;

import org.chunkbench.backends.ChunkedCipher;

/**
 * Test support: closes the operation socket under an FFM kernel cipher, so its next sendmsg fails with EBADF.
 * The descriptor is set to -1 so close() has nothing left to close and no number is reused behind the test's
 * back. Reflection only, so it compiles on JDK 17 (where it is never called).
 */
final class FfmKernelSabotage {
    private FfmKernelSabotage() {
    }

    static void closeOpSocket(ChunkedCipher c) throws Exception {
        Field ownerField = c.getClass().getDeclaredField("owner");
        ownerField.setAccessible(true);
        Object owner = ownerField.get(c);
        Field op = owner.getClass().getDeclaredField("op");
        op.setAccessible(true);
        int fd = op.getInt(owner);
        op.setInt(owner, -1);
        LibC.close(fd);
    }
}
