package org.chunkbench.results;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What makes two trials the same: the benchmark method, the JMH mode ({@code thrpt}, {@code avgt}: one method may
 * run in both in the same run; not the cipher mode, which is the {@code mode} param) and every param. Params are
 * sorted so that their order in the JSON does not matter. The thread count is one of them when it is not 1
 * ({@link #THREADS}).
 */
public record TrialKey(String benchmark, String jmhMode, SortedMap<String, String> params) {
    /**
     * JMH's thread count, kept among the params when it is not 1, so that compare and history match rows on it and
     * a one-thread row matches one from a run that predates {@code --threads LIST}.
     */
    public static final String THREADS = "threads";

    public TrialKey {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    public static TrialKey of(String benchmark, String jmhMode, Map<String, String> params) {
        return new TrialKey(benchmark, jmhMode, new TreeMap<>(params));
    }

    /** {@code ChunkBenchmark.encrypt}: the class and method, without the package. */
    public String shortBenchmark() {
        int method = benchmark.lastIndexOf('.');
        int cls = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(cls + 1);
    }

    /** The method name alone: {@code chunked}, {@code baseline}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** JMH's thread count: 1 unless {@link #THREADS} says otherwise. */
    public int threads() {
        String t = params.get(THREADS);
        return t == null ? 1 : Integer.parseInt(t);
    }

    public String param(SweepParam p) {
        return params.get(p.jmhName());
    }

    public String paramsText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return shortBenchmark() + " [" + jmhMode + "]" + (params.isEmpty() ? "" : " " + paramsText());
    }
}
