package org.chunkbench.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.chunkbench.report.Gnuplot;
import org.chunkbench.results.ResultsFolder.Chart;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;
import org.chunkbench.results.Visible;

/**
 * Chosen rows across runs, oldest first: which rows, the data file gnuplot draws, and the labels that say
 * where the JDK or the kernel changed.
 */
public final class History {
    public static final String DATA = Chart.HISTORY.dataFile();
    public static final String SVG = Chart.HISTORY.svg();
    public static final String PNG = Chart.HISTORY.png();
    public static final String SCRIPT = Chart.HISTORY.script();
    static final int MAX_SERIES = 12;

    private final List<RunResults> runs;
    private final List<TrialKey> rows;
    private final Map<String, String> filters;
    private final String unit;

    private History(List<RunResults> runs, List<TrialKey> rows, Map<String, String> filters, String unit) {
        this.runs = runs;
        this.rows = rows;
        this.filters = filters;
        this.unit = unit;
    }

    /**
     * The rows matching every filter (a param and its value; {@code benchmark} a substring of the method name,
     * {@code jmh-mode} the JMH mode).
     */
    public static History select(List<RunResults> runs, Map<String, String> filters) {
        Set<TrialKey> chosen = new LinkedHashSet<>();
        for (RunResults r : runs) {
            for (TrialKey k : r.rows().keySet()) {
                if (matches(k, filters)) {
                    chosen.add(k);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new SelectionException("no row matches " + filters + "; params in these runs: " + paramValues(runs));
        }
        Set<String> units = new LinkedHashSet<>();
        for (RunResults r : runs) {
            for (TrialKey k : chosen) {
                if (r.rows().containsKey(k)) {
                    units.add(r.rows().get(k).unit());
                }
            }
        }
        if (units.size() > 1) {
            throw new SelectionException("the chosen rows have different units " + units
                    + "; narrow them, for example with --row jmh-mode=thrpt");
        }
        if (chosen.size() > MAX_SERIES) {
            throw new SelectionException(chosen.size() + " rows match, more than a chart can show (" + MAX_SERIES
                    + "); narrow them with --row, --backend or --chunk. Params: " + paramValues(runs));
        }
        return new History(runs, new ArrayList<>(chosen), filters, units.iterator().next());
    }

    public int rowCount() {
        return rows.size();
    }

    public String unit() {
        return unit;
    }

    public String title() {
        return "chunkbench history: " + describe();
    }

    static boolean matches(TrialKey k, Map<String, String> filters) {
        for (Map.Entry<String, String> e : filters.entrySet()) {
            boolean ok = switch (e.getKey()) {
                case "benchmark" -> k.benchmark().contains(e.getValue());
                case "jmh-mode" -> k.jmhMode().equals(e.getValue());
                case TrialKey.THREADS -> e.getValue().strip().equals(String.valueOf(k.threads()));
                default -> e.getValue().equals(k.params().get(e.getKey()));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** One block per row; a run without the row leaves a blank line, so gnuplot breaks the line there. */
    public String dataFile() {
        StringBuilder sb = new StringBuilder();
        sb.append("# chunkbench history: one block per row; columns: run index, run label, score, 99.9% error\n");
        for (int i = 0; i < runs.size(); i++) {
            sb.append("# run ").append(i).append(": ").append(Visible.text(runs.get(i).label())).append('\n');
        }
        for (int s = 0; s < rows.size(); s++) {
            TrialKey k = rows.get(s);
            if (s > 0) {
                sb.append("\n\n");
            }
            sb.append(Gnuplot.dataString(seriesTitle(k, rows))).append('\n');
            for (int i = 0; i < runs.size(); i++) {
                Trial r = runs.get(i).rows().get(k);
                if (r == null) {
                    sb.append('\n');
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "%d %s %.6g %.6g%n", i, Gnuplot.dataString(runLabel(runs, i)),
                        r.score(), Double.isFinite(r.error()) ? r.error() : 0.0));
            }
        }
        return sb.toString();
    }

    /**
     * The folder name (date and host, as the run command names it), plus the JDK and kernel where they change, and
     * the kernel's AF_ALG traits where they change: those are what a long view across upgrades is about.
     */
    static String runLabel(List<RunResults> runs, int i) {
        RunResults run = runs.get(i);
        Path p = Path.of(run.label());
        String name = p.getFileName() == null ? run.label() : p.getFileName().toString();
        if (name.equals(ResultsFolder.JMH_JSON) && p.getParent() != null && p.getParent().getFileName() != null) {
            name = p.getParent().getFileName().toString();
        }
        List<String> changed = new ArrayList<>();
        RunResults before = i == 0 ? null : runs.get(i - 1);
        changed(changed, "JDK", run.jdkVersion(), before == null ? null : before.jdkVersion(), i == 0);
        changed(changed, "kernel", run.kernelRelease(), before == null ? null : before.kernelRelease(), i == 0);
        // The kernel's AF_ALG traits only where they change between two recorded runs (a denial, a new driver...).
        if (before != null && before.afAlgTraits() != null) {
            changed(changed, "AF_ALG", run.afAlgTraits(), before.afAlgTraits(), false);
        }
        return changed.isEmpty() ? name : name + " (" + String.join(", ", changed) + ")";
    }

    private static void changed(List<String> out, String what, String now, String before, boolean first) {
        if (now != null && (first || !now.equals(before))) {
            out.add(what + " " + now);
        }
    }

    /** Rows an order of magnitude apart would flatten the smaller ones against the axis on a linear scale. */
    public boolean logScale() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (RunResults r : runs) {
            for (TrialKey k : rows) {
                Trial b = r.rows().get(k);
                if (b != null && b.score() > 0) {
                    min = Math.min(min, b.score());
                    max = Math.max(max, b.score());
                }
            }
        }
        return max / min > 10;
    }

    /** Only what tells the chosen rows apart, so legends stay short. */
    static String seriesTitle(TrialKey k, List<TrialKey> all) {
        List<String> parts = new ArrayList<>();
        if (all.stream().map(TrialKey::benchmark).distinct().count() > 1) {
            parts.add(k.shortBenchmark());
        }
        if (all.stream().map(TrialKey::jmhMode).distinct().count() > 1) {
            parts.add(k.jmhMode());
        }
        for (Map.Entry<String, String> e : k.params().entrySet()) {
            if (all.stream().map(o -> o.params().get(e.getKey())).distinct().count() > 1) {
                parts.add(e.getKey() + "=" + e.getValue());
            }
        }
        return parts.isEmpty() ? k.toString() : String.join(" ", parts);
    }

    private String describe() {
        TrialKey first = rows.get(0);
        boolean oneBenchmark = rows.stream().map(TrialKey::benchmark).distinct().count() == 1;
        String what = oneBenchmark ? first.shortBenchmark() : "several benchmarks";
        return filters.isEmpty() ? what : what + ", " + filters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String paramValues(List<RunResults> runs) {
        Map<String, Set<String>> values = new java.util.TreeMap<>();
        for (RunResults r : runs) {
            for (TrialKey k : r.rows().keySet()) {
                k.params().forEach((p, v) -> values.computeIfAbsent(p, x -> new LinkedHashSet<>()).add(v));
            }
        }
        return values.toString();
    }

}
