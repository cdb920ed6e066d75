package org.chunkbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {
    private static final TrialKey KEY = TrialKey.of("org.chunkbench.bench.ChunkBenchmark.chunked", "avgt", Map.of());

    @ParameterizedTest
    @CsvSource({"2, ops/s, 2", "2, ops/ms, 2000", "2, ops/us, 2e6", "120, ops/min, 2", "500, ns/op, 2e6", "2, ms/op, 500",
        "0.5, s/op, 2"})
    void scoresTurnIntoOperationsPerSecond(double score, String unit, double opsPerSecond) {
        assertEquals(opsPerSecond, Units.opsPerSecond(score, unit), opsPerSecond * 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MB/s", "B/op", "ops/parsec", "furlongs/op"})
    void otherUnitsAreRefused(String unit) {
        assertThrows(IllegalArgumentException.class, () -> Units.opsPerSecond(1, unit));
    }

    @Test
    void aTimePerOpIntervalSwapsItsEnds() {
        Trial t = new Trial(KEY, "ns/op", 2000, 100, 1900, 2100, new double[0][], 1, Map.of());
        assertEquals(1e9 / 2000, t.opsPerSecond(), 1e-9);
        assertEquals(1e9 / 2100, t.opsPerSecondLow(), 1e-9);
        assertEquals(1e9 / 1900, t.opsPerSecondHigh(), 1e-9);
        Trial noLow = new Trial(KEY, "ns/op", 2000, 3000, -1000, 5000, new double[0][], 1, Map.of());
        assertTrue(Double.isNaN(noLow.opsPerSecondHigh()), "a low end of zero or less has no rate");
    }
}
