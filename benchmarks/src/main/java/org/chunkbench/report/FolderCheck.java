package org.chunkbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Is a results folder complete and consistent? Checks every file a run writes, so that CI can tell a folder
 * that merely exists from one that can be published.
 */
public final class FolderCheck {
    static final String[] ENV_KEYS = {"host", "emulated", "cpu", "os", "afAlg", "jvm", "backends", "git", "run"};
    static final String[] RUN_KEYS = {"command", "preset", "startedUtc", "finishedUtc", "durationSeconds", "trialsPlanned",
        "trialsCompleted", "unavailableBackends", "failedTrials", "jmh", "status"};
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)");

    private FolderCheck() {
    }

    /** Every problem found, one line each; empty when the folder is complete. */
    public static List<String> check(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        Results results = null;
        Path jmh = dir.resolve(Report.JMH_JSON);
        if (!Files.isRegularFile(jmh)) {
            problems.add(Report.JMH_JSON + " is missing");
        } else {
            try {
                results = Results.read(json, jmh);
                if (results.rows().isEmpty()) {
                    problems.add(Report.JMH_JSON + " holds no trial");
                }
                for (Results.Row r : results.rows()) {
                    if (!(r.ops() > 0)) {
                        problems.add(Report.JMH_JSON + ": " + r.backend() + " at " + r.chunkSize() + " B has no positive score");
                    }
                }
            } catch (IOException e) {
                problems.add(Report.JMH_JSON + " cannot be read: " + e.getMessage());
            }
        }
        JsonNode env = readJson(json, dir.resolve(Report.ENV_JSON), problems);
        if (env != null) {
            for (String k : ENV_KEYS) {
                if (!env.has(k)) {
                    problems.add(Report.ENV_JSON + " has no '" + k + "'");
                }
            }
            for (String k : RUN_KEYS) {
                if (!env.path("run").has(k)) {
                    problems.add(Report.ENV_JSON + " has no 'run." + k + "'");
                }
            }
            if (results != null && env.path("run").path("trialsCompleted").asInt(-1) != results.rows().size()) {
                problems.add(Report.ENV_JSON + " says " + env.path("run").path("trialsCompleted").asText() + " trials completed but "
                        + Report.JMH_JSON + " holds " + results.rows().size());
            }
        }
        if (!Files.isRegularFile(dir.resolve("jmh.log"))) {
            problems.add("jmh.log is missing");
        }
        Path data = dir.resolve(Report.DATA_DIR);
        for (String f : new String[] {DataFiles.THROUGHPUT, DataFiles.NS_PER_CHUNK, DataFiles.RELATIVE, DataFiles.SERIES, DataFiles.SUMMARY}) {
            nonEmpty(data.resolve(f), Report.DATA_DIR + "/" + f, problems);
        }
        if (results != null) {
            int series = results.series().size();
            for (String f : new String[] {DataFiles.THROUGHPUT, DataFiles.NS_PER_CHUNK}) {
                Path p = data.resolve(f);
                if (Files.isRegularFile(p)) {
                    int blocks = blocks(Files.readString(p, StandardCharsets.UTF_8));
                    if (blocks != series) {
                        problems.add(Report.DATA_DIR + "/" + f + " has " + blocks + " series blocks, " + Report.JMH_JSON + " has " + series);
                    }
                }
            }
            Path summary = data.resolve(DataFiles.SUMMARY);
            if (Files.isRegularFile(summary)) {
                long lines = Files.readAllLines(summary).size() - 1;
                if (lines != results.rows().size()) {
                    problems.add(Report.DATA_DIR + "/" + DataFiles.SUMMARY + " has " + lines + " rows, " + Report.JMH_JSON + " has "
                            + results.rows().size() + " trials");
                }
            }
        }
        for (String s : Report.SCRIPTS) {
            nonEmpty(dir.resolve(Report.PLOTS_DIR).resolve(s), Report.PLOTS_DIR + "/" + s, problems);
        }
        Path report = dir.resolve(Report.REPORT_MD);
        if (nonEmpty(report, Report.REPORT_MD, problems)) {
            String md = Files.readString(report, StandardCharsets.UTF_8);
            Matcher m = IMAGE.matcher(md);
            int images = 0;
            while (m.find()) {
                images++;
                String link = m.group(1);
                if (link.startsWith("/") || link.contains("://")) {
                    problems.add(Report.REPORT_MD + " links " + link + ", which is not relative to the folder");
                } else if (!isPng(dir.resolve(link))) {
                    problems.add(Report.REPORT_MD + " shows " + link + ", which is missing or not a PNG");
                } else {
                    String svg = link.replaceAll("\\.png$", ".svg");
                    Path sp = dir.resolve(svg);
                    if (!Files.isRegularFile(sp) || !Files.readString(sp, StandardCharsets.UTF_8).contains("<svg")) {
                        problems.add(svg + " is missing or not an SVG");
                    }
                }
            }
            if (images == 0 && !md.contains(Gnuplot.INSTALL_HINT)) {
                problems.add(Report.REPORT_MD + " shows no chart and does not say how to draw them");
            }
            for (String section : new String[] {"## Results by chunk size", "## Notes"}) {
                if (!md.contains(section)) {
                    problems.add(Report.REPORT_MD + " has no '" + section + "' section");
                }
            }
            if (env != null && !md.contains("## Environment")) {
                problems.add(Report.REPORT_MD + " has no environment table");
            }
        }
        return problems;
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

    private static JsonNode readJson(ObjectMapper json, Path p, List<String> problems) {
        if (!Files.isRegularFile(p)) {
            problems.add(p.getFileName() + " is missing");
            return null;
        }
        try {
            return json.readTree(p.toFile());
        } catch (IOException e) {
            problems.add(p.getFileName() + " is not JSON: " + e.getMessage());
            return null;
        }
    }

    private static boolean nonEmpty(Path p, String name, List<String> problems) throws IOException {
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
        if (!Files.isRegularFile(p) || Files.size(p) < 8) {
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
