package org.chunkbench.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.chunkbench.backends.CipherSpec;
import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.SweepParam;

import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;

/**
 * A run's JMH invocations, one per cipher and thread count (an aes-gcm row has other modes and buffers than an aes-ctr
 * one, so the two cannot share one cross product of params), with the trials they make and how long they should
 * take. With one invocation JMH writes jmh.json itself; with several each writes its own part and {@link JmhLoop}
 * merges them.
 */
final class RunPlan {
    private final Sweep sweep;
    private final List<Options> invocations = new ArrayList<>();
    private final int total;
    private final Duration estimate;

    RunPlan(Sweep sweep, ResultsFolder folder) {
        this.sweep = sweep;
        List<Integer> threadCounts = sweep.threadCounts();
        List<String> ciphers = sweep.ciphers().stream().filter(sweep::runsAnything).toList();
        boolean parts = threadCounts.size() * ciphers.size() > 1;
        for (String cipher : ciphers) {
            for (Integer t : threadCounts) {
                String file = parts ? folder.jmhJsonPart(cipher, t).toString() : folder.jmhJson().toString();
                invocations.add(sweep.options(file, cipher, t));
            }
        }
        int trials = 0;
        Duration time = Duration.ZERO;
        for (Options o : invocations) {
            trials += Sweep.count(o);
            time = time.plus(Sweep.estimate(o));
        }
        this.total = trials;
        this.estimate = time;
    }

    /** The first invocation: its timings stand for the run's (they differ only in cipher, params and threads). */
    Options first() {
        return invocations.get(0);
    }

    Collection<Options> invocations() {
        return List.copyOf(invocations);
    }

    /** More than one invocation, so jmh.json is merged from their parts. */
    boolean inParts() {
        return invocations.size() > 1;
    }

    int total() {
        return total;
    }

    Duration estimate() {
        return estimate;
    }

    /** The plan's line on the console, before anything runs. */
    String headline() {
        List<Integer> threadCounts = sweep.threadCounts();
        List<String> ciphers = sweep.ciphers();
        return String.format("chunkbench run: %s preset, %d trials (%s; backends: %s%s%s), estimated duration %s",
                sweep.preset().cliName(), total, timings(first()), sweep.backends().isEmpty() ? "baseline only"
                        : String.join(", ", sweep.backends()),
                ciphers.size() == 1 && ciphers.get(0).equals(CipherSpec.CIPHER) ? ""
                        : "; ciphers: " + ciphers.stream().map(c -> c.equals(CipherSpec.CIPHER) ? c
                                : c + " (" + (sweep.backends(c).isEmpty() ? "baseline only" : String.join(", ", sweep.backends(c)))
                                        + ")").collect(Collectors.joining(", ")),
                threadCounts.size() == 1 ? ""
                        : "; threads: " + threadCounts.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                Sweep.describe(estimate));
    }

    private static String timings(Options o) {
        return String.format("%d fork(s), warmup %d x %s, measurement %d x %s", o.getForkCount().orElse(1),
                o.getWarmupIterations().orElse(0), o.getWarmupTime().orElse(null), o.getMeasurementIterations().orElse(0),
                o.getMeasurementTime().orElse(null));
    }

    /** The JMH settings as env.json records them. */
    EnvManifest.JmhSettings settings() {
        Options o = first();
        // Every value any invocation gives a param (aes-gcm adds mode=record and its own backends).
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (SweepParam p : SweepParam.values()) {
            for (Options each : invocations) {
                if (each.getParameter(p.jmhName()).hasValue()) {
                    List<String> values = params.computeIfAbsent(p.jmhName(), k -> new ArrayList<>());
                    each.getParameter(p.jmhName()).get().stream().filter(v -> !values.contains(v)).forEach(values::add);
                }
            }
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        List<String> profilers = new ArrayList<>();
        for (ProfilerConfig p : o.getProfilers()) {
            profilers.add(p.getKlass() + (p.getOpts() == null || p.getOpts().isEmpty() ? "" : ":" + p.getOpts()));
        }
        List<Integer> threadCounts = invocations.stream().map(i -> i.getThreads().orElse(1)).distinct().toList();
        return new EnvManifest.JmhSettings(org.openjdk.jmh.util.Version.getPlainVersion(), o.getForkCount().orElse(1),
                o.getWarmupIterations().orElse(0), String.valueOf(o.getWarmupTime().orElse(null)),
                o.getMeasurementIterations().orElse(0), String.valueOf(o.getMeasurementTime().orElse(null)),
                o.getThreads().orElse(1), params, List.copyOf(o.getIncludes()),
                List.copyOf(o.getJvmArgsAppend().orElse(List.of())), profilers, String.join(" ", sweep.jmhArgs()),
                List.copyOf(threadCounts), Sweep.forkJvmArgs(o));
    }

    /** The values of an int param in the plan, or {@code otherwise} when the plan leaves it to the benchmark's default. */
    List<Integer> ints(SweepParam p, List<Integer> otherwise) {
        Options options = first();
        return options.getParameter(p.jmhName()).hasValue()
                ? options.getParameter(p.jmhName()).get().stream().map(Integer::parseInt).toList() : otherwise;
    }

    /** The ciphers that have an invocation (aes-gcm with nothing to run has none). */
    List<String> ciphers() {
        return invocations.stream().map(o -> o.getParameter(SweepParam.CIPHER.jmhName()).get().iterator().next()).distinct()
                .toList();
    }

    /** The part files of a plan {@link #inParts in parts}. */
    List<Path> partFiles() {
        return invocations.stream().map(o -> Path.of(o.getResult().get())).toList();
    }
}
