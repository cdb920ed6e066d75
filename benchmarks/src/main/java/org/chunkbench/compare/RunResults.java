package org.chunkbench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.chunkbench.cli.Main;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One side of a comparison: the rows of a JMH JSON file, or of a results folder ({@code jmh.json} plus, when
 * present, {@code env.json}). Several runs of one side (alternating base/head in CI) merge into one: their forks
 * are pooled. Anything that is not JMH JSON is a {@link Main.UsageException} with one line that names the file.
 */
public final class RunResults {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String label;
    private final Map<RowKey, BenchRow> rows;
    private final Map<String, String> env;
    private final List<String> warnings;

    private RunResults(String label, Map<RowKey, BenchRow> rows, Map<String, String> env, List<String> warnings) {
        this.label = label;
        this.rows = rows;
        this.env = env;
        this.warnings = warnings;
    }

    public String label() {
        return label;
    }

    /** Rows in the order of the JSON. */
    public Map<RowKey, BenchRow> rows() {
        return rows;
    }

    /** Flattened environment: env.json's fields ({@code cpu.model}, {@code backends[sunjce].version}) and JMH's own. */
    public Map<String, String> env() {
        return env;
    }

    public List<String> warnings() {
        return warnings;
    }

    public static RunResults load(List<Path> paths) {
        if (paths.size() == 1) {
            return load(paths.get(0));
        }
        List<RunResults> runs = paths.stream().map(RunResults::load).toList();
        Map<RowKey, List<BenchRow>> byKey = new LinkedHashMap<>();
        for (RunResults r : runs) {
            r.rows.forEach((k, row) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(row));
        }
        Map<RowKey, BenchRow> merged = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        byKey.forEach((k, list) -> {
            String unit = list.get(0).unit();
            for (BenchRow r : list) {
                if (!r.unit().equals(unit)) {
                    throw new Main.UsageException(k + ": unit " + unit + " in one run and " + r.unit() + " in another; cannot pool them");
                }
            }
            if (list.size() < runs.size()) {
                warnings.add(k + " is in " + list.size() + " of the " + runs.size() + " runs pooled here");
            }
            merged.put(k, list.size() == 1 ? list.get(0)
                    : BenchRow.fromSamples(k, unit, list.stream().flatMap(r -> java.util.Arrays.stream(r.forks())).toArray(double[][]::new)));
        });
        for (int i = 1; i < runs.size(); i++) {
            for (Map.Entry<String, String> e : runs.get(0).env.entrySet()) {
                String other = runs.get(i).env.get(e.getKey());
                if (other != null && !other.equals(e.getValue()) && EnvDiff.isRelevant(e.getKey())) {
                    warnings.add("pooled runs differ in " + e.getKey() + ": " + e.getValue() + " vs " + other);
                }
            }
        }
        runs.forEach(r -> warnings.addAll(r.warnings));
        String label = String.join(" + ", runs.stream().map(RunResults::label).toList());
        return new RunResults(label, merged, runs.get(0).env, warnings);
    }

    public static RunResults load(Path path) {
        Path jmh = path;
        Path envFile = null;
        if (Files.isDirectory(path)) {
            jmh = path.resolve("jmh.json");
            envFile = path.resolve("env.json");
            if (!Files.isRegularFile(jmh)) {
                throw new Main.UsageException(path + " is a folder without jmh.json; give a results folder or a JMH JSON file");
            }
        }
        JsonNode root = readJson(jmh);
        Map<RowKey, BenchRow> rows = parseJmh(jmh, root);
        Map<String, String> env = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        JsonNode first = root.get(0);
        for (String f : new String[] {"jmhVersion", "jdkVersion", "vmName", "vmVersion", "jvmArgs", "threads", "forks",
                "warmupIterations", "warmupTime", "measurementIterations", "measurementTime"}) {
            if (first.hasNonNull(f)) {
                env.put("jmh." + f, first.get(f).isArray() ? first.get(f).toString() : first.get(f).asText());
            }
        }
        if (envFile != null && Files.isRegularFile(envFile)) {
            try {
                flatten("", JSON.readTree(envFile.toFile()), env);
            } catch (IOException e) {
                warnings.add(envFile + " could not be read (" + firstLine(e) + "); environments not compared from it");
            }
        }
        return new RunResults(path.toString(), rows, env, warnings);
    }

