package org.chunkbench.backends.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.FfmSupport;
import org.chunkbench.backends.memory.NativeBlock;

/**
 * Each libc call of {@link Syscalls} gives the same result, or the same {@code -errno}, through either binding
 * available on this JDK (JNA always; FFM on 22+, reported as a skip with its reason below that): the calls the
 * AF_ALG protocol, the keyring and the {@code syscall} control make, each written once over them.
 * Runs on any Linux: errors come from descriptors that are not sockets, a closed one, and invalid keyring
 * arguments; AF_ALG is compared with whatever this kernel answers (no AF_ALG on the build hosts, a socket in the VM).
 */
class SyscallsTest {
    private static final int EBADF = 9;
    private static final int ENOTSOCK = 88;

    private static Syscalls open(Binding b) {
        if (b == Binding.FFM) {
            FfmSupport.requireFfmJdk();
        }
        Syscalls s = Syscalls.of(b).forOwner();
        assertEquals(b.spelling(), s.binding());
        return s;
    }

    private static int[] pipe(Syscalls s, NativeBlock scratch) {
        assertEquals(0, s.pipe2(scratch.address(), LibC.O_CLOEXEC));
        return new int[] {scratch.view().getInt(0), scratch.view().getInt(4)};
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void errorsComeBackAsTheSameNegativeErrno(Binding b) {
        Syscalls s = open(b);
        Syscalls jna = Syscalls.of(Binding.JNA);
        try (NativeBlock scratch = new NativeBlock(s.memory(), "scratch", 256)) {
            assertEquals(-EBADF, s.close(-1));
            assertEquals(-EBADF, s.read(-1, scratch.address(), 1));
            assertEquals(-EBADF, s.sendmsg(-1, scratch.address(), 0));
            int[] p = pipe(s, scratch);
            try {
                assertEquals(-ENOTSOCK, s.bind(p[0], scratch.address(), AlgLayout.SOCKADDR_ALG_SIZE));
                assertEquals(-ENOTSOCK, s.setsockopt(p[0], AlgLayout.SOL_ALG, AlgLayout.ALG_SET_KEY, scratch.address(), 16));
                assertEquals(-ENOTSOCK, s.accept(p[0], 0, 0));
            } finally {
                s.close(p[0]);
                s.close(p[1]);
            }
            // keyctl on serial 0 and add_key of a type that does not exist: whatever this kernel (or its seccomp
            // profile) answers, both bindings must hear the same errno
            long revoke = s.keyctl(Keyring.KEYCTL_REVOKE, 0, 0, 0, 0);
            assertTrue(revoke < 0, "keyctl(KEYCTL_REVOKE, 0) = " + revoke);
            assertEquals(jna.keyctl(Keyring.KEYCTL_REVOKE, 0, 0, 0, 0), revoke);
            byte[] args = "chunkbench-no-such-type\0d\0".getBytes(StandardCharsets.US_ASCII);
            scratch.view().put(0, args);
            long a = scratch.address();
            long added = s.addKey(a, a + 24, a + 26, 0, Keyring.PROCESS_KEYRING);
            assertTrue(added < 0, "add_key of an unknown type = " + added);
            assertEquals(jna.addKey(a, a + 24, a + 26, 0, Keyring.PROCESS_KEYRING), added);
            // AF_ALG: a descriptor where the kernel has it, else the same errno as JNA's
            int fd = s.socket(LibC.AF_ALG, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0);
            int jnaFd = jna.socket(LibC.AF_ALG, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0);
            assertEquals(fd < 0, jnaFd < 0);
            if (fd < 0) {
                assertEquals(jnaFd, fd);
            } else {
                assertEquals(0, s.close(fd));
                assertEquals(0, jna.close(jnaFd));
            }
        }
    }

    /** Data through a socket pair, and through vmsplice, splice and read across two pipes, sized by fcntl. */
    @ParameterizedTest
    @EnumSource(Binding.class)
    void dataCallsMoveTheBytes(Binding b) {
        Syscalls s = open(b);
        byte[] data = new byte[4096];
        new java.util.Random(4).nextBytes(data);
        try (NativeBlock mem = new NativeBlock(s.memory(), "data", 3 * 4096 + 256, 4096)) {
            ByteBuffer v = mem.view();
            long base = mem.address();
            long src = base;
            long dst = base + 4096;
            long iov = base + 2 * 4096;
            long msg = iov + 64;
            long fds = msg + 64;
            v.put(0, data);
            // sendmsg and read on a socket pair
            assertEquals(0, s.socketpair(LibC.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0, fds));
            int send = v.getInt((int) (fds - base));
            int receive = v.getInt((int) (fds - base) + 4);
            v.putLong((int) (iov - base) + AlgLayout.IOV_BASE, src);
            v.putLong((int) (iov - base) + AlgLayout.IOV_LEN, data.length);
            AlgLayout.writeMsghdr(v, (int) (msg - base), iov);
            assertEquals(data.length, s.sendmsg(send, msg, 0));
            assertEquals(data.length, s.read(receive, dst, data.length));
            assertArrayEquals(data, bytes(v, 4096, data.length));
            assertEquals(0, s.close(send));
            assertEquals(0, s.close(receive));
            // vmsplice into one pipe, splice into a second, read from that
            int[] first = {0, 0};
            assertEquals(0, s.pipe2(fds, LibC.O_CLOEXEC));
            first[0] = v.getInt((int) (fds - base));
            first[1] = v.getInt((int) (fds - base) + 4);
            assertEquals(0, s.pipe2(fds, LibC.O_CLOEXEC));
            int[] second = {v.getInt((int) (fds - base)), v.getInt((int) (fds - base) + 4)};
            try {
                int size = s.fcntl(first[1], LibC.F_GETPIPE_SZ, 0);
                assertTrue(size >= 4096, "F_GETPIPE_SZ " + size);
                assertTrue(s.fcntl(first[1], LibC.F_SETPIPE_SZ, Pieces.PIECE) >= Pieces.PIECE);
                assertEquals(Pieces.PIECE, s.fcntl(first[1], LibC.F_GETPIPE_SZ, 0));
                for (int i = 0; i < 4096; i++) {
                    v.put(4096 + i, (byte) 0);
                }
                assertEquals(data.length, s.vmsplice(first[1], iov, 1, 0));
                assertEquals(data.length, s.splice(first[0], 0, second[1], 0, data.length, 0));
                assertEquals(data.length, s.read(second[0], dst, data.length));
                assertArrayEquals(data, bytes(v, 4096, data.length));
                assertEquals(-22, s.fcntl(first[1], LibC.F_SETPIPE_SZ, -1), "EINVAL for a negative pipe size");
            } finally {
                for (int fd : new int[] {first[0], first[1], second[0], second[1]}) {
                    s.close(fd);
                }
            }
        }
    }

    private static byte[] bytes(ByteBuffer v, int at, int n) {
        byte[] b = new byte[n];
        v.get(at, b);
        return b;
    }
}
