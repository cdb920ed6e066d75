package org.chunkbench.bench;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * For env.json when no kernel backend is registered: can this kernel open an AF_ALG socket at all? The kernel
 * backend, when present, answers this itself (with more detail) and this probe is not used.
 */
final class AfAlgProbe {
    private static final int AF_ALG = 38;
    private static final int SOCK_SEQPACKET = 5;
    private static final int EAFNOSUPPORT = 97;

    private AfAlgProbe() {
    }

    /** Null when socket(AF_ALG, SOCK_SEQPACKET, 0) succeeds, else why not. */
    static synchronized String unavailableReason() {
        if (!Platform.isLinux()) {
            return "AF_ALG is a Linux interface; this is " + System.getProperty("os.name");
        }
        try {
            Libc.ensure();
            int fd = Libc.socket(AF_ALG, SOCK_SEQPACKET, 0);
            Libc.close(fd);
            return null;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EAFNOSUPPORT) {
                return "socket(AF_ALG) failed with error(97): address family not supported; this kernel has no AF_ALG "
                        + "(CONFIG_CRYPTO_USER_API_SKCIPHER)";
            }
            return "socket(AF_ALG) failed with error(" + e.getErrorCode() + "): " + e.getMessage();
        } catch (LinkageError e) {
            return "cannot call socket() through JNA: " + e.getMessage();
        }
    }

    private static final class Libc {
        private static boolean registered;

        static void ensure() {
            if (!registered) {
                Native.register(Libc.class, Platform.C_LIBRARY_NAME);
                registered = true;
            }
        }

        static native int socket(int domain, int type, int protocol) throws LastErrorException;

        static native int close(int fd) throws LastErrorException;
    }
}
