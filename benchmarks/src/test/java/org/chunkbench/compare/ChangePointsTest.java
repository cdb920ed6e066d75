package org.chunkbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;
import org.junit.jupiter.api.Test;

/**
 * E-divisive means with its permutation test on synthetic series of 40 runs: 1% Gaussian noise, and one run in ten
 * 5% slow (a run whose median of fork medians an odd fork or two still moved).
 */
class ChangePointsTest {
    /** {@code n} runs around 1000 with that noise, the level multiplied by {@code factors[s]} from run {@code starts[s]} on. */
    static double[] noisy(long seed, int n, int[] starts, double[] factors) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double level = 1000;
            for (int s = 0; s < starts.length; s++) {
                if (i >= starts[s]) {
                    level *= factors[s];
                }
            }
            x[i] = level * (1 + 0.01 * r.nextGaussian()) * (r.nextInt(10) == 0 ? 0.95 : 1);
        }
        return x;
    }

    @Test
    void aFivePercentStepIsFoundAtItsRun() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] x = noisy(seed, 40, new int[] {24}, new double[] {0.95});
            List<ChangePoints.Change> c = ChangePoints.find(x);
            assertEquals(1, c.size(), "seed " + seed + ": " + c);
            assertTrue(Math.abs(c.get(0).index() - 24) <= 1, "seed " + seed + ": " + c);
            assertTrue(c.get(0).pValue() <= ChangePoints.DEFAULT_SIGNIFICANCE, c.toString());
            assertEquals(-0.05, c.get(0).relative(), 0.015, c.toString());
        }
    }

    @Test
    void aFlatNoisySeriesHasNone() {
        for (long seed = 1; seed <= 10; seed++) {
            double[] x = noisy(seed, 40, new int[0], new double[0]);
            assertEquals(List.of(), ChangePoints.find(x), "seed " + seed);
        }
    }

    @Test
    void twoStepsAreBothFound() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] x = noisy(seed, 40, new int[] {12, 27}, new double[] {0.93, 1.08});
            List<ChangePoints.Change> c = ChangePoints.find(x);
            assertEquals(2, c.size(), "seed " + seed + ": " + c);
            assertTrue(Math.abs(c.get(0).index() - 12) <= 1, c.toString());
            assertTrue(Math.abs(c.get(1).index() - 27) <= 1, c.toString());
            assertTrue(c.get(0).relative() < 0 && c.get(1).relative() > 0, c.toString());
        }
    }

    @Test
    void theSameSeriesAndSeedGiveTheSameAnswer() {
        double[] x = noisy(7, 40, new int[] {20}, new double[] {0.97});
        assertEquals(ChangePoints.find(x, 0.01, 3), ChangePoints.find(x, 0.01, 3));
    }

    @Test
    void shortSeriesAndConstantOnesHaveNone() {
        assertEquals(List.of(), ChangePoints.find(new double[] {1, 2, 3, 4, 5}));
        assertEquals(List.of(), ChangePoints.find(new double[30]));
    }

    @Test
    void refusesWhatIsNoSeries() {
        assertThrows(IllegalArgumentException.class, () -> ChangePoints.find(new double[] {1, Double.NaN, 2, 3, 4, 5}));
        assertThrows(IllegalArgumentException.class, () -> ChangePoints.find(new double[10], 0, 1));
    }

    @Test
    void aRunsValueIsTheMedianOfItsForkMediansSoAnOddForkCannotMoveIt() {
        TrialKey k = TrialKey.of("b.m", "thrpt", Map.of());
        Trial t = new Trial(k, "ops/s", 0, 0, new double[][] {{100, 101, 99}, {102, 100, 500}, {60, 61, 59}});
        assertEquals(100, ChangePoints.runValue(t), 1e-9);
        assertEquals(42, ChangePoints.runValue(new Trial(k, "ops/s", 42, 1, new double[0][])), 1e-9);
    }
}
