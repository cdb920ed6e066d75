package org.chunkbench.backends.kernel;

import java.util.Map;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkPath;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;

/**
 * The kernel-side controls, built from the kernel backend's own parts, through either binding ({@code jna}, or
 * {@code ffm} on JDK 22+; FFM is unavailable on older JDKs with the reason "needs JDK 22 or newer"):
 * <ul>
 * <li>{@code syscall[binding=jna|ffm]} ({@link SyscallControl}, written once over {@link Syscalls}): sendmsg and
 * read of each chunk on an AF_UNIX socket pair; runs on any Linux.</li>
 * <li>{@code kernel-null[binding=jna|ffm,io=copy|splice]}: the backend's own cipher
 * ({@link AfAlgCipher}, written once over {@link Syscalls}) with that binding's calls, bound to the kernel's null cipher
 * ({@code crypto_null} module), which has keysize 0 and ivsize 0. So no key is set (the transform needs none:
 * AF_ALG accepts without ENOKEY when the maximum key size is 0) and the control messages are ALG_SET_OP alone
 * (AF_ALG rejects an ALG_SET_IV whose length is not the cipher's ivsize with EINVAL). The output equals the input.
 * Needs AF_ALG, that is the VM on the build hosts.</li>
 * </ul>
 */
public final class KernelControls {
    /** The kernel's identity skcipher, from {@code crypto/crypto_null.c}. */
    public static final String NULL_DRIVER = "ecb(cipher_null)";

    private static final Availability[] NULL_CIPHER = new Availability[Binding.values().length];

    private KernelControls() {
    }

    private static Binding binding(String spelling) {
        return Binding.requested("kernel", Map.of(Binding.OPTION, spelling));
    }

    /** {@code binding} is {@code jna} or {@code ffm}. */
    public static Availability syscallAvailability(String binding) {
        String reason = Syscalls.unavailableReason(binding(binding));
        return reason == null ? Availability.yes() : Availability.no(reason);
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
        return new SyscallControl(Syscalls.of(binding(binding)), spelled, spec);
    }

    /** AF_ALG works through that binding and binds {@value #NULL_DRIVER}; checked once per binding. */
    public static synchronized Availability nullCipherAvailability(String binding) {
        Binding b = binding(binding);
        if (NULL_CIPHER[b.ordinal()] == null) {
            NULL_CIPHER[b.ordinal()] = KernelBackend.probe(b, NULL_DRIVER);
        }
        return NULL_CIPHER[b.ordinal()];
    }

    /** {@code io} is {@code copy} or {@code splice}, as for the backend; {@code binding} is {@code jna} or {@code ffm}. */
    public static ChunkedCipher openNullCipher(String spelled, CipherSpec spec, String io, String binding) {
        Availability a = nullCipherAvailability(binding);
        if (!a.available()) {
            throw new BackendUnavailableException(spelled + " is not available: " + a.reason());
        }
        Binding b = binding(binding);
        KernelOptions options = KernelOptions.of(Map.of("driver", NULL_DRIVER, "io", io), spec.key()).withBinding(b);
        return new AfAlgCipher(Syscalls.of(b), spelled, spec, options, false);
    }
}
