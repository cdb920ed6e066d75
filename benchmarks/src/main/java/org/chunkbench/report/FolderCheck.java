package org.chunkbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.ResultsException;
import org.chunkbench.results.ResultsFolder.Chart;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.RowKinds;

/**
 * Is a results folder complete and consistent? Checks every file a run writes, so that CI can tell a folder
 * that merely exists from one that can be published.
 */
public final class FolderCheck {
    private static final String JMH = ResultsFolder.JMH_JSON;
    private static final String ENV = ResultsFolder.ENV_JSON;
    private static final String MD = ResultsFolder.REPORT_MD;

    private FolderCheck() {
    }

    /** Every problem found, one line each; empty when the folder is complete. */
    public static List<String> check(Path dir) throws IOException {
        return check(dir, false);
    }

    /** {@code followLinks}: the user's --follow-links ({@link ResultsFolder#refuseLinksOut}). */
    public static List<String> check(Path dir, boolean followLinks) throws IOException {
        ResultsFolder folder = new ResultsFolder(dir, followLinks);
        List<String> problems = new ArrayList<>();
        try {
            folder.refuseLinksOut();
        } catch (ResultsException e) {
            problems.add(e.getMessage());
            return problems;
        }
        // env.json first: it says which of jmh.json's rows are controls; its problems are listed after jmh.json's
        List<String> envProblems = new ArrayList<>();
        EnvManifest.Read envRead = readEnv(folder.envJson(), envProblems);
        EnvManifest env = envRead == null ? null : envRead.manifest();
        Results results = null;
        if (!Files.exists(folder.jmhJson())) {
            problems.add(JMH + " is missing");
        } else {
            try {
                results = Results.read(folder.jmhJson(), RowKinds.of(env));
                if (results.rows().isEmpty()) {
                    problems.add(JMH + " holds no trial");
                }
                for (Results.Row r : results.rows()) {
                    if (!(r.ops() > 0)) {
                        problems.add(JMH + ": " + r.backend() + " at " + r.chunkSize() + " B has no positive score");
                    }
                }
            } catch (IOException e) {
                problems.add(JMH + " cannot be read: " + e.getMessage());
            }
        }
        problems.addAll(envProblems);
        if (envRead != null) {
            List<String> present = envRead.presentKeys();
            for (String k : EnvManifest.SECTIONS) {
                if (!present.contains(k)) {
                    problems.add(ENV + " has no '" + k + "'");
                }
            }
            for (String k : RUN_KEYS) {
                if (!present.contains("run." + k)) {
                    problems.add(ENV + " has no 'run." + k + "'");
                }
            }
            Integer completed = env.run() == null ? null : env.run().trialsCompleted();
            int trials = results == null ? 0 : results.rows().size() + results.controls().size();
            if (results != null && (completed == null || completed != trials)) {
                problems.add(ENV + " says " + (completed == null ? "" : completed) + " trials completed but "
                        + JMH + " holds " + trials);
            }
        }
        if (!Files.isRegularFile(folder.jmhLog())) {
            problems.add(ResultsFolder.JMH_LOG + " is missing");
        }
        Path data = folder.dataDir();
        for (Path d : new Path[] {data, folder.plotsDir()}) {
            if (Files.isSymbolicLink(d)) {
                problems.add(d.getFileName() + "/ is a symbolic link; a results folder holds its own files");
            }
        }
        for (String f : ResultsFolder.dataFiles()) {
            nonEmpty(data.resolve(f), ResultsFolder.inData(f), problems);
        }
        if (results != null) {
            int series = results.series().size();
            for (Chart c : new Chart[] {Chart.THROUGHPUT, Chart.NS_PER_CHUNK}) {
                Path p = data.resolve(c.dataFile());
                if (Files.isRegularFile(p)) {
                    String text = read(p, ResultsFolder.inData(c.dataFile()), problems);
                    int blocks = text == null ? series : blocks(text);
                    if (blocks != series) {
                        problems.add(ResultsFolder.inData(c.dataFile()) + " has " + blocks + " series blocks, " + JMH + " has " + series);
                    }
                }
            }
            Path summary = data.resolve(ResultsFolder.SUMMARY_TSV);
            String text = Files.isRegularFile(summary) ? read(summary, ResultsFolder.inData(ResultsFolder.SUMMARY_TSV), problems) : null;
            if (text != null) {
                long lines = text.lines().count() - 1;
                if (lines != results.rows().size()) {
                    problems.add(ResultsFolder.inData(ResultsFolder.SUMMARY_TSV) + " has " + lines + " rows, " + JMH + " has "
                            + results.rows().size() + " trials");
                }
            }
        }
        for (String s : ResultsFolder.scripts()) {
            nonEmpty(folder.plotsDir().resolve(s), ResultsFolder.inPlots(s), problems);
        }
        if (Files.exists(folder.opensslSpeedTsv())) {
            try {
                org.chunkbench.analysis.OpenSslSpeedFile.read(folder.opensslSpeedTsv());
            } catch (IOException e) {
                problems.add(ResultsFolder.OPENSSL_SPEED_TSV + " cannot be read: " + e.getMessage());
            }
        }
        if (results != null) {
            // the charts only some runs have (several thread counts, controls): their data and scripts, each script once
            java.util.Set<String> scripts = new java.util.LinkedHashSet<>();
            for (Charts.Drawing d : Charts.of(results, env, false, WhereTimeGoes.groups(results, env))) {
                if (!d.chart().everyFolder()) {
                    nonEmpty(data.resolve(d.dataFile()), ResultsFolder.inData(d.dataFile()), problems);
                    scripts.add(d.chart().script());
                }
            }
            for (String s : scripts) {
                nonEmpty(folder.plotsDir().resolve(s), ResultsFolder.inPlots(s), problems);
            }
        }
        Path report = folder.reportMd();
        String md = nonEmpty(report, MD, problems) ? read(report, MD, problems) : null;
        if (md != null) {
            ReportLinks.Found found = ReportLinks.find(md, MD);
            problems.addAll(found.problems());
            int images = 0;
            for (ReportLinks.Target t : found.targets()) {
                String at = MD + " line " + t.line() + ": " + t.verb() + " " + t.destination();
                if (throughLink(dir, t.path())) {
                    problems.add(at + ", which goes through a symbolic link");
                    continue;
                }
                if (!t.image()) {
                    continue;
                }
                images++;
                if (!isPng(dir.resolve(t.path()))) {
                    problems.add(at + ", which is missing or not a PNG");
                } else {
                    String svg = t.path().replaceAll("\\.png$", ".svg");
                    Path sp = dir.resolve(svg);
                    String text = isFileInside(sp) ? read(sp, svg, problems) : null;
                    if (text == null || !text.contains("<svg")) {
                        problems.add(svg + " is missing or not an SVG");
                    }
                }
            }
            if (images == 0 && !md.contains(Gnuplot.INSTALL_HINT)) {
                problems.add(MD + " shows no chart and does not say how to draw them");
            }
            for (String section : new String[] {Markdown.RESULTS_SECTION, Markdown.NOTES_SECTION}) {
                if (!md.contains(section)) {
                    problems.add(MD + " has no '" + section + "' section");
                }
            }
            // folders from before issue 12 have no controls and no such section
            if (results != null && !results.controls().isEmpty() && !md.contains(WhereTimeGoes.SECTION)) {
                problems.add(MD + " has no '" + WhereTimeGoes.SECTION + "' section, though controls ran");
            }
            if (env != null && !md.contains(Markdown.ENVIRONMENT_SECTION)) {
                problems.add(MD + " has no environment table");
            }
        }
        return problems;
    }

