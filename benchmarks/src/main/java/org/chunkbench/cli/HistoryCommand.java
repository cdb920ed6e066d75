package org.chunkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.chunkbench.compare.ChangePoints;
import org.chunkbench.compare.History;
import org.chunkbench.compare.RunResults;
import org.chunkbench.compare.SelectionException;
import org.chunkbench.report.Charts;
import org.chunkbench.report.Gnuplot;
import org.chunkbench.results.ResultsException;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.SweepParam;
import org.chunkbench.results.Visible;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "history", sortOptions = false,
        description = {"Chart chosen rows across runs (oldest first): score with its 99.9%% error bars, for a long view "
                + "of a backend across JDK, kernel and provider upgrades. Writes history.dat, history.svg and history.png.",
            "Finds the change points of each row (E-divisive means, permutation test at p <= 0.001, over each run's median "
                + "of fork medians), names the run where each step happened with its size and direction, and circles it "
                + "on the chart.",
            "Example: chunkbench history results/* --backend sunjce --chunk 4096 --out history/"})
public final class HistoryCommand implements Callable<Integer>, Main.ExitStatuses {
    /** --check's exit statuses, compare's: CI reads 1 as "regression", so nothing else may exit 1. */
    static final int NONE = 0;
    static final int WORSE = 1;
    static final int BAD_INPUT = 2;
    static final int FAILURE = 3;

    @Mixin
    VerboseOption verbose;

    @Mixin
    FollowLinksOption links;

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

    @Option(names = "--check",
            description = "Exit with compare's statuses: 0 when no row's newest level is worse than the one before it, "
                    + "1 when one is (its last change point made it worse), 2 bad input (options, files), 3 any other failure.")
    boolean check;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Run DIR/history.gp instead of the script packaged in chunkbench (your own script: nothing "
                    + "else from the current folder or the runs is ever run).")
    Path plots;

    /** The program to run; a test swaps in a missing one to check what users without gnuplot see. */
    String gnuplot = Gnuplot.PROGRAM;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        List<RunResults> loaded = runs.stream().map(p -> RunResults.load(p, links.followLinks)).toList();
        History history = History.select(loaded, filters());
        List<History.Step> steps = history.steps(ChangePoints.DEFAULT_SIGNIFICANCE, ChangePoints.DEFAULT_SEED);

        ResultsFolder.directory(out);
        Path data = out.resolve(History.DATA);
        ResultsFolder.write(data, history.dataFile(steps));
        stdout.println("wrote " + Visible.of(data) + " (" + history.rowCount() + " row(s) over " + loaded.size() + " run(s))");
        stdout.printf(Locale.ROOT, "change points (E-divisive means, permutation test at p <= %s; a run's value is the median "
                + "of its fork medians; at least %d runs each side):%n", ChangePoints.DEFAULT_SIGNIFICANCE, ChangePoints.MIN_RUNS);
        history.describeSteps(steps).forEach(line -> stdout.println("  " + line));
        boolean worse = history.newestRegimeWorse(steps);
        if (check) {
            stdout.println(worse ? "check: the newest level of a row is worse than the one before it (exit status " + WORSE + ")"
                    : "check: no row's newest level is worse than the one before it");
        }
        draw(stdout, history, steps.size());
        stdout.flush();
        return check && worse ? WORSE : NONE;
    }

    /** The chart through the report's draw loop, from the --out folder; or how to draw it when gnuplot is missing. */
    private void draw(PrintWriter stdout, History history, int steps) throws IOException {
        Path svg = out.resolve(History.SVG);
        Path png = out.resolve(History.PNG);
        ResultsFolder.refuseLinkOrOther(svg);
        ResultsFolder.refuseLinkOrOther(png);
        // charts of an earlier history must not pass for charts this one drew
        Files.deleteIfExists(svg);
        Files.deleteIfExists(png);
        Path script = script();
        // Values from the runs reach gnuplot only as arguments (strings it never expands), without control characters.
        Charts.Drawing drawing = Charts.Drawing.history(List.of(Visible.text(history.unit()), Visible.text(history.title()),
                history.logScale() ? "log" : "linear", String.valueOf(steps), Visible.text(history.subtitle())), script.toString());
        Optional<Path> program = Gnuplot.find(gnuplot);
        if (program.isEmpty()) {
            stdout.println("gnuplot is not installed, so no chart was drawn. Install it (Debian/Ubuntu: "
                    + Gnuplot.INSTALL_HINT + ") and render with:");
            stdout.println("  cd " + quote(Visible.text(out.toString())) + " && " + gnuplot + " " + drawing.arguments(History.NAME)
                    .stream().map(a -> quote(Visible.text(a))).collect(Collectors.joining(" ")));
            return;
        }
        List<String> drawn = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Charts.draw(program.get(), out, List.of(drawing), drawn, messages);
        if (drawn.isEmpty()) {
            throw new IllegalStateException("gnuplot failed on " + Visible.of(out.resolve(script)) + ": " + String.join("; ", messages));
        }
        if (!messages.isEmpty()) {
            stdout.println("gnuplot: " + String.join("; ", messages));
        }
        stdout.println("wrote " + Visible.of(svg) + " and " + Visible.of(png));
    }

    /** --check's statuses are compare's: bad input 2, any other failure 3; without --check the tool's usual ones. */
    @Override
    public int exitStatus(Throwable ex) {
        if (!check) {
            return Main.exitStatus(ex);
        }
        return ex instanceof Main.UsageException || ex instanceof ResultsException || ex instanceof SelectionException
                ? BAD_INPUT : FAILURE;
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
            f.put(SweepParam.BACKEND.jmhName(), backend);
        }
        if (chunk != null) {
            f.put(SweepParam.CHUNK_SIZE.jmhName(), chunk);
        }
        return f;
    }

    /**
     * --plots (the user's own choice), else the copy inside the jar (the build packs plots/*.gp under
     * chunkbench/plots/), written next to the data so that the printed gnuplot line works later too. Never
     * plots/ of the current folder: that may be a results folder from anyone, which has a plots/ of its own.
     */
    private Path script() throws IOException {
        if (plots != null) {
            Path s = plots.resolve(History.SCRIPT);
            if (!Files.isRegularFile(s)) {
                throw new Main.UsageException("--plots " + plots + " has no " + History.SCRIPT);
            }
            return s.toAbsolutePath(); // gnuplot runs from --out
        }
        byte[] packaged = Gnuplot.packagedScript(History.SCRIPT);
        if (packaged != null) {
            ResultsFolder.write(out.resolve(History.SCRIPT), packaged);
            return Path.of(History.SCRIPT); // beside the data, where gnuplot runs
        }
        throw new IllegalStateException(History.SCRIPT + " is missing from this build (plots/ is packaged into the jar); "
                + "give --plots DIR");
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./=:+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
