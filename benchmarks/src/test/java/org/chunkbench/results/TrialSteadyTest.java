package org.chunkbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link Trial#warmupDrift()}: a trial still warming up while measured is told from one that scatters. */
class TrialSteadyTest {
    private static final TrialKey KEY = TrialKey.of("org.x.Bench.run", "thrpt", Map.of("backend", "sunjce"));

    @Test
    void throughputStillRisingInMostForksIsNotSteady() {
        Trial t = Trial.fromSamples(KEY, "MB/s", new double[][] {
                {100, 110, 120, 130, 140, 150}, {100, 105, 120, 125, 140, 145}, {140, 141, 139, 140, 141, 140}});
        // fork 1: (145 - 105) / 125 = 0.32; fork 2: (142.5 - 102.5) / 122.5 = 0.33; fork 3: ~0; the median 0.32
        assertEquals(0.32, t.warmupDrift(), 0.001);
        assertFalse(t.steady());
    }

    @Test
    void timeFallingIsWarmingUpTooAndTimeRisingIsNot() {
        Trial falling = Trial.fromSamples(KEY, "ns/op", new double[][] {{200, 180, 150, 120, 110, 100}});
        assertTrue(falling.warmupDrift() > 0.4, String.valueOf(falling.warmupDrift()));
        assertFalse(falling.steady());
        Trial rising = Trial.fromSamples(KEY, "ns/op", new double[][] {{100, 110, 120, 150, 180, 200}});
        assertTrue(rising.warmupDrift() < -0.4, String.valueOf(rising.warmupDrift()));
        assertTrue(rising.steady(), "getting slower is not warming up (load, throttling): another verdict's business");
    }

    @Test
    void scatterWithoutTrendIsSteadyAndTooFewIterationsSayNothing() {
        Trial scatter = Trial.fromSamples(KEY, "ops/s", new double[][] {{100, 130, 90, 120, 95, 110}, {105, 95, 125, 90, 110, 100}});
        assertTrue(Math.abs(scatter.warmupDrift()) < 0.05, String.valueOf(scatter.warmupDrift()));
        assertTrue(scatter.steady());
        Trial two = Trial.fromSamples(KEY, "ops/s", new double[][] {{100, 200}, {100, 200}});
        assertTrue(Double.isNaN(two.warmupDrift()));
        assertTrue(two.steady(), "unknown is not reported as unsteady");
    }
}