    /** The run section's fields a finished run writes. */
    static final String[] RUN_KEYS = {"command", "preset", "startedUtc", "finishedUtc", "durationSeconds", "trialsPlanned",
        "trialsCompleted", "unavailableBackends", "failedTrials", "jmh", "status"};

    /** env.json read once, its manifest known to map; null (and a problem) when it is missing or does not. */
    private static EnvManifest.Read readEnv(Path p, List<String> problems) {
        if (!Files.exists(p)) {
            problems.add(p.getFileName() + " is missing");
            return null;
        }
        try {
            EnvManifest.Read read = EnvManifest.Read.of(p);
            read.manifest();
            return read;
        } catch (ResultsException e) {
            problems.add(p.getFileName() + " is not JSON: " + e.getMessage());
            return null;
        }
    }

    static int blocks(String dat) {
        int n = 0;
        for (String line : dat.split("\n")) {
            if (line.startsWith("\"")) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code relative}, or a folder on the way to it, is a symbolic link, which could lead anywhere. */
    private static boolean throughLink(Path dir, String relative) {
        Path p = dir;
        Path rel = Path.of(relative);
        for (int i = 0; !relative.isEmpty() && i < rel.getNameCount(); i++) {
            p = p.resolve(rel.getName(i));
            if (Files.isSymbolicLink(p)) {
                return true;
            }
        }
        return false;
    }

    /** A regular file that is not a symbolic link (a link in a folder could point anywhere). */
    private static boolean isFileInside(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The file's text, or null with the reason added to the problems (too large, not a regular file); null for a
     * symbolic link, which {@link #nonEmpty} reports: the check reads no file of the folder through a link.
     */
    private static String read(Path p, String name, List<String> problems) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return null;
        }
        try {
            return ResultsFolder.read(p);
        } catch (ResultsException e) {
            problems.add(name + ": " + e.getMessage());
            return null;
        }
    }

    private static boolean nonEmpty(Path p, String name, List<String> problems) throws IOException {
        if (Files.isSymbolicLink(p)) {
            problems.add(name + " is a symbolic link; a results folder holds its own files");
            return false;
        }
        if (!Files.isRegularFile(p)) {
            problems.add(name + " is missing");
            return false;
        }
        if (Files.size(p) == 0) {
            problems.add(name + " is empty");
            return false;
        }
        return true;
    }

    static boolean isPng(Path p) throws IOException {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) < 8) {
            return false;
        }
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(p)) {
            if (in.readNBytes(head, 0, 8) != 8) {
                return false;
            }
        }
        return (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
    }
}
