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
import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;
import org.chunkbench.results.Visible;

/**
 * Chosen rows across runs, oldest first: which rows, the data file gnuplot draws, and the labels that say
 * where the JDK or the kernel changed.
 */
public final class History {
    /** The base name of the chart's files. */
    public static final String NAME = Chart.HISTORY.fileName();
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

    /**
     * A change point of one row: {@code run} the index of the first run of the new regime (into the runs given),
     * with the test's p-value and the median of each regime.
     */
    public record Step(TrialKey row, int run, ChangePoints.Change change) {
    }

    /**
     * The change points of every row, row by row and oldest first ({@link ChangePoints#find}: E-divisive means over
     * each run's median of fork medians, runs without the row left out), at {@code significance} and {@code seed}.
     */
    public List<Step> steps(double significance, long seed) {
        List<Step> out = new ArrayList<>();
        for (TrialKey k : rows) {
            List<Integer> at = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                Trial t = runs.get(i).rows().get(k);
                if (t != null) {
                    at.add(i);
                    values.add(ChangePoints.runValue(t));
                }
            }
            for (ChangePoints.Change c : ChangePoints.find(values.stream().mapToDouble(Double::doubleValue).toArray(),
                    significance, seed)) {
                out.add(new Step(k, at.get(c.index()), c));
            }
        }
        return out;
    }

    /** Whether the newest regime of some row is worse than the one before it: its last step went the bad way. */
    public boolean newestRegimeWorse(List<Step> steps) {
        ScoreDirection direction = ScoreDirection.ofUnit(unit);
        Map<TrialKey, Step> last = new LinkedHashMap<>();
        steps.forEach(s -> last.put(s.row(), s));
        return last.values().stream().anyMatch(s -> direction.isWorse(s.change().before(), s.change().after()));
    }

    /**
     * One line per row: where each step happened (the run's folder or file, its start time and commit where env.json
     * recorded them), its size and direction, and its p-value; "none" for a row without one.
     */
    public List<String> describeSteps(List<Step> steps) {
        ScoreDirection direction = ScoreDirection.ofUnit(unit);
        List<String> out = new ArrayList<>();
        for (TrialKey k : rows) {
            List<String> parts = new ArrayList<>();
            for (Step s : steps) {
                if (s.row().equals(k)) {
                    ChangePoints.Change c = s.change();
                    parts.add(String.format(Locale.ROOT, "%+.1f%% (%s) from run %d, %s, p %.4f", 100 * c.relative(),
                            direction.isWorse(c.before(), c.after()) ? "worse" : "better", s.run(), whereRan(s.run()), c.pValue()));
                }
            }
            out.add(Visible.text(k.toString()) + ": " + (parts.isEmpty() ? "none" : String.join("; ", parts)));
        }
        return out;
    }

    /** The run's folder or file name, with its start time and commit from env.json where it recorded them. */
    private String whereRan(int i) {
        RunResults run = runs.get(i);
        List<String> when = new ArrayList<>();
        String started = run.env().get("run.startedUtc");
        if (started != null) {
            when.add("started " + started);
        }
        String commit = run.env().get("git.commit");
        if (commit != null) {
            when.add("commit " + commit.substring(0, Math.min(12, commit.length())));
        }
        String name = Visible.text(runName(run));
        return when.isEmpty() ? name : name + " (" + Visible.text(String.join(", ", when)) + ")";
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

    /** A second title line: a single row's params (its key names only the benchmark); empty for several rows. */
    public String subtitle() {
        return rows.size() == 1 ? rows.get(0).paramsText() : "";
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

    /**
     * One block per row; a run without the row leaves a blank line, so gnuplot breaks the line there. When there are
     * change points, one more block follows (without a title line): per step the run index, the row's score at that
     * run (where the chart marks it) and the step's size.
     */
    public String dataFile(List<Step> steps) {
        StringBuilder sb = new StringBuilder();
        sb.append("# chunkbench history: one block per row; columns: run index, run label, score, 99.9% error\n");
        if (!steps.isEmpty()) {
            sb.append("# then one block of change points; columns: run index, score at that run, step\n");
        }
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
        if (!steps.isEmpty()) {
            sb.append("\n\n");
            for (Step st : steps) {
                sb.append(String.format(Locale.ROOT, "%d %.6g %s%n", st.run(), runs.get(st.run()).rows().get(st.row()).score(),
                        Gnuplot.dataString(String.format(Locale.ROOT, "step %+.1f%%", 100 * st.change().relative()))));
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
        String name = runName(run);
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

    /** The folder name (or the JMH file's, or its folder's for a jmh.json). */
    private static String runName(RunResults run) {
        Path p = Path.of(run.label());
        String name = p.getFileName() == null ? run.label() : p.getFileName().toString();
        if (name.equals(ResultsFolder.JMH_JSON) && p.getParent() != null && p.getParent().getFileName() != null) {
            name = p.getParent().getFileName().toString();
        }
        return name;
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
        // one row: the chart's title and subtitle name all of it (a whole row in the key is too wide: gnuplot warns)
        return parts.isEmpty() ? k.shortBenchmark() : String.join(" ", parts);
    }

    private String describe() {
        TrialKey first = rows.get(0);
        if (rows.size() == 1) {
            return first.shortBenchmark() + " [" + first.jmhMode() + "]";
        }
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
