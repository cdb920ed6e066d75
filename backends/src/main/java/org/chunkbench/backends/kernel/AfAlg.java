package org.chunkbench.backends.kernel;

import java.io.IOException;

import org.chunkbench.backends.memory.NativeBlock;

/**
 * The set-up calls of an AF_ALG skcipher or aead over either binding ({@link Syscalls}), each failure turned into a message
 * that says what it means. Written once: the cipher, the controls and the probes of both bindings call these.
 */
final class AfAlg {
    static final String SOCKET_CALL = "socket(AF_ALG, SOCK_SEQPACKET, 0)";
    static final String BLOCKED = "AF_ALG is blocked (seccomp, LSM or a mitigation such as those for CVE-2026-31431)";

    private AfAlg() {
    }

    static int socket(Syscalls sys) {
        int fd = sys.socket(LibC.AF_ALG, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw socketFailure(-fd);
        }
        return fd;
    }

    static AfAlgException socketFailure(int errno) {
        String meaning = switch (errno) {
            case Errno.EAFNOSUPPORT -> AfAlgRestriction.socketUnsupported(AfAlgRestriction.current());
            case Errno.EPERM, Errno.EACCES -> BLOCKED;
            default -> null;
        };
        return new AfAlgException(SOCKET_CALL, errno, meaning);
    }

    /**
     * A transform socket bound to {@code driver}; the sockaddr_alg is written into {@code scratch} at {@code at}
     * ({@link AlgLayout#SOCKADDR_ALG_SIZE} bytes).
     */
    static int openTransform(Syscalls sys, NativeBlock scratch, int at, String driver) {
        return openTransform(sys, scratch, at, SKCIPHER, driver);
    }

    static final String SKCIPHER = "skcipher";
    static final String AEAD = "aead";

    /** The same for another AF_ALG type ({@link #AEAD}). */
    static int openTransform(Syscalls sys, NativeBlock scratch, int at, String type, String name) {
        AlgLayout.writeSockaddr(scratch.view(), at, type, name);
        int fd = socket(sys);
        int r = sys.bind(fd, scratch.address() + at, AlgLayout.SOCKADDR_ALG_SIZE);
        if (r < 0) {
            closeQuietly(sys, fd);
            throw bindFailure(type, name, -r);
        }
        return fd;
    }

    /** Whether the skcipher {@code driver} binds through {@code sys}: null when it does, else the failure. */
    static AfAlgException tryBind(Syscalls sys, String driver) {
        return tryBind(sys, SKCIPHER, driver);
    }

    static AfAlgException tryBind(Syscalls sys, String type, String name) {
        try (NativeBlock sa = new NativeBlock(sys.memory(), "sockaddr_alg", AlgLayout.SOCKADDR_ALG_SIZE)) {
            closeQuietly(sys, openTransform(sys, sa, 0, type, name));
            return null;
        } catch (AfAlgException e) {
            return e;
        }
    }

    static AfAlgException bindFailure(String driver, int errno) {
        return bindFailure(SKCIPHER, driver, errno);
    }

    static AfAlgException bindFailure(String type, String name, int errno) {
        String meaning = switch (errno) {
            case Errno.ENOENT -> type.equals(SKCIPHER)
                    ? AfAlgRestriction.bindNotFound(name, AfAlgRestriction.current(), procCrypto())
                    : AfAlgRestriction.aeadBindNotFound(name, AfAlgRestriction.current());
            case Errno.ELIBBAD -> "the kernel's self-test of this algorithm failed (ELIBBAD)";
            default -> null;
        };
        return new AfAlgException("bind(" + type + ", \"" + name + "\")", errno, meaning);
    }

    private static ProcCrypto procCrypto() {
        try {
            return ProcCrypto.read();
        } catch (IOException e) {
            return null;
        }
    }

    static void setKey(Syscalls sys, int tfm, long key, int len) {
        int r = sys.setsockopt(tfm, AlgLayout.SOL_ALG, AlgLayout.ALG_SET_KEY, key, len);
        if (r < 0) {
            throw setKeyFailure(len, -r);
        }
    }

    static AfAlgException setKeyFailure(int len, int errno) {
        return new AfAlgException("setsockopt(SOL_ALG, ALG_SET_KEY, " + len + " bytes)", errno,
                errno == Errno.EINVAL ? "the driver rejected a key of " + (len * 8) + " bits" : null);
    }

    /** {@code serialAddr} holds the 4-byte serial; returns 0 or {@code -errno}, for callers that only probe. */
    static int trySetKeyBySerial(Syscalls sys, int tfm, long serialAddr) {
        return sys.setsockopt(tfm, AlgLayout.SOL_ALG, AlgLayout.ALG_SET_KEY_BY_KEY_SERIAL, serialAddr, 4);
    }

    /** {@code serialAddr} holds the 4-byte serial. */
    static void setKeyBySerial(Syscalls sys, int tfm, long serialAddr, int serial) {
        int r = trySetKeyBySerial(sys, tfm, serialAddr);
        if (r < 0) {
            throw keySerialFailure(serial, -r);
        }
    }

    static AfAlgException keySerialFailure(int serial, int errno) {
        String meaning = switch (errno) {
            case Errno.EACCES -> "no search permission on key " + serial;
            case Errno.ENOPROTOOPT -> "this kernel has no ALG_SET_KEY_BY_KEY_SERIAL (it needs Linux 6.2 or later); "
                    + "use key=raw";
            case Errno.ENOKEY -> "key " + serial + " does not exist or is not reachable from this process's keyrings";
            case Errno.EKEYREVOKED -> "key " + serial + " has been revoked";
            case Errno.EKEYEXPIRED -> "key " + serial + " has expired";
            case Errno.EINVAL -> "key " + serial + " is not an AES key (its payload must be 16, 24 or 32 bytes)";
            default -> null;
        };
        return new AfAlgException("setsockopt(SOL_ALG, ALG_SET_KEY_BY_KEY_SERIAL, " + serial + ")", errno, meaning);
    }

    static int accept(Syscalls sys, int tfm) {
        int r;
        do {
            r = sys.accept(tfm, 0, 0);
        } while (r == -Errno.EINTR);
        if (r < 0) {
            throw acceptFailure(-r);
        }
        return r;
    }

    static AfAlgException acceptFailure(int errno) {
        return new AfAlgException("accept(transform socket)", errno, errno == Errno.ENOKEY ? "no key was set on the transform" : null);
    }

    /**
     * Closes {@code fd} unless it is negative (not open); returns -1, the value an owner stores afterwards. Linux
     * releases a descriptor even when close reports an error, so there is nothing to retry or report.
     */
    static int closeQuietly(Syscalls sys, int fd) {
        if (fd >= 0) {
            sys.close(fd);
        }
        return -1;
    }
}
