package org.chunkbench.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.chunkbench.cli.Main;
import org.chunkbench.cli.VerboseOption;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "history", sortOptions = false,
        description = {"Chart chosen rows across runs (oldest first): score with its 99.9%% error bars, for a long view "
                + "of a backend across JDK, kernel and provider upgrades. Writes history.dat, history.svg and history.png.",
            "Example: chunkbench history results/* --backend sunjce --chunk 4096 --out history/"})
public final class HistoryCommand implements Callable<Integer> {
    static final int MAX_SERIES = 12;

    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", arity = "1..*", description = "Results folders or JMH JSON files, oldest first.")
    List<Path> runs;

    @Option(names = "--row", paramLabel = "PARAM=VALUE",
            description = "Keep rows whose param has this value (repeatable; all must hold). The keys benchmark "
                    + "(substring of the method name) and jmh-mode (thrpt, avgt, ...) are also accepted.")
    List<String> rowFilters = new ArrayList<>();

    @Option(names = "--backend", paramLabel = "NAME", description = "Shorthand for --row backend=NAME.")
    String backend;

    @Option(names = "--chunk", paramLabel = "BYTES", description = "Shorthand for --row chunkSize=BYTES.")
    String chunk;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "history",
            description = "Folder for history.dat and the charts (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Folder holding history.gp (default: plots/ in the current folder or next to the jar's project).")
    Path plots;

    /** The program to run; a test swaps in a missing one to check what users without gnuplot see. */
    String gnuplot = "gnuplot";

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        Map<String, String> filters = filters();
        List<RunResults> loaded = runs.stream().map(RunResults::load).toList();

        Set<RowKey> chosen = new LinkedHashSet<>();
        for (RunResults r : loaded) {
            for (RowKey k : r.rows().keySet()) {
                if (matches(k, filters)) {
                    chosen.add(k);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new Main.UsageException("no row matches " + filters + "; params in these runs: " + paramValues(loaded));
        }
        Set<String> units = new LinkedHashSet<>();
        for (RunResults r : loaded) {
            for (RowKey k : chosen) {
                if (r.rows().containsKey(k)) {
                    units.add(r.rows().get(k).unit());
                }
            }
        }
        if (units.size() > 1) {
            throw new Main.UsageException("the chosen rows have different units " + units
                    + "; narrow them, for example with --row jmh-mode=thrpt");
        }
        if (chosen.size() > MAX_SERIES) {
            throw new Main.UsageException(chosen.size() + " rows match, more than a chart can show (" + MAX_SERIES
                    + "); narrow them with --row, --backend or --chunk. Params: " + paramValues(loaded));
        }

        Files.createDirectories(out);
        Path data = out.resolve("history.dat");
        Files.writeString(data, dataFile(loaded, new ArrayList<>(chosen)), StandardCharsets.UTF_8);
        String unit = units.iterator().next();
        String title = "chunkbench history: " + describe(chosen, filters);
        stdout.println("wrote " + data + " (" + chosen.size() + " row(s) over " + loaded.size() + " run(s))");
        Path svg = out.resolve("history.svg");
        Path png = out.resolve("history.png");
        Path script = script();
        List<String> command = List.of(gnuplot, "-c", script.toString(), data.toString(), svg.toString(), png.toString(),
                unit, title, logScale(loaded, chosen) ? "log" : "linear");
        if (!onPath(gnuplot)) {
            stdout.println("gnuplot is not installed, so no chart was drawn. Install it (Debian/Ubuntu: "
                    + "apt-get install gnuplot-nox) and render with:");
            stdout.println("  " + command.stream().map(HistoryCommand::quote).collect(Collectors.joining(" ")));
            stdout.flush();
            return 0;
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("gnuplot failed on " + script + ": " + output.lines().findFirst().orElse("(no output)"));
        }
        if (!output.isEmpty()) {
            stdout.println("gnuplot: " + output);
        }
        stdout.println("wrote " + svg + " and " + png);
        stdout.flush();
        return 0;
    }

    private Map<String, String> filters() {
        Map<String, String> f = new LinkedHashMap<>();
        for (String r : rowFilters) {
            int eq = r.indexOf('=');
            if (eq <= 0) {
                throw new Main.UsageException("--row " + r + ": write PARAM=VALUE, for example --row backend=sunjce");
            }
            f.put(r.substring(0, eq).strip(), r.substring(eq + 1).strip());
        }
        if (backend != null) {
            f.put("backend", backend);
        }
        if (chunk != null) {
            f.put("chunkSize", chunk);
        }
        return f;
    }

    static boolean matches(RowKey k, Map<String, String> filters) {
        for (Map.Entry<String, String> e : filters.entrySet()) {
            boolean ok = switch (e.getKey()) {
                case "benchmark" -> k.benchmark().contains(e.getValue());
                case "jmh-mode" -> k.mode().equals(e.getValue());
                default -> e.getValue().equals(k.params().get(e.getKey()));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** One block per row; a run without the row leaves a blank line, so gnuplot breaks the line there. */
    static String dataFile(List<RunResults> runs, List<RowKey> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("# chunkbench history: one block per row; columns: run index, run label, score, 99.9% error\n");
        for (int i = 0; i < runs.size(); i++) {
            sb.append("# run ").append(i).append(": ").append(runs.get(i).label()).append('\n');
        }
        for (int s = 0; s < rows.size(); s++) {
            RowKey k = rows.get(s);
            if (s > 0) {
                sb.append("\n\n");
            }
            sb.append('"').append(seriesTitle(k, rows).replace("\"", "'")).append("\"\n");
            for (int i = 0; i < runs.size(); i++) {
                BenchRow r = runs.get(i).rows().get(k);
                if (r == null) {
                    sb.append('\n');
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "%d \"%s\" %.6g %.6g%n", i, runLabel(runs, i).replace("\"", "'"),
                        r.score(), Double.isFinite(r.error()) ? r.error() : 0.0));
            }
        }
        return sb.toString();
    }

    /**
     * The folder name (date and host, as the run command names it), plus the JDK and kernel where they change:
     * those are what a long view across upgrades is about.
     */
    static String runLabel(List<RunResults> runs, int i) {
        RunResults run = runs.get(i);
        Path p = Path.of(run.label());
        String name = p.getFileName() == null ? run.label() : p.getFileName().toString();
        if (name.equals("jmh.json") && p.getParent() != null && p.getParent().getFileName() != null) {
            name = p.getParent().getFileName().toString();
        }
        List<String> changed = new ArrayList<>();
        String[][] what = {{"JDK", "jmh.jdkVersion"}, {"kernel", "os.kernelRelease", "kernel.release"}};
        for (String[] w : what) {
            String now = first(run.env(), w);
            String before = i == 0 ? null : first(runs.get(i - 1).env(), w);
            if (now != null && (i == 0 || !now.equals(before))) {
                changed.add(w[0] + " " + now);
            }
        }
        return changed.isEmpty() ? name : name + " (" + String.join(", ", changed) + ")";
    }

    private static String first(Map<String, String> env, String[] labelAndKeys) {
        for (int k = 1; k < labelAndKeys.length; k++) {
            if (env.containsKey(labelAndKeys[k])) {
                return env.get(labelAndKeys[k]);
            }
        }
        return null;
    }

    /** Rows an order of magnitude apart would flatten the smaller ones against the axis on a linear scale. */
    static boolean logScale(List<RunResults> runs, Set<RowKey> rows) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (RunResults r : runs) {
            for (RowKey k : rows) {
                BenchRow b = r.rows().get(k);
                if (b != null && b.score() > 0) {
                    min = Math.min(min, b.score());
                    max = Math.max(max, b.score());
                }
            }
        }
        return max / min > 10;
    }

    /** Only what tells the chosen rows apart, so legends stay short. */
    static String seriesTitle(RowKey k, List<RowKey> all) {
        List<String> parts = new ArrayList<>();
        if (all.stream().map(RowKey::benchmark).distinct().count() > 1) {
            parts.add(k.shortBenchmark());
        }
        if (all.stream().map(RowKey::mode).distinct().count() > 1) {
            parts.add(k.mode());
        }
        for (Map.Entry<String, String> e : k.params().entrySet()) {
            if (all.stream().map(o -> o.params().get(e.getKey())).distinct().count() > 1) {
                parts.add(e.getKey() + "=" + e.getValue());
            }
        }
        return parts.isEmpty() ? k.toString() : String.join(" ", parts);
    }

    private static String describe(Set<RowKey> chosen, Map<String, String> filters) {
        RowKey first = chosen.iterator().next();
        boolean oneBenchmark = chosen.stream().map(RowKey::benchmark).distinct().count() == 1;
        String what = oneBenchmark ? first.shortBenchmark() : "several benchmarks";
        return filters.isEmpty() ? what : what + ", " + filters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String paramValues(List<RunResults> runs) {
        Map<String, Set<String>> values = new java.util.TreeMap<>();
        for (RunResults r : runs) {
            for (RowKey k : r.rows().keySet()) {
                k.params().forEach((p, v) -> values.computeIfAbsent(p, x -> new LinkedHashSet<>()).add(v));
            }
        }
        return values.toString();
    }

    /**
     * --plots, else plots/ in the current folder, else the copy inside the jar (the build packs plots/*.gp under
     * chunkbench/plots/), written next to the data so that the printed gnuplot line works later too.
     */
    private Path script() throws IOException {
        if (plots != null) {
            Path s = plots.resolve("history.gp");
            if (!Files.isRegularFile(s)) {
                throw new Main.UsageException("--plots " + plots + " has no history.gp");
            }
            return s;
        }
        Path local = Path.of("plots", "history.gp");
        if (Files.isRegularFile(local)) {
            return local;
        }
        try (java.io.InputStream in = HistoryCommand.class.getResourceAsStream("/chunkbench/plots/history.gp")) {
            if (in != null) {
                Path copy = out.resolve("history.gp");
                Files.write(copy, in.readAllBytes());
                return copy;
            }
        }
        throw new Main.UsageException("cannot find plots/history.gp in the current folder or in the jar; run from the "
                + "project folder or give --plots DIR");
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./=:+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
