package org.chunkbench.analysis;

import java.util.Optional;
import java.util.function.IntToLongFunction;

import org.chunkbench.backends.BackendSpec;

/**
 * How one native backend variant spends a chunk, as the decomposition needs it: which control series are its
 * null-cipher path, its binding's call floor and its copies, and how many native calls it makes per chunk.
 *
 * @param backend the backend series, as spelled in results
 * @param nullPath the same path with a null cipher, through the same binding ({@code openssl[binding=jna,cipher=null]},
 *                 {@code kernel[binding=ffm,driver=ecb(cipher_null),io=...]}, ...)
 * @param call the binding's no-op call ({@code call[binding=jna]} or {@code call[binding=ffm]})
 * @param copy the staging copies ({@code copy}); empty for a path that makes none by construction, whose copies
 *             are then exactly 0 rather than measured
 * @param harness the harness floor every series pays once per chunk ({@code none})
 * @param pathLabel what is left of the null-cipher path once binding and copies are taken out
 * @param callsPerChunk native calls per chunk of the given size
 */
public record NativePath(String backend, String nullPath, String call, Optional<String> copy, String harness,
        String pathLabel, IntToLongFunction callsPerChunk) {

    /** OpenSSL's stage: heap buffers go through native memory 256 KiB at a time (OpenSslChunkedCipher.STAGE). */
    static final int OPENSSL_STAGE = 256 * 1024;
    /** The kernel backend's piece (KernelChunkedCipher.PIECE). */
    static final int KERNEL_PIECE = 64 * 1024;

    /**
     * The JNA backends as they are built today: {@code openssl} and {@code kernel[...]} (any driver and key
     * source, {@code io=copy} or {@code io=splice}). Empty for a backend that is not native, or a binding or I/O
     * path this table does not know (never a guess).
     *
     * <p>Calls per chunk of {@code n} bytes, {@code p(n, s) = ceil(n / s)} pieces:
     * <ul>
     * <li>{@code openssl}: one {@code EVP_CipherUpdate} per 256 KiB piece with a heap buffer on either side, one
     * for the whole chunk with direct buffers on both; plus one {@code EVP_CipherInit_ex} per chunk in
     * per-chunk-iv mode.</li>
     * <li>{@code kernel[io=copy]}: {@code sendmsg} and {@code read} per 64 KiB piece (the IV rides on the first
     * sendmsg).</li>
     * <li>{@code kernel[io=splice]}: {@code vmsplice}, {@code splice} and {@code read} per 64 KiB piece, plus one
     * {@code sendmsg} for the control messages per chunk in per-chunk-iv mode (in stream mode only the first
     * chunk has one: 0 per chunk in the steady state). With direct buffers the count assumes page-aligned
     * buffers; an unaligned start adds a piece when it makes the chunk straddle one more 64 KiB boundary.</li>
     * </ul>
     * A chunk of 0 bytes makes no data call.
     */
    public static Optional<NativePath> jna(String backendVariant, boolean perChunkIv, boolean directBuffers) {
        BackendSpec s = BackendSpec.parse(backendVariant);
        String binding = s.options().getOrDefault("binding", "jna");
        if (!binding.equals("jna")) {
            return Optional.empty();
        }
        String spelled = s.toString();
        switch (s.name()) {
            case "openssl" -> {
                if (s.options().containsKey("cipher")) {
                    return Optional.empty(); // the control itself
                }
                int slice = directBuffers ? Integer.MAX_VALUE : OPENSSL_STAGE;
                return Optional.of(new NativePath(spelled, "openssl[binding=jna,cipher=null]", "call[binding=jna]",
                        Optional.of("copy"), "none", "OpenSSL outside AES",
                        n -> pieces(n, slice) + (perChunkIv ? 1 : 0)));
            }
            case "kernel" -> {
                return kernel(s, "jna", perChunkIv, Optional.of("copy"));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * Why an FFM backend's null path is missing from a run that has other controls but none of the FFM null-cipher
     * ones ({@code openssl[binding=ffm,cipher=null]}, {@code kernel[binding=ffm,driver=ecb(cipher_null),io=...]}):
     * it was made before they existed. Its path and cipher are then "not measured" with this reason, never borrowed
     * from the JNA null path.
     */
    public static final String FFM_CONTROLS_NOT_IN_RUN =
            "not in this run: it predates the FFM null-cipher controls (chunkbench run --controls on JDK 22+ times them)";

    /**
     * The FFM backends as they are built today, {@code openssl[binding=ffm]} and {@code kernel[binding=ffm,...]}.
     * Empty for anything else. Calls per chunk of {@code n} bytes:
     * <ul>
     * <li>{@code openssl[binding=ffm]}: one critical {@code EVP_CipherUpdate} per chunk straight on the caller's
     * memory, heap or direct (no staging, so no copy component: it is exactly 0); plus one
     * {@code EVP_CipherInit_ex} per chunk in per-chunk-iv mode.</li>
     * <li>{@code kernel[binding=ffm,io=copy|splice]}: as its JNA twin (same pieces, same calls), heap buffers staged
     * through its own native segments; the copy floor is the {@code copy} control's.</li>
     * </ul>
     * The null paths are the FFM controls {@code openssl[binding=ffm,cipher=null]} (the same class with
     * {@code EVP_enc_null()}: the same calls, no copies) and {@code kernel[binding=ffm,driver=ecb(cipher_null),io=...]}
     * (the same class bound to the null cipher).
     */
    public static Optional<NativePath> ffm(String backendVariant, boolean perChunkIv, boolean directBuffers) {
        BackendSpec s = BackendSpec.parse(backendVariant);
        if (!"ffm".equals(s.options().get("binding"))) {
            return Optional.empty();
        }
        String spelled = s.toString();
        switch (s.name()) {
            case "openssl" -> {
                if (s.options().containsKey("cipher")) {
                    return Optional.empty();
                }
                return Optional.of(new NativePath(spelled, "openssl[binding=ffm,cipher=null]", "call[binding=ffm]",
                        Optional.empty(), "none", "OpenSSL outside AES", n -> (n == 0 ? 0 : 1) + (perChunkIv ? 1 : 0)));
            }
            case "kernel" -> {
                return kernel(s, "ffm", perChunkIv, directBuffers ? Optional.empty() : Optional.of("copy"));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** {@link #jna} or {@link #ffm}, by the variant's {@code binding} option. */
    public static Optional<NativePath> of(String backendVariant, boolean perChunkIv, boolean directBuffers) {
        Optional<NativePath> p = jna(backendVariant, perChunkIv, directBuffers);
        return p.isPresent() ? p : ffm(backendVariant, perChunkIv, directBuffers);
    }

    static long pieces(int n, int size) {
        return n == 0 ? 0 : (n + (long) size - 1) / size;
    }

    /**
     * {@code kernel[binding=B,...]} of either binding: the calls {@link #jna} lists for io=copy and io=splice, the
     * binding's null-cipher control and no-op call, and the given copy series. Empty for the null control itself
     * and for an I/O path it does not know.
     */
    private static Optional<NativePath> kernel(BackendSpec s, String binding, boolean perChunkIv, Optional<String> copy) {
        String io = s.options().getOrDefault("io", "copy");
        String driver = s.options().getOrDefault("driver", "ctr(aes)");
        if (driver.equals("ecb(cipher_null)")) {
            return Optional.empty();
        }
        IntToLongFunction calls;
        if (io.equals("copy")) {
            calls = n -> 2 * pieces(n, KERNEL_PIECE);
        } else if (io.equals("splice")) {
            calls = n -> n == 0 ? 0 : 3 * pieces(n, KERNEL_PIECE) + (perChunkIv ? 1 : 0);
        } else {
            return Optional.empty();
        }
        return Optional.of(new NativePath(s.toString(), "kernel[binding=" + binding + ",driver=ecb(cipher_null),io=" + io + "]",
                "call[binding=" + binding + "]", copy, "none", "system calls and AF_ALG outside AES", calls));
    }
}
