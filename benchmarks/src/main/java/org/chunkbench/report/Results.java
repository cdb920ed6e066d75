package org.chunkbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.chunkbench.results.JmhResults;
import org.chunkbench.results.ResultsException;
import org.chunkbench.results.RowKinds;
import org.chunkbench.results.SweepParam;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

/**
 * The trials of one jmh.json, converted to one unit (operations, that is chunks, per second) whatever JMH mode
 * produced them, and grouped into series: one series per backend variant and per combination of the other
 * params, with chunk size as the x axis.
 */
public final class Results {
    /** The {@code baseline} benchmark's name in series labels. */
    public static final String BASELINE = "baseline";
    /** The params that, with the thread count, tell series apart (the backend names them, chunk size is the x axis). */
    static final List<SweepParam> DIMENSIONS = List.of(SweepParam.CIPHER, SweepParam.MODE, SweepParam.BUFFER, SweepParam.KEY_BITS,
            SweepParam.OP);
    /** JMH's thread count, a dimension though not a param. */
    static final String THREADS = "threads";
    static final String CIPHER = SweepParam.CIPHER.jmhName();
    static final String MODE = SweepParam.MODE.jmhName();
    static final String BUFFER = SweepParam.BUFFER.jmhName();
    static final String KEY_BITS = SweepParam.KEY_BITS.jmhName();
    static final String OP = SweepParam.OP.jmhName();

    /**
     * One trial as the report sees it: a view over the results model's {@link Trial}, which holds every number; the
     * row adds the backend's name, the params that tell series apart ({@code dims}, with the thread count) and the
     * chunk size. Scores read in operations (chunks) per second whatever JMH mode produced them: {@code opsLow}/
     * {@code opsHigh} are JMH's 99.9% confidence interval (NaN with a single sample); {@code warmingUp} is the
     * negation of {@link Trial#steady()}, {@code warmupDrift} {@link Trial#warmupDrift()}.
     */
    public record Row(String backend, Map<String, String> dims, int chunkSize, Trial trial) {

        /**
         * A row made by hand, already in operations per second: a trial in {@code ops/s} with one sample per fork
         * (so steady, without a drift) and {@code allocBytesPerOp} as its allocation.
         */
        public Row(String backend, Map<String, String> dims, int chunkSize, double ops, double opsLow, double opsHigh,
                int samples, double allocBytesPerOp) {
            this(backend, dims, chunkSize, new Trial(handMadeKey(backend, dims, chunkSize), "ops/s", ops, (opsHigh - opsLow) / 2,
                    opsLow, opsHigh, new double[samples][1], 1, Map.of(Trial.ALLOC_PER_OP, allocBytesPerOp)));
        }

        private static TrialKey handMadeKey(String backend, Map<String, String> dims, int chunkSize) {
            Map<String, String> params = new LinkedHashMap<>(dims);
            params.remove(THREADS, "1");
            params.put(SweepParam.BACKEND.jmhName(), backend);
            params.put(SweepParam.CHUNK_SIZE.jmhName(), String.valueOf(chunkSize));
            return TrialKey.of(backend.equals(BASELINE) ? BASELINE : "chunked", "thrpt", params);
        }

        public double ops() {
            return trial.opsPerSecond();
        }

        public double opsLow() {
            return trial.opsPerSecondLow();
        }

        public double opsHigh() {
            return trial.opsPerSecondHigh();
        }

        public int samples() {
            return trial.sampleCount();
        }

        public double allocBytesPerOp() {
            return trial.allocPerOp();
        }

        public boolean warmingUp() {
            return !trial.steady();
        }

        public double warmupDrift() {
            return trial.warmupDrift();
        }

        public int threads() {
            return Integer.parseInt(dims.get(THREADS));
        }

        public double mbps() {
            return ops() * chunkSize / 1e6;
        }

        public double mbpsError() {
            return (opsHigh() - opsLow()) / 2 * chunkSize / 1e6;
        }

