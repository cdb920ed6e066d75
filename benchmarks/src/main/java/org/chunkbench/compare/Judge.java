package org.chunkbench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.chunkbench.results.Numbers;
import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;

/**
 * Decides the verdicts of a table of rows. The model and the rules, and why:
 *
 * <p><b>The unit is the fork.</b> Iterations within one fork share a JVM launch (its JIT state, memory layout and
 * CPU placement) and a stretch of time, so they are not independent replicates: on this project's machines,
 * forks of one row vary by 4-14% while iterations within a fork vary by 1-4%, and the noise is heavy-tailed
 * (in most rows 7 of 8 forks agree within about ±3% and one lands at 0.60-0.77 of the others). Each fork is
 * summarised robustly by the median of its measured iterations, and the analysis runs on the logarithms of those
 * summaries, so that a change is a ratio.
 *
 * <p><b>Odd forks.</b> Forks more than 4 robust standard deviations and more than 10% from their side's median are
 * left out and named in the note (in paired mode their pairs) when they are that far from the other side's median
 * too and at most a quarter of all forks, so
 * that one JVM launch that settled into a slower state cannot flip a verdict ({@link #odd}).
 *
 * <p><b>Estimate: Hodges-Lehmann.</b> Two-sample: the median of all cross differences head - base of the log fork
 * values, with the Mann-Whitney (Moses) distribution-free confidence interval. Paired (the gate's interleaved
 * base/head pairs, or {@code compare --paired}): the median of the Walsh averages of the per-pair differences,
 * with the Wilcoxon signed-rank interval, once there are enough pairs for the signed-rank test to reach Holm's first
 * level (2^-n at most alpha / rows); with fewer pairs the two-sample statistics are used, which reach it sooner. Both rest only on exchangeability of the forks under no change; one odd
 * fork moves the estimate by at most one order statistic of many.
 *
 * <p><b>Tests and the family.</b> Each row gets two one-sided rank-test p-values (worse, better), exact up to
 * {@value ForkStatistics#EXACT_LIMIT} pairs. Holm's step-down procedure across all judged rows keeps the chance of
 * any false regression in a run at most alpha (default 0.01) under any dependence between rows; Holm rather
 * than Benjamini-Hochberg because the promise is family-wise (an A/A run alarms at most 1 time in 100), which
 * Benjamini-Hochberg does not keep once some rows really changed, and because rows measured on one machine in one
 * job are dependent in ways Benjamini-Hochberg's positive-dependence condition may not cover.
 *
 * <p><b>Verdicts.</b> Regression: Holm-adjusted p (worse) below alpha and the estimate worse than the threshold
 * (default 3%: a significant 1% change is not worth failing a build). Faster: Holm-adjusted p (better) below
 * alpha. Slower: significantly worse, but within the threshold. Unchanged: everything else that could have seen
 * a change of {@code maxMde}; its note gives the (1 - alpha) confidence interval, and says "within ±x%" when the
 * whole interval lies inside ±threshold (an equivalence result). Too noisy: the row's minimum detectable effect
 * exceeds {@code maxMde} (default 10%), with the forks per side it would need. Bimodal: the forks fall into two
 * clusters far apart (at least 2x) with forks of one side in both, as JDK 25 SunJCE AES-CTR at 1 MiB does
 * (about 0.5 vs 20 GB/s per JVM launch); no shift describes such a row.
 *
 * <p><b>Minimum detectable effect at 90% power</b>, the model: the log fork values of each side are independent
 * draws of one distribution shifted by the change, with scale sigma estimated as 1.4826 x the MAD of every fork's
 * deviation from its own side's median (paired: of the pair differences around their median), floored by the
 * within-fork noise (iteration scatter / sqrt(iterations)). The rank test's power is approximated by the t-test's at
 * its asymptotic relative efficiency 3/pi, at the one-sided level alpha / rows (Holm's first step, the hardest):
 * MDE = (z(1 - alpha/rows) + z(0.9)) sigma sqrt(1/m + 1/n) / sqrt(3/pi), paired sigma_d / sqrt(n). A change must
 * also beat the threshold, so the MDE is at least threshold + z(0.9) x the estimate's standard error; and it is
 * infinite when m vs n forks cannot reach the level at all (the smallest one-sided p is 1 / C(m+n, m), paired
 * 2^-n).
 */
