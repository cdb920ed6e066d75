package org.chunkbench.backends.kernel.smoke;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The cheapest proof that a kernel's AF_ALG skcipher interface encrypts correctly from this JVM: NIST SP 800-38A
 * F.5.1 (AES-128 CTR, four blocks) through a {@code ctr(aes)} socket, once per driver name given. It checks the
 * path that tools/kernel-vm/run provides (JNA, socket family 38, the modules the guest loads); the real kernel
 * backend is tested by its own suite.
 *
 * <p>Run: {@code java -cp <test classpath> org.chunkbench.backends.kernel.smoke.AfAlgSmoke [ALG...]}
 * (default algorithms: ctr(aes), ctr-aes-aesni and the generic C driver, ctr(aes-generic) before Linux 7.0 and
 * ctr(aes-lib) from 7.0 on). Exit 0 all matched, 1 a mismatch or error,
 * 77 this kernel has no AF_ALG (or forbids it).
 */
public final class AfAlgSmoke {
    static final int EXIT_NO_AF_ALG = 77;

    static final byte[] KEY = hex("2b7e151628aed2a6abf7158809cf4f3c");
    static final byte[] COUNTER = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    static final byte[] PLAINTEXT = hex("6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710");
    static final byte[] CIPHERTEXT = hex("874d6191b620e3261bef6864990db6ce" + "9806f66b7970fdff8617187bb9fffdff"
            + "5ae4df3edbd5d35e5b4f09020db03eab" + "1e031dda2fbe03d1792170a0f3009cee");

    private static final int AF_ALG = 38;
    private static final int SOCK_SEQPACKET = 5;
    private static final int SOL_ALG = 279;
    private static final int ALG_SET_KEY = 1;
    private static final int ALG_SET_IV = 2;
    private static final int ALG_SET_OP = 3;
    private static final int ALG_OP_ENCRYPT = 1;
    private static final int EAFNOSUPPORT = 97;
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;

    private AfAlgSmoke() {
    }

    /** The generic C AES in ctr: renamed from aes-generic to aes-lib in Linux 7.0. */
    static String genericDriver() {
        try {
            String release = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/osrelease")).strip();
            int major = Integer.parseInt(release.substring(0, release.indexOf('.')));
            return major >= 7 ? "ctr(aes-lib)" : "ctr(aes-generic)";
        } catch (java.io.IOException | RuntimeException e) {
            return "ctr(aes-generic)";
        }
    }

    public static void main(String[] args) {
        List<String> algs = args.length > 0 ? List.of(args) : List.of("ctr(aes)", "ctr-aes-aesni", genericDriver());
        try {
            for (String alg : algs) {
                byte[] out = encrypt(alg, KEY, COUNTER, PLAINTEXT);
                if (!Arrays.equals(out, CIPHERTEXT)) {
                    System.err.println("AfAlgSmoke: " + alg + " gave " + HexFormat.of().formatHex(out)
                            + ", NIST SP 800-38A F.5.1 wants " + HexFormat.of().formatHex(CIPHERTEXT));
                    System.exit(1);
                }
                System.out.println("AfAlgSmoke: " + alg + " matches NIST SP 800-38A F.5.1 (4 blocks)");
            }
        } catch (NoAfAlgException e) {
            System.err.println("AfAlgSmoke: " + e.getMessage());
            System.exit(EXIT_NO_AF_ALG);
        } catch (LastErrorException | IllegalStateException e) {
            System.err.println("AfAlgSmoke: " + e.getMessage());
            System.exit(1);
        }
    }

    /** One sendmsg (op, IV, whole input) and one read: the smallest complete AF_ALG skcipher exchange. */
    static byte[] encrypt(String alg, byte[] key, byte[] iv, byte[] in) {
        int tfm = socket(alg);
        try (Memory addr = new Memory(88);
                Memory keyBuf = new Memory(key.length)) {
            // struct sockaddr_alg { u16 family; u8 type[14]; u32 feat; u32 mask; u8 name[64]; } (JNA's Memory is not
            // cleared: feat, mask and the name's terminator must be zero)
            addr.clear();
            addr.setShort(0, (short) AF_ALG);
            byte[] type = "skcipher".getBytes(StandardCharsets.US_ASCII);
            addr.write(2, type, 0, type.length);
            byte[] name = alg.getBytes(StandardCharsets.US_ASCII);
            if (name.length > 63) {
                throw new IllegalStateException("algorithm name too long: " + alg);
            }
            addr.write(24, name, 0, name.length);
            try {
                Libc.bind(tfm, Pointer.nativeValue(addr), 88);
            } catch (LastErrorException e) {
                throw new IllegalStateException("bind(" + alg + ") failed with errno " + e.getErrorCode()
                        + (e.getErrorCode() == ENOENT ? " (ENOENT: this kernel has no such skcipher)" : ""), e);
            }
            keyBuf.write(0, key, 0, key.length);
            call("setsockopt(ALG_SET_KEY)", () -> Libc.setsockopt(tfm, SOL_ALG, ALG_SET_KEY, Pointer.nativeValue(keyBuf),
                    key.length));
            int op = (int) call("accept", () -> Libc.accept(tfm, 0, 0));
            try {
                return exchange(op, iv, in);
            } finally {
                Libc.close(op);
            }
        } finally {
            Libc.close(tfm);
        }
    }

