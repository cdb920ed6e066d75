package org.chunkbench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chunkbench.results.SweepParam;
import org.chunkbench.results.Visible;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's full output goes to a log file; the console gets one line per trial as it starts (n of N, elapsed,
 * estimated remaining) and one as it ends (MB/s with error), plus any failure verbatim. Hooking JMH's
 * {@link OutputFormat} callbacks rather than parsing its text keeps this independent of JMH's wording; the one
 * exception is the {@code <failure>} marker, which JMH has printed before a trial's exception for years.
 */
public final class ProgressFormat implements OutputFormat {
    private final PrintWriter console;
    private final OutputFormat log;
    private final int total;
    private final Duration plannedPerTrial;
    private final long clockStart;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private int started;
    private boolean clockStarted;
    private int ended;
    private long runStart;
    private String current;
    private StringBuilder failure;

    public ProgressFormat(PrintWriter console, OutputFormat log, int total, Duration plannedPerTrial) {
        this.console = console;
        this.log = log;
        this.total = total;
        this.plannedPerTrial = plannedPerTrial;
        this.clockStart = System.nanoTime();
        this.runStart = clockStart;
    }

    /** Trial label to the failure text JMH printed for it. */
    public Map<String, String> failures() {
        closeFailure();
        return new LinkedHashMap<>(failures);
    }

    public int started() {
        return started;
    }

    @Override
    public void startRun() {
        // A sweep of several thread counts is several JMH runs through this one format: one clock for all of them.
        if (!clockStarted) {
            runStart = System.nanoTime();
            clockStarted = true;
        }
        log.startRun();
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        closeFailure();
        started++;
        current = label(params);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - runStart);
        console.printf("[%d/%d] %s  (elapsed %s, ~%s left)%n", started, Math.max(total, started), Visible.text(current),
                Sweep.describe(elapsed), Sweep.describe(remaining(elapsed)));
        console.flush();
        log.startBenchmark(params);
    }

    /** From the average of finished trials once there is one, from the plan before that. */
    Duration remaining(Duration elapsed) {
        int left = Math.max(0, total - started + 1);
        Duration perTrial = ended == 0 ? plannedPerTrial : elapsed.dividedBy(ended);
        return perTrial.multipliedBy(left);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        ended++;
        closeFailure();
        if (result != null && result.getPrimaryResult() != null) {
            console.println("      " + summary(result));
            console.flush();
        }
        log.endBenchmark(result);
    }

    static String label(BenchmarkParams params) {
        String bench = params.getBenchmark();
        List<String> parts = new ArrayList<>();
        parts.add(bench.substring(bench.lastIndexOf('.') + 1));
        String backend = params.getParam(SweepParam.BACKEND.jmhName());
        if (backend != null) {
            parts.add(backend);
        }
        for (SweepParam p : SweepParam.values()) {
            String v = p == SweepParam.BACKEND ? null : params.getParam(p.jmhName());
            if (v != null) {
                parts.add(p.jmhName() + "=" + v);
            }
        }
        if (params.getThreads() > 1) {
            parts.add("threads=" + params.getThreads());
        }
        return String.join(" ", parts);
    }

    static String summary(BenchmarkResult result) {
        Result<?> r = result.getPrimaryResult();
        String chunk = result.getParams().getParam(SweepParam.CHUNK_SIZE.jmhName());
        String unit = r.getScoreUnit();
        if (chunk != null && unit.equals("ops/s")) {
            double bytes = Double.parseDouble(chunk);
            double mbs = r.getScore() * bytes / 1e6;
            double err = r.getScoreError() * bytes / 1e6;
            double ns = 1e9 * result.getParams().getThreads() / r.getScore();
            return String.format("%.1f ± %s MB/s, %.1f ns/chunk", mbs, Double.isNaN(err) ? "?" : String.format("%.1f", err), ns);
        }
        return String.format("%.3f ± %.3f %s", r.getScore(), r.getScoreError(), unit);
    }

    private void closeFailure() {
        if (failure != null) {
            failures.put(current == null ? "(before the first trial)" : current, failure.toString().strip());
            failure = null;
        }
    }

    /** Keeps a failure's whole text for env.json; the console gets its first line (the exception and message). */
    private void echo(String s) {
        if (failure != null) {
            boolean first = failure.toString().isBlank();
            failure.append(s).append('\n');
            String line = s.strip();
            if (first && !line.isEmpty()) {
                console.println("      FAILED: " + Visible.text(line.lines().findFirst().orElse(line)) + " (full output in jmh.log)");
                console.flush();
            }
        }
    }

    @Override
    public void println(String s) {
        if (s.contains("<failure>")) {
            closeFailure();
            failure = new StringBuilder();
        } else {
            echo(s);
        }
        log.println(s);
    }

    @Override
    public void print(String s) {
        echo(s);
        log.print(s);
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration, IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        closeFailure();
        log.endRun(result);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }

    @Override
    public void flush() {
        console.flush();
        log.flush();
    }

    @Override
    public void close() {
        log.close();
    }
}
