package org.chunkbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Everything derived from a results folder's jmh.json and env.json: the data files, the charts and REPORT.md.
 * Running it again on the same folder rewrites the same files.
 */
public final class Report {
    public static final String JMH_JSON = "jmh.json";
    public static final String ENV_JSON = "env.json";
    public static final String REPORT_MD = "REPORT.md";
    public static final String DATA_DIR = "data";
    public static final String PLOTS_DIR = "plots";
    public static final String DEFAULT_REFERENCE = "sunjce";
    /** The chart scripts, copied into every results folder so that it can be re-rendered on its own. */
    static final String[] SCRIPTS = {"common.gp", "render.gp", "throughput.gp", "relative.gp", "ns-per-chunk.gp"};

    /** One chart: its script (and output base name) and its caption. */
    public record Chart(String name, String caption) {
    }

    public static final List<Chart> CHARTS = List.of(
            new Chart("throughput", "Throughput (MB/s) by chunk size"),
            new Chart("relative", "Throughput relative to the reference backend"),
            new Chart("ns-per-chunk", "Time per chunk (ns)"));

    /** What happened: charts drawn or why not, and gnuplot's complaints (there should be none). */
    public record Outcome(Path report, List<String> chartsDrawn, String chartsMissingReason, List<String> gnuplotMessages,
            List<String> warnings) {
    }

    private Report() {
    }

    public static Outcome generate(Path dir, String reference, PrintWriter log) throws IOException {
        return generate(dir, reference, log, Gnuplot.find());
    }

    /** With the gnuplot to use, or none (tests take the no-gnuplot path this way). */
    static Outcome generate(Path dir, String reference, PrintWriter log, Optional<Path> gnuplot) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path jmh = dir.resolve(JMH_JSON);
        if (!Files.isRegularFile(jmh)) {
            throw new NoSuchFileException(jmh.toString(), null, "no " + JMH_JSON + " here; is " + dir + " a chunkbench results folder?");
        }
        Results results = Results.read(json, jmh);
        if (results.rows().isEmpty()) {
            throw new IOException(jmh + " holds no finished trial; nothing to report");
        }
        Path envFile = dir.resolve(ENV_JSON);
        JsonNode env = Files.isRegularFile(envFile) ? json.readTree(envFile.toFile()) : null;
        boolean haveReference = results.backends().contains(reference);

        DataFiles.write(results, reference, Markdown.subtitle(results, env), dir.resolve(DATA_DIR));
        copyScripts(dir.resolve(PLOTS_DIR));

        List<String> drawn = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        String missing = null;
        if (gnuplot.isEmpty()) {
            missing = "gnuplot is not installed";
        } else {
            for (Chart c : CHARTS) {
                if (c.name().equals("relative") && !haveReference) {
                    continue;
                }
                Gnuplot.Run run = Gnuplot.render(gnuplot.get(), dir, PLOTS_DIR + "/" + c.name() + ".gp", DATA_DIR, c.name());
                if (!run.output().isBlank()) {
                    messages.add(c.name() + ": " + run.output().strip());
                }
                if (run.exitCode() == 0 && Files.isRegularFile(dir.resolve(c.name() + ".png"))) {
                    drawn.add(c.name());
                } else {
                    messages.add(c.name() + ": gnuplot exited with status " + run.exitCode());
                }
            }
            if (drawn.isEmpty()) {
                missing = "gnuplot failed (see the messages above)";
            }
        }
        if (!haveReference) {
            log.println("report: no " + reference + " trials in these results, so no relative chart or ratio column "
                    + "(choose another with --relative-to)");
        }
        for (String m : messages) {
            log.println("report: gnuplot: " + m);
        }
        if (missing != null && gnuplot.isEmpty()) {
            log.println("report: charts not drawn: gnuplot is not installed. Install it (" + Gnuplot.INSTALL_HINT
                    + "), then draw them with: ./chunkbench report " + dir);
        }
        Markdown md = new Markdown(results, env, reference, dir, drawn, missing);
        Path report = dir.resolve(REPORT_MD);
        Files.writeString(report, md.render(), StandardCharsets.UTF_8);
        return new Outcome(report, drawn, missing, messages, md.warnings());
    }

    static void copyScripts(Path plots) throws IOException {
        Files.createDirectories(plots);
        for (String s : SCRIPTS) {
            try (InputStream in = Report.class.getResourceAsStream("/chunkbench/plots/" + s)) {
                if (in == null) {
                    throw new IOException("the chart script " + s + " is missing from this build (plots/ is packaged into the jar)");
                }
                Files.copy(in, plots.resolve(s), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
