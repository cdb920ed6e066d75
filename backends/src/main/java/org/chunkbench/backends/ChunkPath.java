package org.chunkbench.backends;

import java.util.function.IntToLongFunction;

/**
 * How a native backend (or control) spends one chunk, stated by the code that does the work so that the cost
 * decomposition reads it instead of guessing: {@code OpenSslBackend.path}, {@code KernelPath.of},
 * {@code KernelControls.syscallPath}.
 *
 * @param nullControl the same path with a null cipher through the same binding, as spelled in results
 *                    ({@code openssl-null[binding=ffm]}); null for a path that is itself a control
 * @param noOpCall the control that times one native call of the same kind, as spelled in results
 *                 ({@code call[binding=jna]})
 * @param piece bytes per native data call; {@link Integer#MAX_VALUE} where the chunk goes in one call
 * @param copied whether the chunk's bytes are copied through native staging (heap buffers that the binding cannot
 *               pass in place); false means no copy at all, not a cheap one
 * @param callsPerChunk native calls for a chunk of the given size; 0 for an empty chunk
 */
public record ChunkPath(String nullControl, String noOpCall, int piece, boolean copied, IntToLongFunction callsPerChunk) {
    /** {@code ceil(n / piece)}; 0 for {@code n == 0}. */
    public static long pieces(int n, int piece) {
        return n == 0 ? 0 : (n + (long) piece - 1) / piece;
    }

    /** {@code call[binding=jna]} or {@code call[binding=ffm]}. */
    public static String noOpCall(Binding binding) {
        return "call[binding=" + binding.spelling() + "]";
    }
}
