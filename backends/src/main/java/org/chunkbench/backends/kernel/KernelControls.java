package org.chunkbench.backends.kernel;

import java.util.Map;

import com.sun.jna.LastErrorException;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.jna.OwnedMemory;

/**
 * The kernel-side controls, built from the kernel backend's own parts:
 * <ul>
 * <li>{@code syscall[binding=jna]} ({@link SyscallControl}): sendmsg and read of each chunk on an AF_UNIX socket
 * pair; runs on any Linux.</li>
 * <li>{@code kernel[driver=ecb(cipher_null),io=copy|splice]}: the backend's own cipher class bound to the
 * kernel's null cipher ({@code crypto_null} module), which has keysize 0 and ivsize 0. So no key is set (the
 * transform needs none: AF_ALG accepts without ENOKEY when the maximum key size is 0) and the control messages
 * are ALG_SET_OP alone (AF_ALG rejects an ALG_SET_IV whose length is not the cipher's ivsize with EINVAL). The
 * output equals the input. Needs AF_ALG, that is the VM on the build hosts.</li>
 * </ul>
 */
public final class KernelControls {
    /** The kernel's identity skcipher, from {@code crypto/crypto_null.c}. */
    public static final String NULL_DRIVER = "ecb(cipher_null)";

    private static Availability nullCipher;

    private KernelControls() {
    }

    public static Availability syscallAvailability() {
        try {
            return UnixSockets.LOAD_ERROR == null ? Availability.yes() : Availability.no(UnixSockets.LOAD_ERROR);
        } catch (LinkageError e) {
            return Availability.no("JNA could not load: " + e);
        }
    }

    public static ChunkedCipher openSyscall(String spelled, CipherSpec spec) {
        Availability a = syscallAvailability();
        if (!a.available()) {
            throw new BackendUnavailableException(spelled + " is not available: " + a.reason());
        }
        return new SyscallControl(spelled, spec);
    }

    /** AF_ALG works and binds {@value #NULL_DRIVER}; checked once. */
    public static synchronized Availability nullCipherAvailability() {
        if (nullCipher == null) {
            nullCipher = probeNullCipher();
        }
        return nullCipher;
    }

    private static Availability probeNullCipher() {
        Availability kernel = new KernelBackend().availability();
        if (!kernel.available()) {
            return kernel;
        }
        try (OwnedMemory sa = new OwnedMemory("sockaddr_alg", AlgLayout.SOCKADDR_ALG_SIZE)) {
            AfAlg.closeQuietly(AfAlg.openTransform(sa.pointer(), NULL_DRIVER));
            return Availability.yes();
        } catch (AfAlgException e) {
            return Availability.no(e.getMessage() + (e.errno() == Errno.ENOENT ? " (load the crypto_null module)" : ""));
        } catch (LastErrorException | LinkageError e) {
            return Availability.no(String.valueOf(e));
        }
    }

    /** {@code io} is {@code copy} or {@code splice}, as for the backend. */
    public static ChunkedCipher openNullCipher(String spelled, CipherSpec spec, String io) {
        Availability a = nullCipherAvailability();
        if (!a.available()) {
            throw new BackendUnavailableException(spelled + " is not available: " + a.reason());
        }
        KernelOptions options = KernelOptions.of(Map.of("driver", NULL_DRIVER, "io", io), spec.key());
        return new KernelChunkedCipher(spelled, spec, options, false);
    }
}
