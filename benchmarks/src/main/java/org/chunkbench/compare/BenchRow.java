package org.chunkbench.compare;

import java.util.Arrays;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * One JMH result: its score with JMH's 99.9% confidence half-width, and the per-iteration samples of every fork
 * ({@code forks[f][i]}; empty when the JSON carries none).
 */
public record BenchRow(RowKey key, String unit, double score, double error, double[][] forks) {

    /** Builds a row from samples alone, scoring it the way JMH does (mean, 99.9% Student-t half-width). */
    public static BenchRow fromSamples(RowKey key, String unit, double[][] forks) {
        double[] all = flatten(forks);
        double mean = Arrays.stream(all).average().orElse(Double.NaN);
        return new BenchRow(key, unit, mean, halfWidth999(all), forks);
    }

    public Direction direction() {
        return Direction.ofUnit(unit);
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