        /** Half-width of the confidence interval over the score; NaN when JMH gave no interval. */
        public double relativeError() {
            return (opsHigh() - opsLow()) / 2 / ops();
        }

        /** Wall time one thread spends on one chunk. */
        public double nsPerChunk() {
            return 1e9 * threads() / ops();
        }

        public double nsLow() {
            return 1e9 * threads() / opsHigh();
        }

        public double nsHigh() {
            return opsLow() > 0 ? 1e9 * threads() / opsLow() : Double.NaN;
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
    private final List<Row> controls;
    private final List<Series> series;
    private final List<String> varying;
    /** {@link #counterpart} by key: searched per series and row, a linear search made 3,000 backends quadratic. */
    private final Map<SeriesKey, Series> byKey = new HashMap<>();

    private record SeriesKey(String backend, Map<String, String> dims) {
    }

    Results(List<Row> rows) {
        this(rows, List.of(), RowKinds.BEFORE_RECORD);
    }

    private Results(List<Row> rows, List<Row> controls, RowKinds kinds) {
        this.rows = rows;
        this.controls = List.copyOf(controls);
        this.varying = varyingDimensions(rows);
        this.series = group(rows, varying, kinds.backendOrder());
        series.forEach(s -> byKey.putIfAbsent(new SeriesKey(s.backend(), s.dims()), s));
    }

    /**
     * The report's view of a jmh.json, its rows told apart as the folder says ({@link RowKinds#of} its env.json);
     * IOException when it is not a chunkbench result.
     */
    public static Results read(Path jmhJson, RowKinds kinds) throws IOException {
        JmhResults jmh;
        try {
            jmh = JmhResults.read(jmhJson);
        } catch (ResultsException e) {
            // For the report a broken jmh.json is a failure of the folder (status 1), not a usage error.
            throw new IOException(e.getMessage(), e);
        }
        List<Row> rows = new ArrayList<>();
        List<Row> controls = new ArrayList<>();
        for (Trial t : jmh.trials().values()) {
            // Controls are not backends: they stay out of the series, the tables and the charts, and are read by
            // the decomposition only (controls()).
            (kinds.control(t) ? controls : rows).add(row(t));
        }
        return new Results(rows, controls, kinds);
    }

    /** The trials of the decomposition's controls (RowKinds.control), kept out of rows() and series(). */
    public List<Row> controls() {
        return controls;
    }

    private static Row row(Trial t) throws IOException {
        TrialKey k = t.key();
        String backend = k.method().equals(BASELINE) ? BASELINE : k.param(SweepParam.BACKEND);
        if (backend == null || k.param(SweepParam.CHUNK_SIZE) == null) {
            throw new IOException("benchmark " + k.benchmark() + " has no backend or chunkSize param; not a chunkbench result");
        }
        Map<String, String> dims = new LinkedHashMap<>();
        for (SweepParam p : DIMENSIONS) {
            String v = k.param(p);
            dims.put(p.jmhName(), v == null ? p.absentValue() : v);
        }
        dims.put(THREADS, String.valueOf(t.threads()));
        try {
            t.opsPerSecond(); // a unit the report cannot read fails the folder now, not when a table is written
        } catch (IllegalArgumentException e) {
            throw new IOException("benchmark " + k.benchmark() + ": " + e.getMessage());
        }
        int chunk;
        try {
            chunk = Integer.parseInt(k.param(SweepParam.CHUNK_SIZE));
        } catch (NumberFormatException e) {
            throw new IOException("benchmark " + k.benchmark() + ": chunkSize '" + k.param(SweepParam.CHUNK_SIZE)
                    + "' is not a number; not a chunkbench result");
        }
        return new Row(backend, dims, chunk, t);
    }

    private static List<String> varyingDimensions(List<Row> rows) {
        List<String> out = new ArrayList<>();
        List<String> all = new ArrayList<>(DIMENSIONS.stream().map(SweepParam::jmhName).toList());
        all.add(THREADS);
        for (String d : all) {
            if (rows.stream().map(r -> r.dims().get(d)).distinct().count() > 1) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * Series by the other params, then in the folder's backend order (variants after their backend, baseline right
     * after sunjce).
     */
    private static List<Series> group(List<Row> rows, List<String> varying, List<String> order) {
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
                .thenComparingDouble(s -> backendOrder(s.backend(), order)).thenComparing(Series::backend));
        return out;
    }

    /**
     * aes-ctr before aes-gcm, stream before per-chunk-iv, heap before direct, encrypt before decrypt, smaller keys and
     * thread counts first.
     */
    static String dimsOrder(Map<String, String> d) {
        return String.format("%d%d%d%d%04d%04d", cipher(d).equals(SweepParam.CIPHER.absentValue()) ? 0 : 1,
                d.get(MODE).equals(SweepParam.MODE.absentValue()) ? 0 : 1,
                d.get(BUFFER).equals(SweepParam.BUFFER.absentValue()) ? 0 : 1, d.get(OP).equals(SweepParam.OP.absentValue()) ? 0 : 1,
                parse(d.get(KEY_BITS)), parse(d.get(THREADS)));
    }

    /** The row's cipher; aes-ctr for a row that does not say (before aes-gcm, or made by hand). */
    static String cipher(Map<String, String> dims) {
        return dims.getOrDefault(CIPHER, SweepParam.CIPHER.absentValue());
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 9999;
        }
    }

