package org.chunkbench.analysis;

import java.util.Optional;
import java.util.function.IntToLongFunction;

import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkPath;
import org.chunkbench.backends.kernel.KernelPath;
import org.chunkbench.backends.openssl.OpenSslBackend;
import org.chunkbench.results.RowKinds;

/**
 * How one native backend variant spends a chunk, as the decomposition needs it: which control series are its
 * null-cipher path, its binding's call floor and its copies, and how many native calls it makes per chunk. All of
 * it comes from what the backend states about itself ({@link ChunkPath}); nothing here knows a stage size or a
 * call count.
 *
 * @param backend the backend series, as spelled in results
 * @param nullPath the same path with a null cipher, through the same binding ({@code openssl-null[binding=jna]},
 *                 {@code kernel-null[binding=ffm,io=...]}, ...)
 * @param call the binding's no-op call ({@code call[binding=jna]} or {@code call[binding=ffm]})
 * @param copy the staging copies ({@code copy}); empty for a path that makes none by construction, whose copies
 *             are then exactly 0 rather than measured
 * @param harness the harness floor every series pays once per chunk ({@code none})
 * @param pathLabel what is left of the null-cipher path once binding and copies are taken out
 * @param callsPerChunk native calls per chunk of the given size
 */
public record NativePath(String backend, String nullPath, String call, Optional<String> copy, String harness,
        String pathLabel, IntToLongFunction callsPerChunk) {

    /**
     * The JNA backends, {@code openssl[binding=jna]} and {@code kernel[binding=jna,...]} (any driver and key source,
     * {@code io=copy} or {@code io=splice}): {@link #of} for a variant whose binding is {@code jna} or unspelled (a
     * result from before the FFM binding). Empty for anything else, never a guess.
     */
    public static Optional<NativePath> jna(String backendVariant, boolean perChunkIv, boolean directBuffers) {
        BackendSpec s = BackendSpec.parse(backendVariant);
        return s.options().getOrDefault(Binding.OPTION, "jna").equals("jna")
                ? path(s, Binding.JNA, perChunkIv, directBuffers) : Optional.empty();
    }

    /**
     * Why an FFM backend's null path is missing from a run that has other controls but none of the FFM null-cipher
     * ones ({@code openssl-null[binding=ffm]}, {@code kernel-null[binding=ffm,io=...]}):
     * it was made before they existed. Its path and cipher are then "not measured" with this reason, never borrowed
     * from the JNA null path.
     */
    public static final String FFM_CONTROLS_NOT_IN_RUN =
            "not in this run: it predates the FFM null-cipher controls (chunkbench run --controls on JDK 22+ times them)";

    /** The FFM backends, {@code openssl[binding=ffm]} and {@code kernel[binding=ffm,...]}; empty for anything else. */
    public static Optional<NativePath> ffm(String backendVariant, boolean perChunkIv, boolean directBuffers) {
        BackendSpec s = BackendSpec.parse(backendVariant);
        return "ffm".equals(s.options().get(Binding.OPTION)) ? path(s, Binding.FFM, perChunkIv, directBuffers) : Optional.empty();
    }

    /** {@link #jna} or {@link #ffm}, by the variant's {@code binding} option. */
    public static Optional<NativePath> of(String backendVariant, boolean perChunkIv, boolean directBuffers) {
        Optional<NativePath> p = jna(backendVariant, perChunkIv, directBuffers);
        return p.isPresent() ? p : ffm(backendVariant, perChunkIv, directBuffers);
    }

    /**
     * What the backend states about its own path ({@link OpenSslBackend#path}, {@link KernelPath#of}: calls per chunk,
     * whether the chunk is copied, its null-cipher control, its binding's no-op call), as the decomposition's series.
     * The copies are the {@code copy} control where the backend copies the chunk through native staging and exactly
     * 0 where it copies nothing (direct buffers; FFM openssl's heap arrays, passed in place). Empty for the controls
     * themselves (the old names results have held, {@link RowKinds#controlBeforeRecord}; today's names are no
     * backend's), for a backend that is not native
     * and for an I/O path the backend does not have.
     */
    private static Optional<NativePath> path(BackendSpec s, Binding b, boolean perChunkIv, boolean directBuffers) {
        if (RowKinds.controlBeforeRecord(s.toString())) {
            return Optional.empty();
        }
        Optional<ChunkPath> p;
        String label;
        switch (s.name()) {
            case "openssl" -> {
                p = Optional.of(OpenSslBackend.path(b, perChunkIv, directBuffers));
                label = "OpenSSL outside AES";
            }
            case "kernel" -> {
                p = KernelPath.of(b, s.options().getOrDefault("io", "copy"), perChunkIv, directBuffers);
                label = "system calls and AF_ALG outside AES";
            }
            default -> {
                return Optional.empty();
            }
        }
        return p.map(c -> new NativePath(s.toString(), c.nullControl(), c.noOpCall(),
                c.copied() ? Optional.of("copy") : Optional.empty(), "none", label, c.callsPerChunk()));
    }
}
