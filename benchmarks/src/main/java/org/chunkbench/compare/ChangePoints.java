package org.chunkbench.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.chunkbench.results.Trial;

/**
 * Change points in a series of runs of one row (oldest first): E-divisive means (Matteson and James, 2014, the method
 * Apache Otava and hunter use), each candidate kept only if a permutation test finds it significant.
 *
 * <p>The divergence of a split at {@code t} of a segment is the energy statistic with exponent 1: the mean distance
 * between a value left of {@code t} and one right of it, twice, less the mean distance within each side, weighted by
 * {@code nL * nR / (nL + nR)}; the left side is the segment up to {@code t}, the right side runs from {@code t} to
 * any later end. The split with the largest divergence over all segments is the candidate; the same
 * largest divergence is then computed over {@value #PERMUTATIONS} random orders of that segment, and the candidate
 * stands when its p-value ({@code (1 + orders that reach it) / (1 + orders)}) is at most the significance (default
 * {@value #DEFAULT_SIGNIFICANCE}, Otava's). The segment is split there and the search goes on, until a candidate fails.
 * The random orders come from a fixed seed, so the same series always gives the same change points.
 */
public final class ChangePoints {
    public static final double DEFAULT_SIGNIFICANCE = 0.001;
    /** Random orders per test: enough that p = 0.001 can be reached with one order to spare (smallest p 0.0005). */
    public static final int PERMUTATIONS = 1999;
    /** The fewest runs on each side of a change point. */
    public static final int MIN_RUNS = 3;
    public static final long DEFAULT_SEED = 20;

    private ChangePoints() {
    }

    /**
     * A step at {@code index} (the first run of the new regime, an index into the series), with its p-value and the
     * median of the regime before it and of the regime from it on (each up to the neighbouring change point).
     */
    public record Change(int index, double pValue, double before, double after) {
        /** after / before - 1: +0.05 is a value 5% higher from this run on. */
        public double relative() {
            return after / before - 1;
        }
    }

    /**
     * The robust value of one run of a row: the median of its forks' medians (an odd fork, or an odd iteration in a
     * fork, cannot move it as it moves a mean); JMH's score when the JSON carries no per-fork samples.
     */
    public static double runValue(Trial t) {
        double[] medians = Arrays.stream(t.forks()).filter(f -> f.length > 0).mapToDouble(ChangePoints::median).toArray();
        return medians.length == 0 ? t.score() : median(medians);
    }

    /** The change points of {@code series} at the default significance and seed, in the order of the series. */
    public static List<Change> find(double[] series) {
        return find(series, DEFAULT_SIGNIFICANCE, DEFAULT_SEED);
    }

    public static List<Change> find(double[] series, double significance, long seed) {
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("significance must be between 0 and 1, not " + significance);
        }
        for (double v : series) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a series of runs holds " + v);
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> segments = new ArrayList<>(List.of(new int[] {0, series.length}));
        List<Found> found = new ArrayList<>();
        while (true) {
            int[] best = null;
            double bestQ = Double.NEGATIVE_INFINITY;
            int bestSplit = -1;
            for (int[] s : segments) {
                double[] seg = Arrays.copyOfRange(series, s[0], s[1]);
                Split sp = bestSplit(distances(seg), identity(seg.length));
                if (sp != null && sp.q > bestQ) {
                    bestQ = sp.q;
                    best = s;
                    bestSplit = s[0] + sp.at;
                }
            }
            if (best == null) {
                break;
            }
            double p = pValue(Arrays.copyOfRange(series, best[0], best[1]), bestQ, significance, random);
            if (p > significance) {
                break;
            }
            found.add(new Found(bestSplit, p));
            segments.remove(best);
            segments.add(new int[] {best[0], bestSplit});
            segments.add(new int[] {bestSplit, best[1]});
        }
        found.sort(Comparator.comparingInt(Found::at));
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            int idx = found.get(i).at;
            int from = i == 0 ? 0 : found.get(i - 1).at;
            int to = i + 1 < found.size() ? found.get(i + 1).at : series.length;
            out.add(new Change(idx, found.get(i).p, median(Arrays.copyOfRange(series, from, idx)),
                    median(Arrays.copyOfRange(series, idx, to))));
        }
        return out;
    }

    /** The split of one segment and its divergence; {@code at} is the size of the left side. */
    private record Split(int at, double q) {
    }

    /** A change point that passed its test: its index in the series and its p-value. */
    private record Found(int at, double p) {
    }

    /**
     * The largest divergence over the splits of a segment taken in {@code order} (indices into {@code d}), or null when
     * the segment is too short to split. As in Matteson and James, the right side of a split at {@code t} may end
     * before the segment does (at any {@code k}): a regime that returns to the old level later (a step down, then
     * back up) is then as plain as one step. Row prefix sums make it O(n²) for all pairs of t and k together.
     */
    private static Split bestSplit(double[][] d, int[] order) {
        int n = order.length;
        if (n < 2 * MIN_RUNS) {
            return null;
        }
        // prefix[i][j]: the distances from the i-th value of the order to the first j values
        double[][] prefix = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            double[] row = d[order[i]];
            for (int j = 0; j < n; j++) {
                prefix[i][j + 1] = prefix[i][j] + row[order[j]];
            }
        }
        double withinLeft = 0;
        Split best = null;
        for (int t = 1; t <= n - MIN_RUNS; t++) {
            withinLeft += prefix[t - 1][t - 1];
            if (t < MIN_RUNS) {
                continue;
            }
            double nl = t;
            double cross = 0;
            double withinRight = 0;
            for (int k = t + 1; k <= n; k++) {
                int added = k - 1; // joins the right side [t, k)
                cross += prefix[added][t];
                withinRight += prefix[added][added] - prefix[added][t];
                double nr = k - t;
                if (nr < MIN_RUNS) {
                    continue;
                }
                double q = nl * nr / (nl + nr) * (2 * cross / (nl * nr) - withinLeft / (nl * (nl - 1) / 2)
                        - withinRight / (nr * (nr - 1) / 2));
                if (best == null || q > best.q) {
                    best = new Split(t, q);
                }
            }
        }
        return best;
    }

    /**
     * The share of random orders of {@code seg} whose best divergence reaches {@code q} (with the observed order
     * counted once); stops early once the candidate can no longer be significant.
     */
    private static double pValue(double[] seg, double q, double significance, SplittableRandom random) {
        double[][] d = distances(seg);
        int[] order = identity(seg.length);
        int allowed = (int) Math.floor(significance * (PERMUTATIONS + 1)) - 1;
        int reached = 0;
        int done = 0;
        for (; done < PERMUTATIONS; done++) {
            shuffle(order, random);
            if (bestSplit(d, order).q >= q * (1 - 1e-12)) {
                reached++;
                if (reached > allowed) {
                    done++;
                    break;
                }
            }
        }
        return (1.0 + reached) / (1.0 + (reached > allowed ? done : PERMUTATIONS));
    }

    private static double[][] distances(double[] x) {
        double[][] d = new double[x.length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                d[i][j] = Math.abs(x[i] - x[j]);
            }
        }
        return d;
    }

    private static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
