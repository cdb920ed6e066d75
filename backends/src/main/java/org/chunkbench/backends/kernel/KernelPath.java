package org.chunkbench.backends.kernel;

import java.util.Optional;

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkPath;

/**
 * How {@code kernel[binding=B,io=IO,...]} spends a chunk, for the cost decomposition: stated here, beside the code,
 * rather than guessed by the decomposition. Both bindings make the same calls ({@link AfAlgCipher} is written once over
 * {@link Syscalls}; its class comment says why these):
 * <ul>
 * <li>{@code io=copy}: {@code sendmsg} and {@code read} per {@link Pieces#PIECE}-byte piece (the IV rides on the
 * first sendmsg);</li>
 * <li>{@code io=splice}: {@code vmsplice}, {@code splice} and {@code read} per piece, plus one {@code sendmsg} for
 * the control messages per chunk in per-chunk-iv mode (in stream mode only the first chunk has one: 0 per chunk in
 * the steady state). With direct buffers the count assumes page-aligned buffers; an unaligned start adds a piece
 * when it makes the chunk straddle one more piece boundary.</li>
 * </ul>
 * Heap buffers are copied through native staging, direct ones are passed in place. The null path is the same
 * class bound to {@link KernelControls#NULL_DRIVER} through the same binding. A chunk of 0 bytes makes no call.
 */
public final class KernelPath {
    private KernelPath() {
    }

    /** Empty for an I/O path the backend does not have. */
    public static Optional<ChunkPath> of(Binding b, String io, boolean perChunkIv, boolean directBuffers) {
        int piece = Pieces.PIECE;
        String nullControl = "kernel-null[binding=" + b.spelling() + ",io=" + io + "]";
        return switch (io) {
            case "copy" -> Optional.of(new ChunkPath(nullControl, ChunkPath.noOpCall(b), piece, !directBuffers,
                    n -> 2 * ChunkPath.pieces(n, piece)));
            case "splice" -> Optional.of(new ChunkPath(nullControl, ChunkPath.noOpCall(b), piece, !directBuffers,
                    n -> n == 0 ? 0 : 3 * ChunkPath.pieces(n, piece) + (perChunkIv ? 1 : 0)));
            default -> Optional.empty();
        };
    }
}
