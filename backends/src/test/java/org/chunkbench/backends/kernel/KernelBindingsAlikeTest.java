package org.chunkbench.backends.kernel;

import static org.chunkbench.backends.kernel.KernelTestSupport.assumeKernel;
import static org.chunkbench.backends.kernel.KernelTestSupport.random;
import static org.chunkbench.backends.kernel.KernelTestSupport.sunJce;
import static org.chunkbench.backends.kernel.KernelTestSupport.variant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Cipher;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel backend's two bindings run one protocol ({@link AfAlgCipher} over {@link Syscalls}), so what once
 * drifted between two copies must now hold for each binding this JDK runs: a vmsplice that moves nothing fails
 * naming the call (one copy looped forever), a pipe smaller than one piece is raised or refused, never ignored (one
 * copy ignored F_SETPIPE_SZ's answer), a failure breaks the instance with the same messages through either binding,
 * and a failed open leaves no descriptor behind. Needs AF_ALG (the VM); the keyring's key type is
 * {@link KernelKeyringTest}'s.
 */
class KernelBindingsAlikeTest {
    private static final byte[] KEY = random(31, 16);
    private static final byte[] IV = random(32, 16);

    @BeforeEach
    void kernel() {
        assumeKernel();
    }

    private static CipherSpec spec() {
        return new CipherSpec(Direction.ENCRYPT, Mode.STREAM, AesKey.ofBytes(KEY), IV);
    }

    private static AfAlgCipher open(Syscalls sys, Binding b, String io) {
        KernelOptions o = KernelOptions.of(Map.of("io", io), AesKey.ofBytes(KEY)).withBinding(b);
        return new AfAlgCipher(sys, o.spell("kernel"), spec(), o, true);
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    @ParameterizedTest
    @MethodSource("org.chunkbench.backends.kernel.KernelTestSupport#bindings")
    void vmspliceMovingNothingFailsNamingTheCallAndBreaksTheInstance(Binding b) {
        Syscalls stalls = new ForwardingSyscalls(Syscalls.of(b)) {
            @Override
            public long vmsplice(int fd, long iov, long nrSegs, int flags) {
                return 0;
            }
        };
        try (AfAlgCipher c = open(stalls, b, "splice")) {
            ByteBuffer in = ByteBuffer.wrap(random(33, 4096));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.process(in, ByteBuffer.allocate(4096)));
            assertEquals(variant(b, "driver=ctr(aes),io=splice,key=raw") + ": vmsplice(pipe) moved nothing after 0 of 4096 bytes",
                    e.getMessage());
            IllegalStateException later = assertThrows(IllegalStateException.class, () -> c.process(in.rewind(), ByteBuffer.allocate(4096)));
            assertEquals(true, later.getMessage().contains("vmsplice(pipe) moved nothing"), later.getMessage());
        }
    }

    /** A pipe of one page: F_SETPIPE_SZ is asked for a piece, and what it answers is checked. */
    private static Syscalls smallPipe(Binding b, int setAnswer) {
        return new ForwardingSyscalls(Syscalls.of(b)) {
            @Override
            public int fcntl(int fd, int cmd, int arg) {
                if (cmd == LibC.F_GETPIPE_SZ) {
                    return 4096;
                }
                return cmd == LibC.F_SETPIPE_SZ && setAnswer != 0 ? setAnswer : real.fcntl(fd, cmd, arg);
            }
        };
    }

    @ParameterizedTest
    @MethodSource("org.chunkbench.backends.kernel.KernelTestSupport#bindings")
    void aPipeSmallerThanAPieceIsRaisedOrRefusedWithNothingLeftOpen(Binding b) throws IOException {
        long before = openDescriptors();
        AfAlgException refused = assertThrows(AfAlgException.class, () -> open(smallPipe(b, -Errno.EPERM), b, "splice"));
        assertEquals(variant(b, "driver=ctr(aes),io=splice,key=raw") + ": fcntl(pipe, F_SETPIPE_SZ, 65536) failed with error 1 "
                + "(EPERM): the pipe is 4096 bytes and this user's pipe pages are at their limit "
                + "(/proc/sys/fs/pipe-user-pages-soft); use io=copy", refused.getMessage());
        IllegalStateException short_ = assertThrows(IllegalStateException.class, () -> open(smallPipe(b, 8192), b, "splice"));
        assertEquals(variant(b, "driver=ctr(aes),io=splice,key=raw") + ": fcntl(pipe, F_SETPIPE_SZ, 65536) gave the pipe 8192 "
                + "bytes, less than one piece of 65536", short_.getMessage());
        assertEquals(before, openDescriptors(), "a failed open closes its sockets and pipe");
        // Raised for real: the pipe then holds a piece, and 3 pieces + a ragged end come out as SunJCE's.
        byte[] plain = random(34, 3 * AfAlgCipher.PIECE + 100);
        byte[] got = new byte[plain.length];
        try (AfAlgCipher c = open(smallPipe(b, 0), b, "splice")) {
            c.process(ByteBuffer.wrap(plain), ByteBuffer.wrap(got));
        }
        assertArrayEquals(sunJce(Cipher.ENCRYPT_MODE, KEY, IV, plain), got);
    }

    /** The same failure, through each binding, reads the same but for the binding's name. */
    @ParameterizedTest
    @MethodSource("org.chunkbench.backends.kernel.KernelTestSupport#bindings")
    void failuresReadTheSameThroughEitherBinding(Binding b) throws Exception {
        AfAlgException bind = assertThrows(AfAlgException.class,
                () -> Backends.open(variant(b, "driver=ctr(chunkbench-no-such-aes)"), spec()));
        AfAlgException jnaBind = assertThrows(AfAlgException.class,
                () -> Backends.open(variant(Binding.JNA, "driver=ctr(chunkbench-no-such-aes)"), spec()));
        assertEquals(jnaBind.getMessage(), bind.getMessage());
        assertEquals(Errno.ENOENT, bind.errno());
        for (String io : new String[] {"copy", "splice"}) {
            try (ChunkedCipher c = Backends.open(variant(b, "io=" + io), spec())) {
                KernelSabotage.closeOpSocket(c);
                AfAlgException e = assertThrows(AfAlgException.class,
                        () -> c.process(ByteBuffer.wrap(new byte[32]), ByteBuffer.allocate(32)));
                String call = "sendmsg"; // splice too: in stream mode the IV goes first, with sendmsg
                assertEquals(variant(b, "driver=ctr(aes),io=" + io + ",key=raw") + ": " + call
                        + "(op socket) failed with error 9 (EBADF)", e.getMessage());
                IllegalStateException later = assertThrows(IllegalStateException.class,
                        () -> c.process(ByteBuffer.wrap(new byte[32]), ByteBuffer.allocate(32)));
                assertEquals(true, later.getMessage().contains(e.getMessage()), later.getMessage());
            }
        }
    }
}
