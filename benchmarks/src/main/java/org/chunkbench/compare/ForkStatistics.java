package org.chunkbench.compare;

import java.util.Arrays;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * Distribution-free statistics on per-fork values, shared by {@link Judge}, the gate and the resampling study:
 * the robust fork summary, Hodges-Lehmann shift estimates with their rank-test confidence intervals, one-sided
 * rank-test p-values and the robust spread. Everything works on plain arrays (log fork values in practice).
 *
 * <p>The rank distributions are exact (counted by dynamic programming) up to {@value #EXACT_LIMIT} pairs, and the
 * normal approximation with continuity correction beyond. Ties count one half, as in the usual mid-rank statistic;
 * the exact distribution assumes no ties, which continuous timings almost never have.
 */
public final class ForkStatistics {
    /** Exact rank distributions up to this many cross pairs (two-sample) or Walsh averages (paired). */
    static final int EXACT_LIMIT = 10_000;
    /** 1.4826 MAD estimates the standard deviation of a normal distribution. */
    static final double MAD_TO_SD = 1.4826;
    /** Asymptotic relative efficiency of the rank tests against the t-test under normal noise, 3/pi. */
    static final double RANK_EFFICIENCY = 3 / Math.PI;
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private ForkStatistics() {
    }

    /** A fork's robust summary: the median of its measured iterations (NaN for an empty fork). */
    public static double forkSummary(double[] iterations) {
        return median(iterations);
    }

    /** The median (the mean of the middle two for an even count; NaN when empty). */
    public static double median(double[] x) {
        return StatUtils.percentile(x, 50);
    }

    /** Median absolute deviation from the median (raw, not scaled). */
    public static double mad(double[] x) {
        double med = median(x);
        return median(Arrays.stream(x).map(v -> Math.abs(v - med)).toArray());
    }

    /** A shift estimate with its confidence interval; the ends are infinite when too few values can bound it. */
    public record Shift(double estimate, double low, double high) {
    }

    /** All differences y[j] - x[i], sorted. */
    static double[] crossDifferences(double[] x, double[] y) {
        double[] d = new double[x.length * y.length];
        int k = 0;
        for (double a : x) {
            for (double b : y) {
                d[k++] = b - a;
            }
        }
        Arrays.sort(d);
        return d;
    }

    /** Walsh averages (d[i] + d[j]) / 2 for i <= j, sorted. */
    static double[] walshAverages(double[] d) {
        double[] w = new double[d.length * (d.length + 1) / 2];
        int k = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i; j < d.length; j++) {
                w[k++] = (d[i] + d[j]) / 2;
            }
        }
        Arrays.sort(w);
        return w;
    }

    /**
     * Two-sample Hodges-Lehmann shift of {@code y} against {@code x} (the median of all cross differences) with
     * the Mann-Whitney (Moses) confidence interval at {@code confidence}, two-sided.
     */
    public static Shift twoSample(double[] x, double[] y, double confidence) {
        double[] d = crossDifferences(x, y);
        int k = criticalCount(mannWhitneyCdf(x.length, y.length), (1 - confidence) / 2);
        return interval(d, k);
    }

    /** One-sample (paired) Hodges-Lehmann estimate of the differences' centre with the Wilcoxon signed-rank interval. */
    public static Shift paired(double[] differences, double confidence) {
        double[] w = walshAverages(differences);
        int k = criticalCount(signedRankCdf(differences.length), (1 - confidence) / 2);
        return interval(w, k);
    }

    private static Shift interval(double[] sorted, int k) {
        double est = median(sorted);
        if (k < 1) {
            return new Shift(est, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        return new Shift(est, sorted[k - 1], sorted[sorted.length - k]);
    }

    /** The largest k with P(S <= k - 1) <= tail: the interval is the k-th smallest to the k-th largest value. */
    static int criticalCount(double[] cdf, double tail) {
        int k = 0;
        while (k < cdf.length && cdf[k] <= tail) {
            k++;
        }
        return k;
    }

    /**
     * One-sided Mann-Whitney p-value that {@code y} tends to be smaller than {@code x}: P(U <= observed) where U
     * counts the pairs with y[j] > x[i] (ties one half, rounded up: conservative).
     */
    public static double mannWhitneyLess(double[] x, double[] y) {
        double u = 0;
        for (double a : x) {
            for (double b : y) {
                u += b > a ? 1 : b == a ? 0.5 : 0;
            }
        }
        return cdfAt(mannWhitneyCdf(x.length, y.length), u, x.length * (double) y.length,
                x.length * (double) y.length / 2, Math.sqrt(x.length * (double) y.length * (x.length + y.length + 1) / 12));
    }

    /** One-sided Wilcoxon signed-rank p-value that the differences tend to be negative: P(T+ <= observed). */
    public static double signedRankLess(double[] d) {
        // T+ counted as the number of Walsh averages above zero: equal to the sum of the positive ranks.
        double t = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i; j < d.length; j++) {
                double w = d[i] + d[j];
                t += w > 0 ? 1 : w == 0 ? 0.5 : 0;
            }
        }
        int n = d.length;
        double max = n * (n + 1) / 2.0;
        return cdfAt(signedRankCdf(n), t, max, max / 2, Math.sqrt(n * (n + 1) * (2.0 * n + 1) / 24));
    }

    private static double cdfAt(double[] cdf, double s, double max, double mean, double sd) {
        if (cdf != null) {
            int i = (int) Math.ceil(s);
            return i >= cdf.length ? 1 : cdf[i];
        }
        if (sd == 0) {
            return 1;
        }
        return NORMAL.cumulativeProbability((Math.ceil(s) + 0.5 - mean) / sd);
    }

    /** The smallest one-sided p-value m vs n values can reach (complete separation): 1 / C(m+n, m). */
    public static double smallestTwoSampleP(int m, int n) {
        if (m == 0 || n == 0) {
            return 1;
        }
        double c = 1;
        for (int i = 1; i <= Math.min(m, n); i++) {
            c = c * (m + n - Math.min(m, n) + i) / i;
        }
        return 1 / c;
    }

    /** The smallest one-sided signed-rank p-value n pairs can reach: 2^-n. */
    public static double smallestPairedP(int n) {
        return Math.pow(2, -n);
    }

    /**
     * The null distribution function of U (pairs with y > x) for m vs n values: cdf[u] = P(U <= u); null when
     * m*n exceeds {@link #EXACT_LIMIT} (then the normal approximation is used).
     */
    static double[] mannWhitneyCdf(int m, int n) {
        if ((long) m * n > EXACT_LIMIT) {
            return normalCdf(m * n, m * (double) n / 2, Math.sqrt(m * (double) n * (m + n + 1) / 12));
        }
        // f[i][j][u]: arrangements of i x-values and j y-values with statistic u; rolling over i.
        double[][] prev = new double[n + 1][];
        for (int j = 0; j <= n; j++) {
            prev[j] = new double[] {1};
        }
        for (int i = 1; i <= m; i++) {
            double[][] cur = new double[n + 1][];
            cur[0] = new double[] {1};
            for (int j = 1; j <= n; j++) {
                double[] a = new double[i * j + 1];
                // The largest value is a y (it exceeds all i x-values) or an x (adds nothing).
                double[] withY = cur[j - 1];
                for (int u = 0; u < withY.length; u++) {
                    a[u + i] += withY[u];
                }
                double[] withX = prev[j];
                for (int u = 0; u < withX.length; u++) {
                    a[u] += withX[u];
                }
                cur[j] = a;
            }
            prev = cur;
        }
        return toCdf(prev[n]);
    }

    /** The null distribution function of the signed-rank statistic T+ for n pairs, exact or normal. */
    static double[] signedRankCdf(int n) {
        int max = n * (n + 1) / 2;
        if (max > EXACT_LIMIT) {
            return normalCdf(max, max / 2.0, Math.sqrt(n * (n + 1) * (2.0 * n + 1) / 24));
        }
        double[] f = new double[max + 1];
        f[0] = 1;
        for (int r = 1; r <= n; r++) {
            for (int t = max; t >= r; t--) {
                f[t] += f[t - r];
            }
        }
        return toCdf(f);
    }

    private static double[] normalCdf(int max, double mean, double sd) {
        double[] c = new double[max + 1];
        for (int u = 0; u <= max; u++) {
            c[u] = sd == 0 ? 1 : NORMAL.cumulativeProbability((u + 0.5 - mean) / sd);
        }
        return c;
    }

    private static double[] toCdf(double[] counts) {
        double total = Arrays.stream(counts).sum();
        double[] c = new double[counts.length];
        double run = 0;
        for (int i = 0; i < counts.length; i++) {
            run += counts[i];
            c[i] = run / total;
        }
        return c;
    }

    /** The standard normal quantile. */
    static double z(double p) {
        return NORMAL.inverseCumulativeProbability(p);
    }

    /**
     * Holm's step-down adjusted p-values, in the order given: the i-th smallest p becomes
     * max over j <= i of min(1, (k - j + 1) p_(j)). A row is rejected at family-wise level alpha when its adjusted
     * p-value is below alpha.
     */
    public static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adj = new double[p.length];
        double running = 0;
        for (int r = 0; r < order.length; r++) {
            double v = Math.min(1, (p.length - r) * p[order[r]]);
            running = Math.max(running, v);
            adj[order[r]] = running;
        }
        return adj;
    }
}
