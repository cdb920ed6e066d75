package org.chunkbench.backends.kernel;

import java.lang.reflect.Field;

import org.chunkbench.backends.ChunkedCipher;

/**
 * Test support: closes the sending end of a {@code syscall} control's socket pair under it, either binding, so its
 * next sendmsg fails with EBADF. The descriptor is set to -1 first, so close() has nothing left to close and no
 * number is reused behind the test's back. Reflection only, so it compiles on JDK 17 (the FFM class is never
 * reached there).
 */
public final class ControlSabotage {
    private ControlSabotage() {
    }

    public static void closeSyscallSend(ChunkedCipher c) throws Exception {
        Field holder = c.getClass().getDeclaredField(c instanceof SyscallControl ? "fds" : "owner");
        holder.setAccessible(true);
        Object fds = holder.get(c);
        Field send = fds.getClass().getDeclaredField("send");
        send.setAccessible(true);
        int fd = send.getInt(fds);
        send.setInt(fds, -1);
        LibC.close(fd);
    }
}