    static double backendOrder(String backend, List<String> names) {
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
            if (d.equals(MODE) && r.dims().get(d).equals(SweepParam.RECORD_MODE) && varying.contains(CIPHER)) {
                continue; // "sunjce aes-gcm", not "sunjce aes-gcm record": every aes-gcm row is records
            }
            sb.append(' ').append(dimensionLabel(d, r.dims().get(d)));
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
        return series(backend, s.dims());
    }

    /** The series of {@code backend} with exactly these params (the thread count included), or null. */
    public Series series(String backend, Map<String, String> dims) {
        return byKey.get(new SeriesKey(backend, dims));
    }

    /**
     * Params in words, in one fixed order ("AES-128, stream mode, encrypt, heap buffers, 1 thread"), for chart
     * subtitles and headings; a param without a word form is written name=value after them. AES-CTR, the cipher of
     * every run before AES-GCM, goes unsaid; aes-gcm reads "AES-GCM records" in place of its mode.
     */
    static String describe(java.util.Map<String, String> dims) {
        List<String> parts = new ArrayList<>();
        java.util.Map<String, String> rest = new java.util.TreeMap<>(dims);
        boolean records = org.chunkbench.backends.AeadSpec.CIPHER.equals(rest.remove(CIPHER));
        if (rest.containsKey(KEY_BITS)) {
            parts.add(dimensionLabel(KEY_BITS, rest.remove(KEY_BITS)));
        }
        if (records) {
            parts.add("AES-GCM records");
            rest.remove(MODE, SweepParam.RECORD_MODE);
        }
        if (rest.containsKey(MODE)) {
            parts.add(rest.remove(MODE) + " mode");
        }
        if (rest.containsKey(OP)) {
            parts.add(rest.remove(OP));
        }
        if (rest.containsKey(BUFFER)) {
            parts.add(rest.remove(BUFFER) + " buffers");
        }
        if (rest.containsKey(THREADS)) {
            parts.add(dimensionLabel(THREADS, rest.remove(THREADS)));
        }
        rest.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    /** How a series label names one dimension's value: {@code AES-256}, {@code 4 threads}, {@code direct}. */
    static String dimensionLabel(String dimension, String value) {
        if (dimension.equals(KEY_BITS)) {
            return "AES-" + value;
        }
        if (dimension.equals(THREADS)) {
            return value + (value.equals("1") ? " thread" : " threads");
        }
        return value;
    }
}
