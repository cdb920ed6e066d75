package org.chunkbench.analysis;

import java.util.Optional;
import java.util.function.IntToLongFunction;

import org.chunkbench.backends.BackendSpec;

/**
 * How one native backend variant spends a chunk, as the decomposition needs it: which control series are its
 * null-cipher path, its binding's call floor and its copies, and how many native calls it makes per chunk.
 *
 * @param backend the backend series, as spelled in results
 * @param nullPath the same path with a null cipher ({@code openssl[cipher=null]},
 *                 {@code kernel[driver=ecb(cipher_null),io=...]})
 * @param call the binding's no-op call ({@code call[binding=jna]})
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
                return Optional.of(new NativePath(spelled, "openssl[cipher=null]", "call[binding=jna]",
                        Optional.of("copy"), "none", "OpenSSL outside AES",
                        n -> pieces(n, slice) + (perChunkIv ? 1 : 0)));
            }
            case "kernel" -> {
                String io = s.options().getOrDefault("io", "copy");
                String driver = s.options().getOrDefault("driver", "ctr(aes)");
                if (driver.equals("ecb(cipher_null)")) {
                    return Optional.empty();
                }
                String nullPath = "kernel[driver=ecb(cipher_null),io=" + io + "]";
                IntToLongFunction calls;
                if (io.equals("copy")) {
                    calls = n -> 2 * pieces(n, KERNEL_PIECE);
                } else if (io.equals("splice")) {
                    calls = n -> n == 0 ? 0 : 3 * pieces(n, KERNEL_PIECE) + (perChunkIv ? 1 : 0);
                } else {
                    return Optional.empty();
                }
                return Optional.of(new NativePath(spelled, nullPath, "call[binding=jna]", Optional.of("copy"), "none",
                        "system calls and AF_ALG outside AES", calls));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    static long pieces(int n, int size) {
        return n == 0 ? 0 : (n + (long) size - 1) / size;
    }
}
