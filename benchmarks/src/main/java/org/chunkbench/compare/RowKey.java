package org.chunkbench.compare;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What makes two results the same row: the benchmark method, the JMH mode (one method may run as thrpt and avgt
 * in the same run) and every param. Params are sorted so that their order in the JSON does not matter.
 */
public record RowKey(String benchmark, String mode, SortedMap<String, String> params) {
    public RowKey {
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    public static RowKey of(String benchmark, String mode, Map<String, String> params) {
        return new RowKey(benchmark, mode, new TreeMap<>(params));
    }

    /** {@code ChunkBenchmark.encrypt}: the class and method, without the package. */
    public String shortBenchmark() {
        int method = benchmark.lastIndexOf('.');
        int cls = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
        return benchmark.substring(cls + 1);
    }

    public String paramsText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return shortBenchmark() + " [" + mode + "]" + (params.isEmpty() ? "" : " " + paramsText());
    }
}
