package org.chunkbench.backends.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * The set-up calls of an AF_ALG skcipher and the keyring calls over FFM. Failures become the same
 * {@link AfAlgException}s, with the same meanings, as the JNA path ({@link AfAlg}, {@link Keyring}); the layouts
 * are {@link AlgLayout}'s offsets written into a {@link MemorySegment}. {@code capture} is the caller's errno
 * capture segment ({@link FfmLibC#CAPTURE_LAYOUT}).
 */
final class FfmAfAlg {
    private FfmAfAlg() {
    }

    static int socket(MemorySegment capture) {
        int fd;
        try {
            fd = (int) FfmLibC.SOCKET.invokeExact(capture, LibC.AF_ALG, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0);
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
        if (fd < 0) {
            throw AfAlg.socketFailure(FfmLibC.errno(capture));
        }
        return fd;
    }

    /** A transform socket bound to {@code driver}; {@code sockaddr} is scratch space for the sockaddr_alg. */
    static int openTransform(MemorySegment capture, MemorySegment sockaddr, String driver) {
        int fd = socket(capture);
        try {
            writeSockaddr(sockaddr, "skcipher", driver);
            int rc = (int) FfmLibC.BIND.invokeExact(capture, fd, sockaddr.address(), AlgLayout.SOCKADDR_ALG_SIZE);
            if (rc != 0) {
                throw AfAlg.bindFailure(driver, FfmLibC.errno(capture));
            }
            return fd;
        } catch (Throwable t) {
            closeQuietly(capture, fd);
            throw FfmLibC.rethrow(t);
        }
    }

    static void setKey(MemorySegment capture, int tfm, MemorySegment key) {
        int len = (int) key.byteSize();
        int rc;
        try {
            rc = (int) FfmLibC.SETSOCKOPT.invokeExact(capture, tfm, AlgLayout.SOL_ALG, AlgLayout.ALG_SET_KEY, key.address(), len);
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
        if (rc != 0) {
            throw AfAlg.setKeyFailure(len, FfmLibC.errno(capture));
        }
    }

    /** {@code serialCell} is 4 bytes of scratch for the serial. */
    static void setKeyBySerial(MemorySegment capture, int tfm, MemorySegment serialCell, int serial) {
        serialCell.set(JAVA_INT, 0, serial);
        int rc;
        try {
            rc = (int) FfmLibC.SETSOCKOPT.invokeExact(capture, tfm, AlgLayout.SOL_ALG, AlgLayout.ALG_SET_KEY_BY_KEY_SERIAL,
                    serialCell.address(), 4);
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
        if (rc != 0) {
            throw AfAlg.keySerialFailure(serial, FfmLibC.errno(capture));
        }
    }

    static int accept(MemorySegment capture, int tfm) {
        while (true) {
            int fd;
            try {
                fd = (int) FfmLibC.ACCEPT.invokeExact(capture, tfm, 0L, 0L);
            } catch (Throwable t) {
                throw FfmLibC.rethrow(t);
            }
            if (fd >= 0) {
                return fd;
            }
            int errno = FfmLibC.errno(capture);
            if (errno != Errno.EINTR) {
                throw AfAlg.acceptFailure(errno);
            }
        }
    }

    static void closeQuietly(MemorySegment capture, int fd) {
        if (fd < 0) {
            return;
        }
        try {
            int ignored = (int) FfmLibC.CLOSE.invokeExact(capture, fd);
            // Linux frees the descriptor even when close reports an error; nothing to retry.
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    /** add_key(type, description, payload, keyring); the native copy of the payload is wiped before returning. */
    static int addKey(MemorySegment capture, String type, String description, byte[] payload, int keyring) {
        byte[] t = (type + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] d = (description + "\0").getBytes(StandardCharsets.UTF_8);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mem = a.allocate(t.length + d.length + payload.length);
            MemorySegment.copy(t, 0, mem, JAVA_BYTE, 0, t.length);
            MemorySegment.copy(d, 0, mem, JAVA_BYTE, t.length, d.length);
            MemorySegment.copy(payload, 0, mem, JAVA_BYTE, t.length + d.length, payload.length);
            long base = mem.address();
            long r;
            try {
                r = (long) FfmLibC.SYSCALL5.invokeExact(capture, LibC.SYS_ADD_KEY, base, base + t.length,
                        base + t.length + d.length, (long) payload.length, (long) keyring);
            } catch (Throwable e) {
                throw FfmLibC.rethrow(e);
            } finally {
                mem.fill((byte) 0);
            }
            if (r < 0) {
                throw Keyring.addKeyFailure(type, description, FfmLibC.errno(capture));
            }
            return (int) r;
        }
    }

    static void keyctl(MemorySegment capture, String call, int op, long a2, long a3) {
        long r;
        try {
            r = (long) FfmLibC.SYSCALL5.invokeExact(capture, LibC.SYS_KEYCTL, (long) op, a2, a3, 0L, 0L);
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
        if (r < 0) {
            throw new AfAlgException(call, FfmLibC.errno(capture), null);
        }
    }

    static void revoke(MemorySegment capture, int serial) {
        keyctl(capture, "keyctl(KEYCTL_REVOKE, " + serial + ")", Keyring.KEYCTL_REVOKE, serial, 0);
    }

    static void unlink(MemorySegment capture, int serial, int keyring) {
        keyctl(capture, "keyctl(KEYCTL_UNLINK, " + serial + ", " + keyring + ")", Keyring.KEYCTL_UNLINK, serial, keyring);
    }

    /** As {@link AlgLayout#writeSockaddr}, into a segment. */
    static void writeSockaddr(MemorySegment p, String type, String name) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (t.length >= AlgLayout.SALG_TYPE_LEN || n.length >= AlgLayout.SALG_NAME_LEN) {
            throw new IllegalArgumentException("AF_ALG names are at most " + (AlgLayout.SALG_NAME_LEN - 1)
                    + " characters: '" + name + "'");
        }
        p.asSlice(0, AlgLayout.SOCKADDR_ALG_SIZE).fill((byte) 0);
        p.set(JAVA_SHORT, 0, (short) LibC.AF_ALG);
        MemorySegment.copy(t, 0, p, JAVA_BYTE, AlgLayout.SALG_TYPE, t.length);
        MemorySegment.copy(n, 0, p, JAVA_BYTE, AlgLayout.SALG_NAME, n.length);
    }

    /** As {@link AlgLayout#writeControl}: ALG_SET_OP with {@code op}, then ALG_SET_IV with a zero IV. */
    static void writeControl(MemorySegment p, int op) {
        p.asSlice(0, AlgLayout.CONTROL_SIZE).fill((byte) 0);
        p.set(JAVA_LONG, AlgLayout.CMSG_LEN_OFF, AlgLayout.cmsgLen(4));
        p.set(JAVA_INT, AlgLayout.CMSG_LEVEL, AlgLayout.SOL_ALG);
        p.set(JAVA_INT, AlgLayout.CMSG_TYPE, AlgLayout.ALG_SET_OP);
        p.set(JAVA_INT, AlgLayout.CMSG_HDR, op);
        long iv = AlgLayout.CMSG_OP_SPACE;
        p.set(JAVA_LONG, iv + AlgLayout.CMSG_LEN_OFF, AlgLayout.cmsgLen(AlgLayout.AF_ALG_IV_IV + AlgLayout.IV_SIZE));
        p.set(JAVA_INT, iv + AlgLayout.CMSG_LEVEL, AlgLayout.SOL_ALG);
        p.set(JAVA_INT, iv + AlgLayout.CMSG_TYPE, AlgLayout.ALG_SET_IV);
        p.set(JAVA_INT, iv + AlgLayout.CMSG_HDR + AlgLayout.AF_ALG_IV_IVLEN, AlgLayout.IV_SIZE);
    }

    /** As {@link AlgLayout#writeMsghdr}: one iovec at {@code iovAddr}, no control messages. */
    static void writeMsghdr(MemorySegment p, long iovAddr) {
        p.asSlice(0, AlgLayout.MSGHDR_SIZE).fill((byte) 0);
        p.set(JAVA_LONG, AlgLayout.MSG_IOV, iovAddr);
        p.set(JAVA_LONG, AlgLayout.MSG_IOVLEN, 1L);
    }
}
