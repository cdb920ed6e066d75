package org.chunkbench.compare;

import java.util.Arrays;
import java.util.Locale;

import org.chunkbench.results.Numbers;
import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;

import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Decides the verdict of one row. The rules, and why:
 *
 * <p><b>The test: Mann-Whitney U on the per-iteration samples of all forks, two-sided.</b> A quick run has 1 fork
 * x 6 iterations; two pooled quick runs or a typical CI run 2 forks x 5-6 iterations per side. With ten samples nothing can show that they are normal, and benchmark samples
 * are not: they are skewed (a GC pause or a noisy neighbour only ever makes an iteration slower) and carry
 * outliers. Welch's t-test compares means and is pulled by a single outlier in both directions (the mean moves
 * and the variance inflates); the rank test is not, needs no normality, and loses only about 5% efficiency when
 * the data happen to be normal. Fork means as the unit would be more honest about independence, but with two
 * forks per side no test can reach any useful alpha (Mann-Whitney's smallest two-sided p for 2 vs 2 is 1/3), so
 * fork-to-fork variance is handled by the rules below instead of by the test.
 *
 * <p><b>Why iterations are not enough on their own.</b> Iterations within one fork share a JIT compilation,
 * memory layout and CPU placement, and different forks can settle in different states: in the run behind the
 * test fixture, SunJCE at 4096 bytes ran at 220 ns/op in one fork and 507 ns/op in the other. Pooling
 * iterations then makes a lucky or unlucky fork look like a highly significant change. So a change only counts
 * when every fork of one side is beyond every fork of the other ("the forks separate"), and a row whose forks
 * disagree with each other by more than the threshold is too noisy unless the change is larger than that too.
 * Either way a change beyond the threshold needs at least two forks per side. All iterations of one fork share
 * one JVM launch and one stretch of time: on the shared machine this was built on, an A/A pair of one-fork quick
 * runs (6 iterations each) showed 20 of 48 rows moving by 20-500% with complete separation (p = 0.004), a burst
 * of load and not a change; and the fixture's 220 vs 507 ns/op forks would look the same with one fork each.
 *
 * <p><b>alpha = 0.01 by default.</b> A sweep compares tens of rows at once, and samples within a fork are not
 * independent, so nominal p-values are optimistic; at 0.05 an A/A run of 40 rows would hand the threshold rule
 * two candidate false alarms by chance alone. A real 10% change on 10 vs 10 samples gives p around 1e-4, so
 * the stricter level costs little power. Five samples per side can just reach 0.01 (commons-math3 3.6.1 uses the
 * normal approximation: smallest p for 5 vs 5 is 0.009, for 6 vs 6 0.004); fewer cannot, and such rows are reported as too noisy instead of silently unchanged.
 *
 * <p><b>Threshold, 5% by default.</b> Statistical significance alone flags 1% changes that nobody should act
 * on; a regression must also be larger than the threshold.
 */
public final class Judge {
    private final double threshold;
    private final double alpha;
    private final double maxError;
    private final MannWhitneyUTest test = new MannWhitneyUTest();

    /** All three as fractions: 0.05 is 5%. */
    public Judge(double threshold, double alpha, double maxError) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be between 0% and 100%, got " + threshold * 100 + "%");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be between 0 and 0.5, got " + alpha);
        }
        if (!(maxError > 0)) {
            throw new IllegalArgumentException("the error limit must be positive, got " + maxError * 100 + "%");
        }
        this.threshold = threshold;
        this.alpha = alpha;
        this.maxError = maxError;
    }

    public double threshold() {
        return threshold;
    }

    public double alpha() {
        return alpha;
    }

    public double maxError() {
        return maxError;
    }

    public RowComparison judge(Trial baseline, Trial current) {
        ScoreDirection dir = baseline.direction();
        double ratio = current.score() / baseline.score();
        double[] b = baseline.samples();
        double[] c = current.samples();
        if (b.length == 0 || c.length == 0) {
            return verdict(baseline, current, ratio, Double.NaN, Verdict.TOO_NOISY,
                    "no per-iteration data (primaryMetric.rawData) in " + (b.length == 0 ? "baseline" : "current"));
        }
        double bestP = smallestP(b.length, c.length);
        if (bestP >= alpha) {
            return verdict(baseline, current, ratio, Double.NaN, Verdict.TOO_NOISY, String.format(Locale.ROOT,
                    "%d vs %d samples can never reach p < %s (best possible p = %.3f); run more forks or iterations",
                    b.length, c.length, Numbers.setting(alpha), bestP));
        }
        double p = test.mannWhitneyUTest(b, c);
        boolean significant = p < alpha;
        boolean worse = dir.isWorse(baseline.score(), current.score());
        boolean large = Math.abs(ratio - 1) > threshold;
        boolean separate = forksSeparate(baseline.forkMeans(), current.forkMeans(), current.score() > baseline.score());
        String noise = noise(baseline, "baseline");
        if (noise.isEmpty()) {
            noise = noise(current, "current");
        }
        // A change beyond the threshold needs independent replicates on both sides. One fork is one JVM launch in
        // one stretch of time: a launch that settled into a slower JIT state, or a burst of load on a shared
        // machine, moves all of its iterations together, and no test on those iterations can tell that apart.
        boolean replicated = baseline.forkMeans().length >= 2 && current.forkMeans().length >= 2;
        // A noisy row can still show a clear change when its noise is between forks (JIT states) and not within
        // them: every iteration steady, and even the closest forks of the two sides further apart than the
        // threshold. Iterations that scatter mean contention on the machine; on this project's shared 2-core
        // machine, pooled A/A runs had rows where both runs of one side met a burst of load (-40%, iterations
        // scattering by 30%), which no comparison of means can tell from a regression.
        boolean clear = noise.isEmpty() || (forkGap(baseline, current) > threshold
                && baseline.withinForkScatter() <= maxError && current.withinForkScatter() <= maxError);
        if (significant && large && separate && replicated && clear) {
            return verdict(baseline, current, ratio, p, worse ? Verdict.REGRESSION : Verdict.FASTER,
                    noise.isEmpty() ? "" : "clear despite noise: " + noise);
        }
        if (significant && large && separate && !replicated) {
            return verdict(baseline, current, ratio, p, Verdict.TOO_NOISY, (noise.isEmpty() ? "" : noise + "; ")
                    + "one fork per side cannot tell a change from a JVM launch that settled differently or a burst of "
                    + "load; pool alternating runs (base-1,base-2 head-1,head-2) or run more forks");
        }
        if (!noise.isEmpty()) {
            return verdict(baseline, current, ratio, p, Verdict.TOO_NOISY, noise
                    + (significant && large && separate ? "; its iterations scatter or its closest forks are within the threshold, so the change is not clear" : ""));
        }
        if (!significant) {
            return verdict(baseline, current, ratio, p, Verdict.UNCHANGED, "");
        }
        if (large) {
            return verdict(baseline, current, ratio, p, Verdict.TOO_NOISY,
                    "the forks overlap: not every fork moved, so the change may be one JVM launch's luck");
        }
        return verdict(baseline, current, ratio, p, worse ? Verdict.SLOWER : Verdict.FASTER,
                worse ? "within the " + Numbers.setting(threshold * 100) + "% threshold" : "");
    }

    private String noise(Trial row, String side) {
        if (row.relativeError() > maxError) {
            return String.format(Locale.ROOT, "%s error \u00b1%.1f%% > %s%%", side, row.relativeError() * 100, Numbers.setting(maxError * 100));
        }
        if (row.forkSpread() > maxError) {
            double[] m = row.forkMeans();
            return String.format(Locale.ROOT, "%s forks differ by %.1f%% (%s to %s) > %s%%", side, row.forkSpread() * 100,
                    Numbers.compact(Arrays.stream(m).min().orElseThrow()), Numbers.compact(Arrays.stream(m).max().orElseThrow()),
                    Numbers.setting(maxError * 100));
        }
        return "";
    }

    /** Distance between the closest fork means of the two sides, relative to the baseline score. */
    static double forkGap(Trial baseline, Trial current) {
        double gap = Double.POSITIVE_INFINITY;
        for (double b : baseline.forkMeans()) {
            for (double c : current.forkMeans()) {
                gap = Math.min(gap, Math.abs(c - b));
            }
        }
        return gap / Math.abs(baseline.score());
    }

    /** Every current fork is beyond every baseline fork, in the direction the score moved. */
    static boolean forksSeparate(double[] baseline, double[] current, boolean up) {
        if (baseline.length == 0 || current.length == 0) {
            return false;
        }
        double bMax = Arrays.stream(baseline).max().orElseThrow();
        double bMin = Arrays.stream(baseline).min().orElseThrow();
        double cMax = Arrays.stream(current).max().orElseThrow();
        double cMin = Arrays.stream(current).min().orElseThrow();
        return up ? cMin > bMax : cMax < bMin;
    }

    /** The p-value of complete separation: the best these sample sizes can ever give. */
    double smallestP(int n1, int n2) {
        double[] x = new double[n1];
        double[] y = new double[n2];
        Arrays.setAll(x, i -> i);
        Arrays.setAll(y, i -> n1 + i);
        return test.mannWhitneyUTest(x, y);
    }

    private static RowComparison verdict(Trial b, Trial c, double ratio, double p, Verdict v, String reason) {
        return new RowComparison(b.key(), b, c, ratio, p, v, reason);
    }
}
