package org.chunkbench.bench;

import java.util.List;

import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.CipherSpec;

/**
 * A named sweep: which params it covers by default and how long each trial runs. Options given on the command
 * line replace a preset's lists; {@code --jmh} replaces its timings.
 *
 * <p>Budgets on a 2-core machine (about 1.1 s of JVM start, JIT pre-warm and check per fork): {@code smoke}
 * about 25 s; {@code quick} 8 chunk sizes x (backends + baseline) trials of 3.9 s, measured 3m11s for 6 series
 * (3m40s with a seventh); {@code full} about 2 h with 6 series (printed before it starts).
 */
public enum Preset {
    SMOKE("smoke", 1, 1, 100, 3, 100, List.of(64, 4096), List.of("stream"), List.of("heap"), List.of("encrypt"), List.of(128),
            List.of(CipherSpec.CIPHER)),
    QUICK("quick", 1, 2, 500, 6, 300, Sweep.ALL_CHUNKS, List.of("stream"), List.of("heap"), List.of("encrypt"), List.of(128),
            List.of(CipherSpec.CIPHER)),
    FULL("full", 2, 3, 1000, 5, 1000, Sweep.ALL_CHUNKS, List.of("stream", "per-chunk-iv"), List.of("heap", "direct"),
            List.of("encrypt", "decrypt"), List.of(128), List.of(CipherSpec.CIPHER, AeadSpec.CIPHER));

    final String cliName;
    final int forks;
    final int warmupIterations;
    final int warmupMillis;
    final int measurementIterations;
    final int measurementMillis;
    final List<Integer> chunks;
    final List<String> modes;
    final List<String> buffers;
    final List<String> ops;
    final List<Integer> keyBits;
    final List<String> ciphers;

    Preset(String cliName, int forks, int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis,
            List<Integer> chunks, List<String> modes, List<String> buffers, List<String> ops, List<Integer> keyBits,
            List<String> ciphers) {
        this.cliName = cliName;
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.chunks = chunks;
        this.modes = modes;
        this.buffers = buffers;
        this.ops = ops;
        this.keyBits = keyBits;
        this.ciphers = ciphers;
    }

    public String cliName() {
        return cliName;
    }
}
