package org.chunkbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.chunkbench.backends.Backends;

/**
 * The trials of one jmh.json, converted to one unit (operations, that is chunks, per second) whatever JMH mode
 * produced them, and grouped into series: one series per backend variant and per combination of the other
 * params, with chunk size as the x axis.
 */
public final class Results {
    /** The {@code baseline} benchmark's name in series labels. */
    public static final String BASELINE = "baseline";
    static final String[] DIMENSIONS = {"mode", "buffer", "keyBits", "op", "threads"};

    /** One trial. {@code opsLow}/{@code opsHigh} are JMH's 99.9% confidence interval (NaN with a single sample). */
    public record Row(String backend, Map<String, String> dims, int chunkSize, double ops, double opsLow, double opsHigh,
            int samples, double allocBytesPerOp) {

        public int threads() {
            return Integer.parseInt(dims.get("threads"));
        }

        public double mbps() {
            return ops * chunkSize / 1e6;
        }

        public double mbpsError() {
            return (opsHigh - opsLow) / 2 * chunkSize / 1e6;
        }

        /** Half-width of the confidence interval over the score; NaN when JMH gave no interval. */
        public double relativeError() {
            return (opsHigh - opsLow) / 2 / ops;
        }

        /** Wall time one thread spends on one chunk. */
        public double nsPerChunk() {
            return 1e9 * threads() / ops;
        }

        public double nsLow() {
            return 1e9 * threads() / opsHigh;
        }

        public double nsHigh() {
            return opsLow > 0 ? 1e9 * threads() / opsLow : Double.NaN;
        }
    }

    /** All trials of one backend variant at one combination of the other params, by chunk size. */
    public record Series(String backend, Map<String, String> dims, String label, List<Row> rows) {
        public Row at(int chunk) {
            for (Row r : rows) {
                if (r.chunkSize() == chunk) {
                    return r;
                }
            }
            return null;
        }
    }

    private final List<Row> rows;
    private final List<Series> series;
    private final List<String> varying;
    private final JsonNode raw;

    private Results(List<Row> rows, JsonNode raw) {
        this.rows = rows;
        this.raw = raw;
        this.varying = varyingDimensions(rows);
        this.series = group(rows, varying);
    }

    public static Results read(ObjectMapper json, Path jmhJson) throws IOException {
        JsonNode root = json.readTree(jmhJson.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(jmhJson + " is not a JMH JSON result (expected an array of benchmarks)");
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode b : root) {
            rows.add(row(b));
        }
        return new Results(rows, root);
    }

    private static Row row(JsonNode b) throws IOException {
        String benchmark = b.path("benchmark").asText();
        JsonNode params = b.path("params");
        String backend = benchmark.endsWith(".baseline") ? BASELINE : params.path("backend").asText(null);
        if (backend == null || !params.has("chunkSize")) {
            throw new IOException("benchmark " + benchmark + " has no backend or chunkSize param; not a chunkbench result");
        }
        Map<String, String> dims = new LinkedHashMap<>();
        dims.put("mode", params.path("mode").asText("stream"));
        dims.put("buffer", params.path("buffer").asText("heap"));
        dims.put("keyBits", params.path("keyBits").asText("128"));
        dims.put("op", params.path("op").asText("encrypt"));
        dims.put("threads", String.valueOf(b.path("threads").asInt(1)));
        JsonNode pm = b.path("primaryMetric");
        String unit = pm.path("scoreUnit").asText();
        double score = pm.path("score").asDouble(Double.NaN);
        JsonNode ci = pm.path("scoreConfidence");
        double lo = ci.size() == 2 ? ci.get(0).asDouble(Double.NaN) : Double.NaN;
        double hi = ci.size() == 2 ? ci.get(1).asDouble(Double.NaN) : Double.NaN;
        int samples = 0;
        for (JsonNode fork : pm.path("rawData")) {
            samples += fork.size();
        }
        double ops;
        double opsLo;
        double opsHi;
        if (unit.startsWith("ops/")) {
            double f = perSecond(unit.substring(4), unit);
            ops = score * f;
            opsLo = lo * f;
            opsHi = hi * f;
        } else if (unit.endsWith("/op")) {
            double secondsPerUnit = 1 / perSecond(unit.substring(0, unit.length() - 3), unit);
            ops = 1 / (score * secondsPerUnit);
            opsLo = 1 / (hi * secondsPerUnit);
            opsHi = lo > 0 ? 1 / (lo * secondsPerUnit) : Double.NaN;
        } else {
            throw new IOException("benchmark " + benchmark + ": unit " + unit + " is neither ops/time nor time/op");
        }
        // JMH 1.37 names it gc.alloc.rate.norm; older versions prefixed secondary metrics with a middle dot.
        JsonNode sec = b.path("secondaryMetrics");
        JsonNode norm = sec.has("gc.alloc.rate.norm") ? sec.get("gc.alloc.rate.norm") : sec.path("\u00b7gc.alloc.rate.norm");
        double alloc = norm.path("score").asDouble(Double.NaN);
        return new Row(backend, dims, params.path("chunkSize").asInt(), ops, opsLo, opsHi, samples, alloc);
    }

