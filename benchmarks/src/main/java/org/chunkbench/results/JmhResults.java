package org.chunkbench.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one reader of JMH's JSON ({@code -rf json}): typed trials in the order of the file, plus what JMH says about
 * the run itself (JDK, JMH version, timings: the fields of the first result, prefixed {@code jmh.}). Anything
 * that is not JMH JSON is a {@link ResultsException} with one line that names the file.
 */
public record JmhResults(Path file, Map<TrialKey, Trial> trials, Map<String, String> runInfo) {
    /** The runInfo key of the JDK the forks ran. */
    public static final String JDK_VERSION = "jmh.jdkVersion";
    /** The run-level fields JMH repeats in every result. */
    private static final String[] RUN_FIELDS = {"jmhVersion", "jdkVersion", "vmName", "vmVersion", "jvmArgs", "threads",
        "forks", "warmupIterations", "warmupTime", "measurementIterations", "measurementTime"};

    public JmhResults {
        trials = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trials));
        runInfo = java.util.Collections.unmodifiableMap(new TreeMap<>(runInfo));
    }

    public List<Trial> list() {
        return List.copyOf(trials.values());
    }

    public static JmhResults read(Path file) {
        JsonNode root = Json.readTree(file, "expected JMH JSON (-rf json)");
        if (!root.isArray()) {
            throw new ResultsException(file + " is not JMH JSON: expected an array of benchmark results (as written by -rf json), found "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        Map<TrialKey, Trial> trials = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode r : root) {
            i++;
            Trial t = trial(r, file + " is not JMH JSON: result " + i + " ");
            if (trials.put(t.key(), t) != null) {
                throw new ResultsException(file + ": " + t.key() + " appears twice; one file should hold one run");
            }
        }
        Map<String, String> info = new TreeMap<>();
        if (!root.isEmpty()) {
            JsonNode first = root.get(0);
            for (String f : RUN_FIELDS) {
                if (first.hasNonNull(f)) {
                    info.put("jmh." + f, first.get(f).isArray() ? first.get(f).toString() : first.get(f).asText());
                }
            }
        }
        return new JmhResults(file, trials, info);
    }

    /** chunkbench's own benchmark methods (bench.ChunkBenchmark), by the end of their JMH names. */
    static final String CHUNK_BENCHMARK_CHUNKED = ".ChunkBenchmark.chunked";
    static final String CHUNK_BENCHMARK_BASELINE = ".ChunkBenchmark.baseline";

    private static Trial trial(JsonNode r, String where) {
        String benchmark = text(r, "benchmark", where);
        String mode = text(r, "mode", where);
        JsonNode pm = r.get("primaryMetric");
        if (pm == null || !pm.isObject()) {
            throw new ResultsException(where + "(" + benchmark + ") has no primaryMetric");
        }
        JsonNode scoreNode = pm.get("score");
        if (scoreNode == null || !scoreNode.isNumber()) {
            throw new ResultsException(where + "(" + benchmark + ") has no numeric primaryMetric.score");
        }
        String unit = text(pm, "scoreUnit", where + "(" + benchmark + ") primaryMetric ");
        Map<String, String> params = new TreeMap<>();
        JsonNode p = r.get("params");
        if (p != null && p.isObject()) {
            p.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        }
        int threads = r.path("threads").asInt(1);
        if (threads != 1) {
            // Rows match on the thread count; a one-thread row keeps the key older runs had.
            params.put(TrialKey.THREADS, String.valueOf(threads));
        }
        if (benchmark.endsWith(CHUNK_BENCHMARK_CHUNKED) || benchmark.endsWith(CHUNK_BENCHMARK_BASELINE)) {
            // Rows match on the cipher; an aes-ctr row keeps the key of the runs from before aes-gcm, which had no cipher.
            params.remove(SweepParam.CIPHER.jmhName(), SweepParam.CIPHER.absentValue());
        }
        TrialKey key = TrialKey.of(benchmark, mode, params);
        JsonNode ci = pm.path("scoreConfidence");
        double low = ci.size() == 2 ? number(ci.get(0)) : Double.NaN;
        double high = ci.size() == 2 ? number(ci.get(1)) : Double.NaN;
        Map<String, Double> secondary = new LinkedHashMap<>();
        r.path("secondaryMetrics").fields().forEachRemaining(e -> {
            // JMH 1.37 names it gc.alloc.rate.norm; older versions prefixed secondary metrics with a middle dot.
            String name = e.getKey().startsWith("\u00b7") ? e.getKey().substring(1) : e.getKey();
            secondary.putIfAbsent(name, number(e.getValue().get("score")));
        });
        return new Trial(key, unit, scoreNode.asDouble(), number(pm.get("scoreError")), low, high,
                samples(pm, where + "(" + key + ") "), threads, secondary);
    }

    /** rawData (thrpt, avgt, ss) or, for sample mode, the mean of each iteration's histogram. */
    private static double[][] samples(JsonNode pm, String where) {
        JsonNode raw = pm.get("rawData");
        JsonNode hist = pm.get("rawDataHistogram");
        List<double[]> forks = new ArrayList<>();
        if (raw != null && raw.isArray()) {
            for (JsonNode fork : raw) {
                if (!fork.isArray()) {
                    throw new ResultsException(where + "has a rawData fork that is not a list of numbers");
                }
                double[] it = new double[fork.size()];
                for (int i = 0; i < it.length; i++) {
                    if (!fork.get(i).isNumber()) {
                        throw new ResultsException(where + "has a non-numeric value in rawData");
                    }
                    it[i] = fork.get(i).asDouble();
                }
                forks.add(it);
            }
        } else if (hist != null && hist.isArray()) {
            for (JsonNode fork : hist) {
                if (!fork.isArray()) {
                    throw new ResultsException(where + "has a rawDataHistogram fork that is not a list of iterations");
                }
                double[] it = new double[fork.size()];
                for (int i = 0; i < it.length; i++) {
                    double sum = 0;
                    double count = 0;
                    JsonNode iteration = fork.get(i);
                    if (!iteration.isArray()) {
                        throw new ResultsException(where + "has a rawDataHistogram iteration that is not a list of [value, count] pairs");
                    }
                    for (JsonNode pair : iteration) {
                        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()
                                || !(pair.get(1).asDouble() >= 0)) {
                            throw new ResultsException(where + "has a malformed rawDataHistogram entry (fork " + (forks.size() + 1)
                                    + ", iteration " + (i + 1) + "); expected [value, count] with a count of 0 or more");
                        }
                        sum += pair.get(0).asDouble() * pair.get(1).asDouble();
                        count += pair.get(1).asDouble();
                    }
                    if (!(count > 0)) {
                        throw new ResultsException(where + "has an empty rawDataHistogram iteration");
                    }
                    it[i] = sum / count;
                }
                forks.add(it);
            }
        }
        return forks.toArray(double[][]::new);
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new ResultsException(where + "has no '" + field + "'");
        }
        return v.asText();
    }

    private static double number(JsonNode n) {
        // JMH writes "NaN" (a string) when it cannot compute an error, e.g. from one iteration.
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
