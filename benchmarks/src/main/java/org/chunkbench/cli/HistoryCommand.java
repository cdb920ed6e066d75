package org.chunkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.chunkbench.compare.History;
import org.chunkbench.compare.RunResults;
import org.chunkbench.report.ChartFiles;
import org.chunkbench.report.Gnuplot;
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
            "Example: chunkbench history results/* --backend sunjce --chunk 4096 --out history/"})
public final class HistoryCommand implements Callable<Integer> {
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

        ResultsFolder.directory(out);
        Path data = out.resolve(History.DATA);
        ResultsFolder.write(data, history.dataFile());
        stdout.println("wrote " + Visible.of(data) + " (" + history.rowCount() + " row(s) over " + loaded.size() + " run(s))");
        Path svg = out.resolve(History.SVG);
        Path png = out.resolve(History.PNG);
        ResultsFolder.refuseLinkOrOther(svg);
        ResultsFolder.refuseLinkOrOther(png);
        // charts of an earlier history must not pass for charts this one drew
        Files.deleteIfExists(svg);
        Files.deleteIfExists(png);
        Path script = script();
        // Values from the runs reach gnuplot only as ARG4 and ARG5 (strings it never expands), without control characters.
        java.util.function.BiFunction<Path, Path, List<String>> command = (svgFile, pngFile) -> List.of("-c", script.toString(),
                data.toString(), svgFile.toString(), pngFile.toString(), Visible.text(history.unit()),
                Visible.text(history.title()), history.logScale() ? "log" : "linear");
        List<String> args = command.apply(svg, png);
        Optional<Path> program = Gnuplot.find(gnuplot);
        if (program.isEmpty()) {
            stdout.println("gnuplot is not installed, so no chart was drawn. Install it (Debian/Ubuntu: "
                    + Gnuplot.INSTALL_HINT + ") and render with:");
            stdout.println("  " + gnuplot + " " + args.stream().map(a -> quote(Visible.text(a))).collect(Collectors.joining(" ")));
            stdout.flush();
            return 0;
        }
        Gnuplot.Run run;
        // drawn beside the output and renamed into place, never written through a hard link planted there
        try (ChartFiles charts = ChartFiles.in(out)) {
            run = Gnuplot.run(program.get(), null, command.apply(charts.scratch(History.SVG), charts.scratch(History.PNG)));
            if (run.exitCode() == 0) {
                charts.publish(History.SVG, History.PNG);
            }
        }
        String output = run.output().strip();
        if (run.exitCode() != 0) {
            throw new IllegalStateException("gnuplot failed on " + Visible.of(script) + ": " + Visible.text(output.lines().findFirst().orElse("(no output)")));
        }
        if (!output.isEmpty()) {
            stdout.println("gnuplot: " + run.said());
        }
        List<String> missing = Stream.of(svg, png).filter(p -> !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                .map(Visible::of).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("gnuplot ran " + Visible.of(script) + " but wrote no " + String.join(" and no ", missing));
        }
        stdout.println("wrote " + Visible.of(svg) + " and " + Visible.of(png));
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
            return s;
        }
        byte[] packaged = Gnuplot.packagedScript(History.SCRIPT);
        if (packaged != null) {
            Path copy = out.resolve(History.SCRIPT);
            ResultsFolder.write(copy, packaged);
            return copy;
        }
        throw new IllegalStateException(History.SCRIPT + " is missing from this build (plots/ is packaged into the jar); "
                + "give --plots DIR");
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./=:+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