    private static JsonNode readJson(Path file) {
        if (!Files.exists(file)) {
            throw new Main.UsageException(file + ": no such file");
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || n.isMissingNode()) {
                throw new Main.UsageException(file + " is empty; expected JMH JSON (-rf json)");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new Main.UsageException(file + " is not valid JSON (truncated or corrupt?) at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + firstLine(e));
        } catch (IOException e) {
            throw new Main.UsageException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    static Map<RowKey, BenchRow> parseJmh(Path file, JsonNode root) {
        String notJmh = file + " is not JMH JSON: ";
        if (!root.isArray()) {
            throw new Main.UsageException(notJmh + "expected an array of benchmark results (as written by -rf json), found "
                    + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        if (root.isEmpty()) {
            throw new Main.UsageException(file + " holds no benchmark results");
        }
        Map<RowKey, BenchRow> rows = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode r : root) {
            i++;
            String where = notJmh + "result " + i + " ";
            String benchmark = text(r, "benchmark", where);
            String mode = text(r, "mode", where);
            JsonNode pm = r.get("primaryMetric");
            if (pm == null || !pm.isObject()) {
                throw new Main.UsageException(where + "(" + benchmark + ") has no primaryMetric");
            }
            JsonNode scoreNode = pm.get("score");
            if (scoreNode == null || !scoreNode.isNumber()) {
                throw new Main.UsageException(where + "(" + benchmark + ") has no numeric primaryMetric.score");
            }
            String unit = text(pm, "scoreUnit", where + "(" + benchmark + ") primaryMetric ");
            Map<String, String> params = new TreeMap<>();
            JsonNode p = r.get("params");
            if (p != null && p.isObject()) {
                p.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            }
            RowKey key = RowKey.of(benchmark, mode, params);
            try {
                Direction.ofUnit(unit);
            } catch (IllegalArgumentException e) {
                throw new Main.UsageException(file + ": " + key + ": " + e.getMessage());
            }
            double[][] forks = samples(pm, where + "(" + key + ") ");
            if (rows.put(key, new BenchRow(key, unit, scoreNode.asDouble(), number(pm.get("scoreError")), forks)) != null) {
                throw new Main.UsageException(file + ": " + key + " appears twice; one file should hold one run");
            }
        }
        return rows;
    }

    /** rawData (thrpt, avgt, ss) or, for sample mode, the mean of each iteration's histogram. */
    private static double[][] samples(JsonNode pm, String where) {
        JsonNode raw = pm.get("rawData");
        JsonNode hist = pm.get("rawDataHistogram");
        List<double[]> forks = new ArrayList<>();
        if (raw != null && raw.isArray()) {
            for (JsonNode fork : raw) {
                double[] it = new double[fork.size()];
                for (int i = 0; i < it.length; i++) {
                    if (!fork.get(i).isNumber()) {
                        throw new Main.UsageException(where + "has a non-numeric value in rawData");
                    }
                    it[i] = fork.get(i).asDouble();
                }
                forks.add(it);
            }
        } else if (hist != null && hist.isArray()) {
            for (JsonNode fork : hist) {
                double[] it = new double[fork.size()];
                for (int i = 0; i < it.length; i++) {
                    double sum = 0;
                    double count = 0;
                    for (JsonNode pair : fork.get(i)) {
                        sum += pair.get(0).asDouble() * pair.get(1).asDouble();
                        count += pair.get(1).asDouble();
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
            throw new Main.UsageException(where + "has no '" + field + "'");
        }
        return v.asText();
    }

    private static double number(JsonNode n) {
        if (n == null) {
            return Double.NaN;
        }
        // JMH writes "NaN" (a string) when it cannot compute an error, e.g. from one iteration.
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** Objects become dotted keys; arrays of objects with a name become {@code key[name]}, so they line up by name. */
    static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            boolean named = n.size() > 0;
            for (JsonNode el : n) {
                named &= el.isObject() && el.hasNonNull("name") && el.get("name").isValueNode();
            }
            if (named) {
                for (JsonNode el : n) {
                    flatten(prefix + "[" + el.get("name").asText() + "]", el, out);
                }
            } else {
                List<String> parts = new ArrayList<>();
                n.forEach(el -> parts.add(el.isValueNode() ? el.asText() : el.toString()));
                out.put(prefix, String.join(", ", parts));
            }
        } else if (!n.isNull()) {
            out.put(prefix, n.asText());
        }
    }
}