public final class Judge {
    /** The power at which the minimum detectable effect is stated. */
    public static final double POWER = 0.9;
    /** Forks this many times apart (in log distance) or more, on both sides of a gap, make a row bimodal. */
    static final double BIMODAL_FACTOR = 2.0;

    private final double threshold;
    private final double alpha;
    private final double maxMde;
    private final boolean paired;

    /** All three as fractions (0.03 is 3%); paired: pair the forks of the two sides by position when counts match. */
    public Judge(double threshold, double alpha, double maxMde, boolean paired) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be between 0% and 100%, got " + threshold * 100 + "%");
        }
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be between 0 and 0.5, got " + alpha);
        }
        if (!(maxMde > 0 && maxMde < 1)) {
            throw new IllegalArgumentException("the largest useful detectable effect must be between 0% and 100%, got "
                    + maxMde * 100 + "%");
        }
        this.threshold = threshold;
        this.alpha = alpha;
        this.maxMde = maxMde;
        this.paired = paired;
    }

    public Judge(double threshold, double alpha, double maxMde) {
        this(threshold, alpha, maxMde, false);
    }

    public double threshold() {
        return threshold;
    }

    public double alpha() {
        return alpha;
    }

    public double maxMde() {
        return maxMde;
    }

    public boolean paired() {
        return paired;
    }

    /** One row judged as a family of one. */
    public RowComparison judge(Trial baseline, Trial current) {
        List<Trial[]> one = new ArrayList<>();
        one.add(new Trial[] {baseline, current});
        return judgeAll(one).get(0);
    }

    /** Every row of a table: {@code pairs.get(i)} is {baseline, current}; Holm runs across all of them. */
    public List<RowComparison> judgeAll(List<Trial[]> pairs) {
        List<RowStats> stats = pairs.stream().map(p -> stats(p[0], p[1], pairs.size())).toList();
        double[] worse = stats.stream().mapToDouble(s -> s.pWorse).toArray();
        double[] better = stats.stream().mapToDouble(s -> s.pBetter).toArray();
        double[] adjWorse = ForkStatistics.holm(worse);
        double[] adjBetter = ForkStatistics.holm(better);
        List<RowComparison> out = new ArrayList<>();
        for (int i = 0; i < stats.size(); i++) {
            out.add(decide(stats.get(i), adjWorse[i], adjBetter[i]));
        }
        return out;
    }

    /** What one row's forks say before the table-wide correction. */
    private record RowStats(Trial baseline, Trial current, double[] base, double[] head, boolean pairedRow,
            ForkStatistics.Shift shift, double pWorse, double pBetter, double mde, int forksNeeded, String bimodal,
            String problem, String oddNote) {
    }

    private RowStats stats(Trial b, Trial c, int rows) {
        double[] base = logForks(b);
        double[] head = logForks(c);
        if (base.length == 0 || head.length == 0) {
            return new RowStats(b, c, base, head, false, null, 1, 1, Double.POSITIVE_INFINITY, 0, null,
                    "no per-iteration data (primaryMetric.rawData) in " + (base.length == 0 ? "baseline" : "current"), "");
        }
        // Pairs only where the signed-rank test can reach Holm's first level at all (2^-n <= alpha / rows: 11 pairs
        // for 6 rows at 0.01); below that the two-sample test on the same forks is the stronger one.
        boolean pairedRow = paired && base.length == head.length
                && ForkStatistics.smallestPairedP(base.length) <= alpha / rows;
        String bimodal = bimodal(base, head, b.unit());
        boolean[][] oddForks = odd(base, head);
        boolean[] oddBase = oddForks[0];
        boolean[] oddHead = oddForks[1];
        String oddNote = oddNote(base, oddBase, "baseline") + oddNote(head, oddHead, "current");
        if (pairedRow) {
            boolean[] either = new boolean[base.length];
            for (int i = 0; i < either.length; i++) {
                either[i] = oddBase[i] || oddHead[i];
            }
            base = keep(base, either);
            head = keep(head, either);
        } else {
            base = keep(base, oddBase);
            head = keep(head, oddHead);
        }
        double confidence = 1 - alpha;
        ForkStatistics.Shift shift;
        double pLess;
        double pMore;
        double sigma;
        double se;
        double smallest;
        double floor = Math.max(noiseFloor(b), noiseFloor(c));
        if (pairedRow) {
            double[] d = new double[base.length];
            double[] bs = base;
            double[] hs = head;
            Arrays.setAll(d, i -> hs[i] - bs[i]);
            shift = ForkStatistics.paired(d, confidence);
            pLess = ForkStatistics.signedRankLess(d);
            pMore = ForkStatistics.signedRankLess(Arrays.stream(d).map(v -> -v).toArray());
            sigma = Math.max(ForkStatistics.MAD_TO_SD * ForkStatistics.mad(d), floor * Math.sqrt(2));
            se = sigma / Math.sqrt(d.length);
            smallest = ForkStatistics.smallestPairedP(d.length);
        } else {
            shift = ForkStatistics.twoSample(base, head, confidence);
            pLess = ForkStatistics.mannWhitneyLess(base, head);
            pMore = ForkStatistics.mannWhitneyLess(head, base);
            sigma = Math.max(pooledSigma(base, head), floor);
            se = sigma * Math.sqrt(1.0 / base.length + 1.0 / head.length);
            smallest = ForkStatistics.smallestTwoSampleP(base.length, head.length);
        }
        boolean higherBetter = b.direction() == ScoreDirection.HIGHER_IS_BETTER;
        double level = alpha / rows;
        double mde = mde(se, level, smallest);
        int needed = mde > maxMde ? forksNeeded(sigma, pairedRow, level) : 0;
        return new RowStats(b, c, base, head, pairedRow, shift, higherBetter ? pLess : pMore, higherBetter ? pMore : pLess,
                mde, needed, bimodal, null, oddNote);
    }

    /**
     * Forks far from the others: deviating from the baseline's median and from the current run's median alike by
     * more than {@value #ODD_SIGMAS} robust standard deviations (1.4826 x the MAD of every fork's deviation from its
     * side's median, both sides together) and by more than {@value #ODD_MIN_PERCENT}%, with at least three forks on
     * each side, and only when they are at most a quarter of all forks. A JVM launch that settled into a slower state
     * is not the code's doing; on the project's machines one fork in eight lands at 0.60-0.77 of the others. Far from
     * both medians, not only from its own side's: a row with two states whose sides' medians fall in different states
     * would otherwise lose one state on one side and the other on the other and fake a change; the resampling study
     * (experiments/gate) found exactly that with a rule that looked at each side on its own.
     */
    static boolean[][] odd(double[] base, double[] head) {
        boolean[][] odd = {new boolean[base.length], new boolean[head.length]};
        if (base.length < 3 || head.length < 3) {
            return odd;
        }
        double limit = Math.max(ODD_SIGMAS * pooledSigma(base, head), Math.log(1 + ODD_MIN_PERCENT / 100.0));
        int count = 0;
        double[][] sides = {base, head};
        double mb = ForkStatistics.median(base);
        double mh = ForkStatistics.median(head);
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < sides[s].length; i++) {
                odd[s][i] = Math.abs(sides[s][i] - mb) > limit && Math.abs(sides[s][i] - mh) > limit;
                count += odd[s][i] ? 1 : 0;
            }
        }
        if (count * 4 > base.length + head.length) {
            return new boolean[][] {new boolean[base.length], new boolean[head.length]};
        }
        return odd;
    }

    static final double ODD_SIGMAS = 4;
    static final double ODD_MIN_PERCENT = 10;

    private static double[] keep(double[] x, boolean[] drop) {
        return java.util.stream.IntStream.range(0, x.length).filter(i -> !drop[i]).mapToDouble(i -> x[i]).toArray();
    }

    private static String oddNote(double[] x, boolean[] odd, String side) {
        double med = ForkStatistics.median(x);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            if (odd[i]) {
                sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2fx", Math.exp(x[i] - med)));
            }
        }
        return sb.length() == 0 ? "" : "; odd " + side + " forks left out (" + sb + " of the side's median)";
    }

    /** The MDE (as a fraction of the score) for a shift estimate of standard error {@code se} (log scale). */
    private double mde(double se, double level, double smallestP) {
        if (smallestP > level || !(se >= 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double seRank = se / Math.sqrt(ForkStatistics.RANK_EFFICIENCY);
        double zb = ForkStatistics.z(POWER);
        double stat = (ForkStatistics.z(1 - level) + zb) * seRank;
        double beyondThreshold = -Math.log(1 - threshold) + zb * seRank;
        return 1 - Math.exp(-Math.max(stat, beyondThreshold));
    }

    /** The fewest forks per side (pairs when paired) whose MDE would be at most maxMde, sigma unchanged; -1 beyond 1000. */
    private int forksNeeded(double sigma, boolean pairedRow, double level) {
        for (int n = 2; n <= 1000; n++) {
            double se = pairedRow ? sigma / Math.sqrt(n) : sigma * Math.sqrt(2.0 / n);
            double smallest = pairedRow ? ForkStatistics.smallestPairedP(n) : ForkStatistics.smallestTwoSampleP(n, n);
            if (mde(se, level, smallest) <= maxMde) {
                return n;
            }
        }
        return -1;
    }

    private RowComparison decide(RowStats s, double holmWorse, double holmBetter) {
        Trial b = s.baseline;
        Trial c = s.current;
        if (s.problem != null) {
            return new RowComparison(b.key(), b, c, c.score() / b.score(), Double.NaN, Double.NaN, Double.NaN,
                    Double.POSITIVE_INFINITY, 0, s.base.length, s.head.length, false, Verdict.TOO_NOISY, s.problem);
        }
        double ratio = Math.exp(s.shift.estimate());
        double low = Math.exp(s.shift.low());
        double high = Math.exp(s.shift.high());
        boolean higherBetter = b.direction() == ScoreDirection.HIGHER_IS_BETTER;
        boolean worse = higherBetter ? ratio < 1 : ratio > 1;
        double p = worse ? holmWorse : holmBetter;
        String interval = interval(low, high);
        if (s.bimodal != null) {
            return row(s, ratio, low, high, p, Verdict.BIMODAL, s.bimodal
                    + "; a shift means nothing here: compare the clusters' shares, or pin what makes a launch settle");
        }
        if (holmWorse < alpha && Math.abs(ratio - 1) > threshold && worse) {
            return row(s, ratio, low, high, holmWorse, Verdict.REGRESSION, interval);
        }
        if (holmBetter < alpha && !worse) {
            return row(s, ratio, low, high, holmBetter, Verdict.FASTER, interval);
        }
        if (holmWorse < alpha && worse) {
            return row(s, ratio, low, high, holmWorse, Verdict.SLOWER,
                    "within the " + Numbers.setting(threshold * 100) + "% threshold; " + interval);
        }
        double reach = Math.max(Math.abs(low - 1), Math.abs(high - 1));
        if (reach <= threshold) {
            return row(s, ratio, low, high, p, Verdict.UNCHANGED, String.format(Locale.ROOT, "within \u00b1%.1f%% (%s%% CI)",
                    reach * 100, Numbers.setting((1 - alpha) * 100)));
        }
        if (s.mde > maxMde) {
            return row(s, ratio, low, high, p, Verdict.TOO_NOISY, tooNoisy(s));
        }
        return row(s, ratio, low, high, p, Verdict.UNCHANGED, "no significant change; " + interval);
    }

    private String tooNoisy(RowStats s) {
        String unit = s.pairedRow ? "pairs" : "forks per side";
        String have = s.pairedRow ? s.base.length + " pairs" : s.base.length + " vs " + s.head.length + " forks";
        String mde = Double.isInfinite(s.mde) ? "no change is detectable with " + have
                : String.format(Locale.ROOT, "detectable effect %.1f%% > %s%% with %s", s.mde * 100,
                        Numbers.setting(maxMde * 100), have);
        String need = s.forksNeeded < 0 ? "its noise is beyond any fork count up to 1000"
                : "needs about " + s.forksNeeded + " " + unit + " (" + Math.max(0, s.forksNeeded
                        - Math.min(s.base.length, s.head.length)) + " more)";
        return mde + "; " + need;
    }

    private String interval(double low, double high) {
        if (Double.isInfinite(Math.log(low)) || Double.isInfinite(Math.log(high))) {
            return "too few forks to bound the change";
        }
        return String.format(Locale.ROOT, "%s%% CI %+.1f%% to %+.1f%%", Numbers.setting((1 - alpha) * 100),
                (low - 1) * 100, (high - 1) * 100);
    }

    private static RowComparison row(RowStats s, double ratio, double low, double high, double p, Verdict v, String reason) {
        return new RowComparison(s.baseline.key(), s.baseline, s.current, ratio, p, low, high, s.mde, s.forksNeeded,
                s.base.length, s.head.length, s.pairedRow, v, reason + s.oddNote);
    }

    /** The log of each fork's robust summary, forks without iterations or without a positive summary left out. */
    public static double[] logForks(Trial t) {
        return Arrays.stream(t.forks()).filter(f -> f.length > 0).mapToDouble(ForkStatistics::forkSummary)
                .filter(v -> v > 0).map(Math::log).toArray();
    }

    /** 1.4826 x the MAD of every fork's deviation from its own side's median. */
    static double pooledSigma(double[] base, double[] head) {
        double mb = ForkStatistics.median(base);
        double mh = ForkStatistics.median(head);
        double[] dev = new double[base.length + head.length];
        for (int i = 0; i < base.length; i++) {
            dev[i] = Math.abs(base[i] - mb);
        }
        for (int i = 0; i < head.length; i++) {
            dev[base.length + i] = Math.abs(head[i] - mh);
        }
        return ForkStatistics.MAD_TO_SD * ForkStatistics.median(dev);
    }

    /** The noise of one fork's median from its iterations alone: relative scatter / sqrt(iterations); 0 if unknown. */
    static double noiseFloor(Trial t) {
        double scatter = t.withinForkScatter();
        double[][] f = t.forks();
        int iterations = f.length == 0 ? 0 : Arrays.stream(f).mapToInt(x -> x.length).min().orElse(0);
        return Double.isFinite(scatter) && iterations > 0 ? scatter / Math.sqrt(iterations) : 0;
    }

    /**
     * Names the two clusters when the forks of both sides together split at a gap of at least
     * {@link #BIMODAL_FACTOR} times, with at least two forks on each side of the gap, one side's forks in both, and
     * the gap at least three times as wide as the widest cluster; null otherwise. A clean split with all of the
     * baseline on one side of the gap and all of the current run on the other is a change, not bimodality.
     */
    static String bimodal(double[] base, double[] head, String unit) {
        int n = base.length + head.length;
        if (n < 4) {
            return null;
        }
        double[] all = new double[n];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(head, 0, all, base.length, head.length);
        Arrays.sort(all);
        int at = -1;
        double gap = 0;
        for (int i = 2; i <= n - 2; i++) {
            if (all[i] - all[i - 1] > gap) {
                gap = all[i] - all[i - 1];
                at = i;
            }
        }
        if (at < 0 || gap < Math.log(BIMODAL_FACTOR)) {
            return null;
        }
        double width = Math.max(all[at - 1] - all[0], all[n - 1] - all[at]);
        if (gap < 3 * width) {
            return null;
        }
        double cut = (all[at - 1] + all[at]) / 2;
        long baseLow = Arrays.stream(base).filter(v -> v < cut).count();
        long headLow = Arrays.stream(head).filter(v -> v < cut).count();
        boolean baseMixed = baseLow > 0 && baseLow < base.length;
        boolean headMixed = headLow > 0 && headLow < head.length;
        if (!baseMixed && !headMixed) {
            return null;
        }
        double low = ForkStatistics.median(Arrays.copyOfRange(all, 0, at));
        double high = ForkStatistics.median(Arrays.copyOfRange(all, at, n));
        return String.format(Locale.ROOT, "bimodal: forks near %s and near %s %s (%.1fx apart); baseline %d low / %d high, "
                + "current %d low / %d high", Numbers.compact(Math.exp(low)), Numbers.compact(Math.exp(high)), unit,
                Math.exp(high - low), baseLow, base.length - baseLow, headLow, head.length - headLow);
    }
}
