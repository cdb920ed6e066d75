package org.chunkbench.backends.kernel;

import java.lang.reflect.Field;

import org.chunkbench.backends.ChunkedCipher;

/**
 * Test support: closes a descriptor under a kernel cipher or a {@code syscall} control, either binding, so its next
 * sendmsg fails with EBADF. The descriptor is set to -1 first, so close() has nothing left to close and no number
 * is reused behind the test's back. Reflection only, so it compiles on JDK 17 (the FFM classes are never reached
 * there). The kernel cipher ({@link AfAlgCipher}) and the {@code syscall} control, each one class for both bindings,
 * keep their descriptors in a field {@code fds}.
 */
public final class KernelSabotage {
    private KernelSabotage() {
    }

    /** The operation socket of {@code kernel[...]} (and its null-cipher control). */
    public static void closeOpSocket(ChunkedCipher c) throws Exception {
        closeFd(c, "fds", "op");
    }

    /** The sending end of a {@code syscall} control's socket pair. */
    public static void closeSyscallSend(ChunkedCipher c) throws Exception {
        closeFd(c, "fds", "send");
    }

    private static void closeFd(ChunkedCipher c, String holderName, String fdName) throws Exception {
        Field holder = c.getClass().getDeclaredField(holderName);
        holder.setAccessible(true);
        Object fds = holder.get(c);
        Field fd = fds.getClass().getDeclaredField(fdName);
        fd.setAccessible(true);
        int n = fd.getInt(fds);
        fd.setInt(fds, -1);
        LibC.close(n);
    }
}
