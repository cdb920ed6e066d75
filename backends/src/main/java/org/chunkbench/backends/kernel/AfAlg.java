package org.chunkbench.backends.kernel;

import java.io.IOException;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

/** The set-up calls of an AF_ALG skcipher, each failure turned into a message that says what it means. */
final class AfAlg {
    static final String SOCKET_CALL = "socket(AF_ALG, SOCK_SEQPACKET, 0)";
    static final String BLOCKED = "AF_ALG is blocked (seccomp, LSM or a mitigation such as those for CVE-2026-31431)";

    private AfAlg() {
    }

    static int socket() {
        try {
            return nonNegative(SOCKET_CALL, LibC.socket(LibC.AF_ALG, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0));
        } catch (LastErrorException e) {
            throw socketFailure(e.getErrorCode());
        }
    }

    static AfAlgException socketFailure(int errno) {
        String meaning = switch (errno) {
            case Errno.EAFNOSUPPORT -> AfAlgRestriction.socketUnsupported(AfAlgRestriction.current());
            case Errno.EPERM, Errno.EACCES -> BLOCKED;
            default -> null;
        };
        return new AfAlgException(SOCKET_CALL, errno, meaning);
    }

    /** A transform socket bound to {@code driver}; {@code sockaddr} is scratch space for the sockaddr_alg. */
    static int openTransform(Pointer sockaddr, String driver) {
        int fd = socket();
        try {
            AlgLayout.writeSockaddr(sockaddr, "skcipher", driver);
            nonNegative("bind(skcipher)", LibC.bind(fd, Pointer.nativeValue(sockaddr), AlgLayout.SOCKADDR_ALG_SIZE));
            return fd;
        } catch (LastErrorException e) {
            closeQuietly(fd);
            throw bindFailure(driver, e.getErrorCode());
        } catch (RuntimeException e) {
            closeQuietly(fd);
            throw e;
        }
    }

    static AfAlgException bindFailure(String driver, int errno) {
        String meaning = switch (errno) {
            case Errno.ENOENT -> AfAlgRestriction.bindNotFound(driver, AfAlgRestriction.current(), procCrypto());
            case Errno.ELIBBAD -> "the kernel's self-test of this algorithm failed (ELIBBAD)";
            default -> null;
        };
        return new AfAlgException("bind(skcipher, \"" + driver + "\")", errno, meaning);
    }

    private static ProcCrypto procCrypto() {
        try {
            return ProcCrypto.read();
        } catch (IOException e) {
            return null;
        }
    }

    static void setKey(int tfm, long key, int len) {
        try {
            nonNegative("setsockopt(SOL_ALG, ALG_SET_KEY)", LibC.setsockopt(tfm, AlgLayout.SOL_ALG, AlgLayout.ALG_SET_KEY, key, len));
        } catch (LastErrorException e) {
            throw setKeyFailure(len, e.getErrorCode());
        }
    }

    static AfAlgException setKeyFailure(int len, int errno) {
        return new AfAlgException("setsockopt(SOL_ALG, ALG_SET_KEY, " + len + " bytes)", errno,
                errno == Errno.EINVAL ? "the driver rejected a key of " + (len * 8) + " bits" : null);
    }

    /** {@code serialAddr} holds the 4-byte serial. */
    static void setKeyBySerial(int tfm, long serialAddr, int serial) {
        try {
            nonNegative("setsockopt(SOL_ALG, ALG_SET_KEY_BY_KEY_SERIAL)",
                    LibC.setsockopt(tfm, AlgLayout.SOL_ALG, AlgLayout.ALG_SET_KEY_BY_KEY_SERIAL, serialAddr, 4));
        } catch (LastErrorException e) {
            throw keySerialFailure(serial, e.getErrorCode());
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

    static int accept(int tfm) {
        while (true) {
            try {
                return nonNegative("accept(transform socket)", LibC.accept(tfm, 0, 0));
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw acceptFailure(e.getErrorCode());
                }
            }
        }
    }

    static AfAlgException acceptFailure(int errno) {
        return new AfAlgException("accept(transform socket)", errno, errno == Errno.ENOKEY ? "no key was set on the transform" : null);
    }

    /** JNA throws when errno is set; a negative result without one is still a failure, never a descriptor. */
    static int nonNegative(String call, int r) {
        if (r < 0) {
            throw new IllegalStateException(call + " returned " + r + " without an errno");
        }
        return r;
    }

    /** Closes {@code fd} unless it is negative (not open); returns -1, the value an owner stores afterwards. */
    static int closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                LibC.close(fd);
            } catch (LastErrorException e) {
                // Linux releases the descriptor even when close reports an error; nothing to retry.
            }
        }
        return -1;
    }
}
