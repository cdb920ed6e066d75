package org.chunkbench.analysis;

import java.util.Objects;

/**
 * One result the decomposition reads: a series (a backend or control variant, spelled as in results, for example
 * {@code openssl} or {@code call[binding=jna]}) at one chunk size, in nanoseconds per chunk with its error (JMH's
 * score error, the half-width of its 99.9% confidence interval; {@code +Infinity} when that interval bounds nothing,
 * because it reaches 0 ops/s or there is only one sample, and never 0 for "unknown"). All measurements given to one
 * {@link Decomposition} must share every other parameter (direction, mode, buffer kind, threads).
 */
public record Measurement(String series, int chunkBytes, double nsPerChunk, double error) {
    public Measurement {
        Objects.requireNonNull(series, "series");
        if (chunkBytes < 0) {
            throw new IllegalArgumentException("chunk size must not be negative: " + chunkBytes);
        }
        if (!Double.isFinite(nsPerChunk) || !(error >= 0)) {
            throw new IllegalArgumentException(series + " at " + chunkBytes + " B: ns per chunk " + nsPerChunk
                    + " must be finite and error " + error + " not negative (+Infinity: unbounded)");
        }
    }
}