    /** How many of this time unit make a second. */
    private static double perSecond(String timeUnit, String unit) throws IOException {
        switch (timeUnit) {
            case "s":
                return 1;
            case "ms":
                return 1e3;
            case "us":
                return 1e6;
            case "ns":
                return 1e9;
            case "min":
                return 1.0 / 60;
            default:
                throw new IOException("unknown JMH unit " + unit);
        }
    }

    private static List<String> varyingDimensions(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (String d : DIMENSIONS) {
            if (rows.stream().map(r -> r.dims().get(d)).distinct().count() > 1) {
                out.add(d);
            }
        }
        return out;
    }

    /** Series by the other params, then in registry order (variants after their backend, baseline right after sunjce). */
    private static List<Series> group(List<Row> rows, List<String> varying) {
        Map<String, List<Row>> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            byKey.computeIfAbsent(r.backend() + "|" + r.dims(), k -> new ArrayList<>()).add(r);
        }
        List<Series> out = new ArrayList<>();
        for (List<Row> l : byKey.values()) {
            l.sort(Comparator.comparingInt(Row::chunkSize));
            Row first = l.get(0);
            out.add(new Series(first.backend(), first.dims(), label(first, varying), List.copyOf(l)));
        }
        // Params first, so that the backends compared with each other sit together in legends and tables.
        out.sort(Comparator.comparing((Series s) -> dimsOrder(s.dims()))
                .thenComparingDouble(s -> backendOrder(s.backend())).thenComparing(Series::backend));
        return out;
    }

    /** stream before per-chunk-iv, heap before direct, encrypt before decrypt, smaller keys and thread counts first. */
    static String dimsOrder(Map<String, String> d) {
        return String.format("%d%d%d%04d%04d", d.get("mode").equals("stream") ? 0 : 1, d.get("buffer").equals("heap") ? 0 : 1,
                d.get("op").equals("encrypt") ? 0 : 1, parse(d.get("keyBits")), parse(d.get("threads")));
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 9999;
        }
    }

    static double backendOrder(String backend) {
        List<String> names = new ArrayList<>(Backends.names());
        if (backend.equals(BASELINE)) {
            int i = names.indexOf("sunjce");
            return i < 0 ? -1 : i + 0.5;
        }
        String base = backend.contains("[") ? backend.substring(0, backend.indexOf('[')) : backend;
        int i = names.indexOf(base);
        return i < 0 ? names.size() : i + (base.equals(backend) ? 0 : 0.25);
    }

    private static String label(Row r, List<String> varying) {
        StringBuilder sb = new StringBuilder(r.backend());
        for (String d : varying) {
            String v = r.dims().get(d);
            switch (d) {
                case "keyBits" -> sb.append(" AES-").append(v);
                case "threads" -> sb.append(' ').append(v).append(v.equals("1") ? " thread" : " threads");
                default -> sb.append(' ').append(v);
            }
        }
        return sb.toString();
    }

    public List<Row> rows() {
        return rows;
    }

    public List<Series> series() {
        return series;
    }

    /** The params other than backend and chunk size that differ between trials (they appear in series labels). */
    public List<String> varying() {
        return varying;
    }

    public java.util.NavigableSet<Integer> chunkSizes() {
        TreeSet<Integer> s = new TreeSet<>();
        rows.forEach(r -> s.add(r.chunkSize()));
        return s;
    }

    public Set<String> backends() {
        Set<String> s = new LinkedHashSet<>();
        series.forEach(x -> s.add(x.backend()));
        return s;
    }

    /** The series of {@code backend} with the same other params as {@code s}, or null. */
    public Series counterpart(Series s, String backend) {
        for (Series o : series) {
            if (o.backend().equals(backend) && o.dims().equals(s.dims())) {
                return o;
            }
        }
        return null;
    }

    public JsonNode raw() {
        return raw;
    }
}
