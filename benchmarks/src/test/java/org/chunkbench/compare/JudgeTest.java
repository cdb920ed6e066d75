package org.chunkbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

import org.junit.jupiter.api.Test;

class JudgeTest {
    static final TrialKey KEY = TrialKey.of("org.x.Bench.run", "thrpt", Map.of("backend", "sunjce"));
    final Judge judge = new Judge(0.05, 0.01, 0.05);

    static Trial row(double[]... forks) {
        return Trial.fromSamples(KEY, "ops/s", forks);
    }

    @Test
    void tooFewSamplesCanNeverBeARegression() {
        RowComparison r = judge.judge(row(new double[] {100, 101, 100}), row(new double[] {50, 51, 50}));
        assertEquals(Verdict.TOO_NOISY, r.verdict());
        assertTrue(r.reason().contains("3 vs 3 samples can never reach p < 0.01"), r.reason());
    }

    @Test
    void fiveAgainstFiveIsEnoughForAClearChangeWhenEachSideHasTwoForks() {
        RowComparison r = judge.judge(row(new double[] {100, 101, 100}, new double[] {99, 100}),
                row(new double[] {80, 81, 80}, new double[] {79, 80}));
        assertEquals(Verdict.REGRESSION, r.verdict(), r.toString());
    }

    @Test
    void oneForkPerSideIsNeverARegression() {
        // Precise iterations, 20% apart: exactly what a JVM launch that settled into a slower JIT state looks like.
        RowComparison r = judge.judge(row(new double[] {100, 101, 100, 99, 100}), row(new double[] {80, 81, 80, 79, 80}));
        assertTrue(r.pValue() < 0.01, r.toString());
        assertEquals(Verdict.TOO_NOISY, r.verdict(), r.toString());
        assertTrue(r.reason().startsWith("one fork per side cannot tell a change from a JVM launch"), r.reason());
    }

    @Test
    void noPerIterationDataIsTooNoisyNotUnchanged() {
        Trial b = new Trial(KEY, "ops/s", 100, 1, new double[0][]);
        RowComparison r = judge.judge(b, b);
        assertEquals(Verdict.TOO_NOISY, r.verdict());
        assertTrue(r.reason().contains("no per-iteration data"), r.reason());
    }

    @Test
    void oneLuckyForkIsNotARegression() {
        // Baseline forks agree; in the current run two forks settled 12% lower and the third did not move.
        double[] steady = {100, 100.5, 99.5, 100, 100.2};
        double[] low = {88, 88.4, 87.6, 88, 88.1};
        RowComparison r = judge.judge(row(steady, steady.clone()), row(low, low.clone(), steady.clone()));
        assertTrue(r.pValue() < 0.01, "pooled iterations alone look significant: " + r);
        assertTrue(Math.abs(r.ratio() - 1) > 0.05, r.toString());
        assertEquals(Verdict.TOO_NOISY, r.verdict(), r.toString());
    }

    @Test
    void smallSignificantSlowdownIsSlowerNotRegression() {
        double[] b = {100, 100.2, 99.8, 100.1, 99.9};
        double[] c = {97, 97.2, 96.8, 97.1, 96.9};
        RowComparison r = judge.judge(row(b, b.clone()), row(c, c.clone()));
        assertEquals(Verdict.SLOWER, r.verdict(), r.toString());
        assertTrue(r.reason().contains("within the 5% threshold"), r.reason());
    }

    @Test
    void noChangeOnAPreciseRowIsUnchanged() {
        double[] b = {100, 100.2, 99.8, 100.1, 99.9};
        double[] c = {100.1, 99.9, 100.0, 99.8, 100.2};
        assertEquals(Verdict.UNCHANGED, judge.judge(row(b, b.clone()), row(c, c.clone())).verdict());
    }

    @Test
    void theSmallestPossiblePValueMatchesTheNormalApproximation() {
        // commons-math3 3.6.1 uses the normal approximation without continuity correction: z = n1*n2/2 / sd(U).
        double z = 12.5 / Math.sqrt(5 * 5 * 11 / 12.0);
        double expected = 2 * new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(-z);
        assertEquals(expected, judge.smallestP(5, 5), 1e-12);
        assertTrue(judge.smallestP(5, 5) < 0.01 && judge.smallestP(4, 4) > 0.01);
    }

    @Test
    void scatteringIterationsCannotOverruleTheirNoise() {
        // One fork per side, noisy iterations, and the current run landed in a burst of load: 40% lower throughout.
        double[] b = {100, 80, 120, 95, 110, 90};
        double[] c = {60, 48, 72, 57, 66, 54};
        RowComparison one = judge.judge(row(b), row(c));
        assertTrue(one.pValue() < 0.01, one.toString());
        assertEquals(Verdict.TOO_NOISY, one.verdict(), one.toString());
        assertTrue(one.reason().contains("one fork per side cannot tell a change"), one.reason());
        // Two forks per side cannot rescue iterations that scatter like this: that is contention, not the code.
        RowComparison two = judge.judge(row(b, b.clone()), row(c, c.clone()));
        assertEquals(Verdict.TOO_NOISY, two.verdict(), two.toString());
        assertTrue(two.reason().contains("its iterations scatter"), two.reason());
    }

    @Test
    void forksInDifferentJitStatesStillShowAClearChange() {
        // Steady iterations, forks 6% apart (noisy by fork spread), and a change far beyond that.
        RowComparison r = judge.judge(row(new double[] {100, 100.5, 99.5, 100, 100.2}, new double[] {94, 94.3, 93.8, 94, 94.1}),
                row(new double[] {80, 80.4, 79.6, 80, 80.1}, new double[] {75, 75.2, 74.9, 75, 75.1}));
        assertEquals(Verdict.REGRESSION, r.verdict(), r.toString());
        assertTrue(r.reason().startsWith("clear despite noise: baseline forks differ by"), r.reason());
    }
}
