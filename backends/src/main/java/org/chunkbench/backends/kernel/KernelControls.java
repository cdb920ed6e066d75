package org.chunkbench.backends.kernel;

import java.util.Map;

import com.sun.jna.LastErrorException;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkPath;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.jna.OwnedMemory;

/**
 * The kernel-side controls, built from the kernel backend's own parts, through either binding ({@code jna}, or
 * {@code ffm} on JDK 22+; FFM is unavailable on older JDKs with the reason "needs JDK 22 or newer"):
 * <ul>
 * <li>{@code syscall[binding=jna|ffm]} ({@link SyscallControl}, written once over {@link Syscalls}): sendmsg and
 * read of each chunk on an AF_UNIX socket pair; runs on any Linux.</li>
 * <li>{@code kernel[binding=jna|ffm,driver=ecb(cipher_null),io=copy|splice]}: the backend's own cipher class of that
 * binding ({@link KernelChunkedCipher}, {@code FfmKernelCipher}) bound to the kernel's null cipher
 * ({@code crypto_null} module), which has keysize 0 and ivsize 0. So no key is set (the transform needs none:
 * AF_ALG accepts without ENOKEY when the maximum key size is 0) and the control messages are ALG_SET_OP alone
 * (AF_ALG rejects an ALG_SET_IV whose length is not the cipher's ivsize with EINVAL). The output equals the input.
 * Needs AF_ALG, that is the VM on the build hosts.</li>
 * </ul>
 */
public final class KernelControls {
    /** The kernel's identity skcipher, from {@code crypto/crypto_null.c}. */
    public static final String NULL_DRIVER = "ecb(cipher_null)";

    /** Its own instance, for the FFM binding's parts (loaded by name on JDK 22+ only). */
    private static final KernelBackend BACKEND = new KernelBackend();
    /** The release-22 {@link Syscalls} (src/main/java22), loaded by name only on JDK 22+. */
    static final String FFM_SYSCALLS = "org.chunkbench.backends.kernel.FfmSyscalls";
    private static Syscalls ffmSyscalls;
    private static Availability nullCipher;
    private static Availability ffmNullCipher;

    private KernelControls() {
    }

    private static Binding binding(String spelling) {
        return Binding.requested("kernel", Map.of(Binding.OPTION, spelling));
    }

    /** {@code binding} is {@code jna} or {@code ffm}. */
    public static Availability syscallAvailability(String binding) {
        if (binding(binding) == Binding.FFM) {
            String reason = BACKEND.ffmLoadReason();
            return reason == null ? Availability.yes() : Availability.no(reason);
        }
        String reason = JnaSyscalls.loadError();
        return reason == null ? Availability.yes() : Availability.no(reason);
    }

    /** The binding's calls, after {@link #syscallAvailability} said yes; the FFM one is loaded once. */
    static synchronized Syscalls syscalls(Binding b) {
        if (b == Binding.JNA) {
            return JnaSyscalls.INSTANCE;
        }
        if (ffmSyscalls == null) {
            ffmSyscalls = Binding.loadFfm(FFM_SYSCALLS, Syscalls.class);
        }
        return ffmSyscalls;
    }

    /**
     * How {@code syscall[binding=b]} spends a chunk ({@link SyscallControl}): {@code sendmsg} and {@code read} per
     * {@link Pieces#PIECE}-byte piece, heap buffers copied through the staging. It has no null-cipher control: it is
     * one.
     */
    public static ChunkPath syscallPath(Binding b, boolean directBuffers) {
        return new ChunkPath(null, ChunkPath.noOpCall(b), Pieces.PIECE, !directBuffers,
                n -> 2 * ChunkPath.pieces(n, Pieces.PIECE));
    }

    public static ChunkedCipher openSyscall(String spelled, CipherSpec spec, String binding) {
        Availability a = syscallAvailability(binding);
        if (!a.available()) {
            throw new BackendUnavailableException(spelled + " is not available: " + a.reason());
        }
        return new SyscallControl(syscalls(binding(binding)), spelled, spec);
    }

    /** AF_ALG works through that binding and binds {@value #NULL_DRIVER}; checked once per binding. */
    public static synchronized Availability nullCipherAvailability(String binding) {
        if (binding(binding) == Binding.FFM) {
            if (ffmNullCipher == null) {
                String reason = BACKEND.ffmLoadReason();
                ffmNullCipher = reason != null ? Availability.no(reason) : BACKEND.ffmBinding().probe(NULL_DRIVER);
            }
            return ffmNullCipher;
        }
        if (nullCipher == null) {
            nullCipher = probeNullCipher();
        }
        return nullCipher;
    }

    private static Availability probeNullCipher() {
        Availability kernel = BACKEND.availability(Binding.JNA);
        if (!kernel.available()) {
            return kernel;
        }
        try (OwnedMemory sa = new OwnedMemory("sockaddr_alg", AlgLayout.SOCKADDR_ALG_SIZE)) {
            AfAlg.closeQuietly(AfAlg.openTransform(sa.pointer(), NULL_DRIVER));
            return Availability.yes();
        } catch (AfAlgException e) {
            return Availability.no(e.getMessage());
        } catch (LastErrorException | LinkageError e) {
            return Availability.no(String.valueOf(e));
        }
    }

    /** {@code io} is {@code copy} or {@code splice}, as for the backend; {@code binding} is {@code jna} or {@code ffm}. */
    public static ChunkedCipher openNullCipher(String spelled, CipherSpec spec, String io, String binding) {
        Availability a = nullCipherAvailability(binding);
        if (!a.available()) {
            throw new BackendUnavailableException(spelled + " is not available: " + a.reason());
        }
        Binding b = binding(binding);
        KernelOptions options = KernelOptions.of(Map.of("driver", NULL_DRIVER, "io", io), spec.key()).withBinding(b);
        return b == Binding.FFM ? BACKEND.ffmBinding().openNullCipher(spelled, spec, options)
                : new KernelChunkedCipher(spelled, spec, options, false);
    }
}
