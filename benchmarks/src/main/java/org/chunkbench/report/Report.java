package org.chunkbench.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.ResultsException;
import org.chunkbench.results.ResultsFolder.Chart;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.RowKinds;
import org.chunkbench.results.Visible;

/**
 * Everything derived from a results folder's jmh.json and env.json: the data files, the charts and REPORT.md.
 * Running it again on the same folder rewrites the same files.
 */
public final class Report {
    public static final String DEFAULT_REFERENCE = "sunjce";

    /** What happened: charts drawn or why not, and gnuplot's complaints (there should be none). */
    public record Outcome(Path report, List<String> chartsDrawn, String chartsMissingReason, List<String> gnuplotMessages,
            List<String> warnings) {
    }

    private Report() {
    }

    public static Outcome generate(Path dir, String reference, PrintWriter log) throws IOException {
        return generate(dir, reference, log, false);
    }

    /** {@code followLinks}: the user's --follow-links ({@link ResultsFolder#refuseLinksOut}). */
    public static Outcome generate(Path dir, String reference, PrintWriter log, boolean followLinks) throws IOException {
        return generate(new ResultsFolder(dir, followLinks), reference, log, Gnuplot.find());
    }

    /** With the gnuplot to use, or none (tests take the no-gnuplot path this way). */
    static Outcome generate(Path dir, String reference, PrintWriter log, Optional<Path> gnuplot) throws IOException {
        return generate(new ResultsFolder(dir), reference, log, gnuplot);
    }

    private static Outcome generate(ResultsFolder folder, String reference, PrintWriter log, Optional<Path> gnuplot) throws IOException {
        try {
            folder.refuseLinksOut();
            return generateChecked(folder, reference, log, gnuplot);
        } catch (ResultsException e) {
            // Anything wrong with the folder (a file too large, an output that is a symbolic link) is a failure of
            // the folder (status 1), as a broken jmh.json is.
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Outcome generateChecked(ResultsFolder folder, String reference, PrintWriter log, Optional<Path> gnuplot) throws IOException {
        Path dir = folder.dir();
        Path jmh = folder.jmhJson();
        if (!Files.exists(jmh)) {
            throw new NoSuchFileException(jmh.toString(), null, "no " + ResultsFolder.JMH_JSON + " here; is " + dir
                    + " a chunkbench results folder?");
        }
        EnvManifest env;
        try {
            // exists, not isRegularFile: an env.json that is a FIFO or a folder is refused, not taken for a missing one
            env = Files.exists(folder.envJson()) ? EnvManifest.read(folder.envJson()) : null;
        } catch (ResultsException e) {
            throw new IOException(e.getMessage(), e);
        }
        Results results = Results.read(jmh, RowKinds.of(env));
        if (results.rows().isEmpty()) {
            throw new IOException(jmh + " holds no finished trial; nothing to report");
        }
        boolean haveReference = results.backends().contains(reference);
        Findings findings = new Findings(results, reference);

        DataFiles.write(results, findings, Markdown.subtitle(results, env), folder.dataDir());
        copyScripts(folder.plotsDir());
        WhereTimeGoes.writeReferenceLine(results, folder);
        List<WhereTimeGoes.Group> decomposition = WhereTimeGoes.groups(results, env);
        WhereTimeGoes.writeData(decomposition, folder.dataDir());
        List<String> messages = new ArrayList<>();
        if (ScalingChart.applies(results) && ScalingChart.lines(results).isEmpty()) {
            messages.add(Chart.SCALING.fileName() + ": no backend has results at more than one thread count; no scaling chart");
        }
        List<Charts.Drawing> charts = Charts.of(results, env, haveReference, decomposition);
        for (Charts.Drawing d : charts) {
            if (d.chart() == Chart.SCALING) {
                Integer cpus = env == null || env.cpu() == null ? null : env.cpu().availableProcessors();
                ResultsFolder.write(folder.dataDir().resolve(d.dataFile()), ScalingChart.data(results, cpus));
            }
            if (!d.chart().everyFolder()) {
                copyScript(folder.plotsDir(), d.chart().script());
            }
        }

        List<String> drawn = new ArrayList<>();
        String missing = null;
        if (gnuplot.isEmpty()) {
            missing = "gnuplot is not installed";
        } else {
            Charts.draw(gnuplot.get(), dir, charts, drawn, messages);
            if (drawn.isEmpty()) {
                missing = "gnuplot failed (see the messages above)";
            }
        }
        if (!haveReference) {
            log.println("report: no " + Visible.text(reference) + " trials in these results, so no relative chart or ratio column "
                    + "(choose another with --relative-to)");
        }
        for (String m : messages) {
            log.println("report: gnuplot: " + m);
        }
        if (missing != null && gnuplot.isEmpty()) {
            log.println("report: charts not drawn: gnuplot is not installed. Install it (" + Gnuplot.INSTALL_HINT
                    + "), then draw them with: ./chunkbench report " + Visible.of(dir));
        }
        Markdown md = new Markdown(results, findings, env, reference, dir, drawn, missing);
        Path report = folder.reportMd();
        ResultsFolder.write(report, md.render());
        return new Outcome(report, drawn, missing, messages, findings.warnings());
    }

    static void copyScripts(Path plots) throws IOException {
        ResultsFolder.directory(plots);
        for (String s : ResultsFolder.scripts()) {
            copyScript(plots, s);
        }
    }

    private static void copyScript(Path plots, String s) throws IOException {
        byte[] script = Gnuplot.packagedScript(s);
        if (script == null) {
            throw new IOException("the chart script " + s + " is missing from this build (plots/ is packaged into the jar)");
        }
        ResultsFolder.write(plots.resolve(s), script);
    }
}