    private static byte[] exchange(int op, byte[] iv, byte[] in) {
        // Two control messages: ALG_SET_OP (u32) and ALG_SET_IV (struct af_alg_iv { u32 len; u8 iv[]; }).
        int opSpace = 16 + 8;
        int ivSpace = 16 + align8(4 + iv.length);
        try (Memory msg = new Memory(56);
                Memory iov = new Memory(16);
                Memory control = new Memory(opSpace + ivSpace);
                Memory data = new Memory(in.length)) {
            msg.clear(); // msg_name, msg_namelen and msg_flags must be zero
            control.clear();
            data.write(0, in, 0, in.length);
            var c = control;
            c.setLong(0, 16 + 4);
            c.setInt(8, SOL_ALG);
            c.setInt(12, ALG_SET_OP);
            c.setInt(16, ALG_OP_ENCRYPT);
            c.setLong(opSpace, 16 + 4 + iv.length);
            c.setInt(opSpace + 8, SOL_ALG);
            c.setInt(opSpace + 12, ALG_SET_IV);
            c.setInt(opSpace + 16, iv.length);
            control.write(opSpace + 20, iv, 0, iv.length);
            iov.setLong(0, Pointer.nativeValue(data));
            iov.setLong(8, in.length);
            // struct msghdr on x86_64: name, namelen(+pad), iov, iovlen, control, controllen, flags(+pad)
            var m = msg;
            m.setLong(16, Pointer.nativeValue(iov));
            m.setLong(24, 1);
            m.setLong(32, Pointer.nativeValue(control));
            m.setLong(40, opSpace + ivSpace);
            long sent = call("sendmsg", () -> Libc.sendmsg(op, Pointer.nativeValue(msg), 0));
            if (sent != in.length) {
                throw new IllegalStateException("sendmsg took " + sent + " of " + in.length + " bytes");
            }
            data.clear();
            long got = call("read", () -> Libc.read(op, Pointer.nativeValue(data), in.length));
            if (got != in.length) {
                throw new IllegalStateException("read returned " + got + " of " + in.length + " bytes");
            }
            byte[] out = new byte[in.length];
            data.read(0, out, 0, out.length);
            return out;
        }
    }

    private static int socket(String alg) {
        try {
            return Libc.socket(AF_ALG, SOCK_SEQPACKET, 0);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == EAFNOSUPPORT || errno == EPERM || errno == EACCES) {
                throw new NoAfAlgException("socket(AF_ALG) for " + alg + " failed with errno " + errno
                        + (errno == EAFNOSUPPORT ? " (EAFNOSUPPORT: this kernel has no AF_ALG)"
                                : " (AF_ALG is forbidden here)"));
            }
            throw e;
        }
    }

    private interface Call {
        long run() throws LastErrorException;
    }

    private static long call(String what, Call call) {
        try {
            return call.run();
        } catch (LastErrorException e) {
            throw new IllegalStateException(what + " failed with errno " + e.getErrorCode(), e);
        }
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static final class NoAfAlgException extends RuntimeException {
        NoAfAlgException(String message) {
            super(message);
        }
    }

    private static final class Libc {
        static {
            Native.register(Platform.C_LIBRARY_NAME);
        }

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int bind(int fd, long addr, int len) throws LastErrorException;

        static native int setsockopt(int fd, int level, int name, long value, int len) throws LastErrorException;

        static native int accept(int fd, long addr, long len) throws LastErrorException;

        static native long sendmsg(int fd, long msg, int flags) throws LastErrorException;

        static native long read(int fd, long buf, long count) throws LastErrorException;

        static native int close(int fd);
    }
}
