package org.chunkbench.results;

import java.util.Arrays;
import java.util.Map;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * One JMH trial, in its own unit: the score with JMH's 99.9% confidence half-width ({@code error}) and interval
 * ({@code low}..{@code high}, NaN when JMH gave none), the per-iteration samples of every fork ({@code forks[f][i]};
 * empty when the JSON carries none), the benchmark thread count and the secondary metrics' scores by name
 * ({@code gc.alloc.rate.norm}, without the middle dot older JMH versions put in front).
 */
public record Trial(TrialKey key, String unit, double score, double error, double low, double high, double[][] forks,
        int threads, Map<String, Double> secondary) {
    /** JMH's allocation per operation, from {@code -prof gc}. */
    public static final String ALLOC_PER_OP = "gc.alloc.rate.norm";

    public Trial {
        secondary = Map.copyOf(secondary);
    }

    /** A trial with a score, its error and samples only (the interval is score ± error, one thread). */
    public Trial(TrialKey key, String unit, double score, double error, double[][] forks) {
        this(key, unit, score, error, score - error, score + error, forks, 1, Map.of());
    }

    /** Builds a trial from samples alone, scoring it the way JMH does (mean, 99.9% Student-t half-width). */
    public static Trial fromSamples(TrialKey key, String unit, double[][] forks) {
        double[] all = flatten(forks);
        double mean = Arrays.stream(all).average().orElse(Double.NaN);
        return new Trial(key, unit, mean, halfWidth999(all), forks);
    }

    public ScoreDirection direction() {
        return Units.direction(unit);
    }

    /** The score in operations per second ({@link Units#opsPerSecond}); IllegalArgumentException unless ops/time or time/op. */
    public double opsPerSecond() {
        return Units.opsPerSecond(score, unit);
    }

    /** The interval's low end in operations per second: a time per op inverts, so it comes from the high end. */
    public double opsPerSecondLow() {
        return Units.opsPerSecond(Units.isTimePerOp(unit) ? high : low, unit);
    }

    /** The interval's high end in operations per second; NaN for a time per op whose low end is not positive. */
    public double opsPerSecondHigh() {
        if (!Units.isTimePerOp(unit)) {
            return Units.opsPerSecond(high, unit);
        }
        return low > 0 ? Units.opsPerSecond(low, unit) : Double.NaN;
    }

    /** Bytes allocated per operation, NaN when the run had no GC profiler. */
    public double allocPerOp() {
        Double v = secondary.get(ALLOC_PER_OP);
        return v == null ? Double.NaN : v;
    }

    public int sampleCount() {
        return samples().length;
    }

    public double[] samples() {
        return flatten(forks);
    }

    public double[] forkMeans() {
        return Arrays.stream(forks).filter(f -> f.length > 0)
                .mapToDouble(f -> Arrays.stream(f).average().orElseThrow()).toArray();
    }

    /** Error relative to the score; infinite when JMH could not compute one (a single sample). */
    public double relativeError() {
        return Double.isFinite(error) && score != 0 ? Math.abs(error / score) : Double.POSITIVE_INFINITY;
    }

    /** (max - min) / mean of the fork means: how much one JVM launch differs from the next. */
    public double forkSpread() {
        double[] m = forkMeans();
        if (m.length < 2) {
            return 0;
        }
        double min = Arrays.stream(m).min().orElseThrow();
        double max = Arrays.stream(m).max().orElseThrow();
        double mean = Arrays.stream(m).average().orElseThrow();
        return mean == 0 ? Double.POSITIVE_INFINITY : (max - min) / Math.abs(mean);
    }

    /** Relative standard deviation of the iterations around their own fork's mean: noise within one JVM launch. */
    public double withinForkScatter() {
        double ss = 0;
        int df = 0;
        for (double[] f : forks) {
            if (f.length < 2) {
                continue;
            }
            double mean = Arrays.stream(f).average().orElseThrow();
            for (double v : f) {
                ss += (v / mean - 1) * (v / mean - 1);
            }
            df += f.length - 1;
        }
        return df == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(ss / df);
    }

    /**
     * How far the iterations still moved in the better direction within their fork, the median over forks of
     * (mean of the last third of a fork's iterations - mean of its first third) / the fork's mean, signed so that a
     * positive value means later iterations were better (throughput still rising, time still falling): a fork that
     * had not finished warming up. NaN without a fork of at least {@value #DRIFT_MIN_ITERATIONS} iterations.
     */
    public double warmupDrift() {
        return median(Arrays.stream(forks).filter(f -> f.length >= DRIFT_MIN_ITERATIONS).mapToDouble(this::drift).toArray());
    }

    /** Fewer iterations in a fork say nothing about a trend within it. */
    public static final int DRIFT_MIN_ITERATIONS = 3;
    /** A fork still warming up improved by more than this share from its first third to its last... */
    public static final double STEADY_DRIFT_LIMIT = 0.05;
    /** ...and steadily: its iterations' rank correlation with their order, in the better direction, at least this. */
    public static final double STEADY_TREND_LIMIT = 0.8;

    /**
     * False when most forks (of at least {@value #DRIFT_MIN_ITERATIONS} iterations) were still warming up while
     * measured: better by over {@link #STEADY_DRIFT_LIMIT} from their first third to their last, and steadily so
     * (rank correlation with the iteration's order of {@link #STEADY_TREND_LIMIT} or more), which scatter on a busy
     * machine rarely is. Getting worse is not warming up (load, throttling) and counts as steady here.
     */
    public boolean steady() {
        double[][] judged = Arrays.stream(forks).filter(f -> f.length >= DRIFT_MIN_ITERATIONS).toArray(double[][]::new);
        long warming = Arrays.stream(judged).filter(f -> drift(f) > STEADY_DRIFT_LIMIT && trend(f) >= STEADY_TREND_LIMIT).count();
        return judged.length == 0 || warming * 2 <= judged.length;
    }

    private double drift(double[] f) {
        int third = f.length / 3;
        double first = Arrays.stream(f, 0, third).average().orElseThrow();
        double last = Arrays.stream(f, f.length - third, f.length).average().orElseThrow();
        double mean = Arrays.stream(f).average().orElseThrow();
        double better = direction().isWorse(first, last) ? -Math.abs(last - first) : Math.abs(last - first);
        return mean == 0 ? 0 : better / Math.abs(mean);
    }

    /** Spearman's rank correlation of a fork's iterations with their order, signed so that +1 is steadily better. */
    private double trend(double[] f) {
        double rho = new org.apache.commons.math3.stat.correlation.SpearmansCorrelation()
                .correlation(java.util.stream.IntStream.range(0, f.length).asDoubleStream().toArray(), f);
        return direction() == ScoreDirection.HIGHER_IS_BETTER ? rho : -rho;
    }

    private static double median(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    static double halfWidth999(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(x).average().orElseThrow();
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (x.length - 1));
        return new TDistribution(x.length - 1).inverseCumulativeProbability(1 - 0.001 / 2) * sd / Math.sqrt(x.length);
    }

    static double[] flatten(double[][] forks) {
        return Arrays.stream(forks).flatMapToDouble(Arrays::stream).toArray();
    }
}
