package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thread-scaling chart and section, on the smoke fixture swept again at 2 threads with known scores. */
class ScalingTest {
    /** Every fixture trial also at 2 threads with {@code factor} times its aggregate score (and interval). */
    static Path twoThreadFolder(Path tmp, double factor, int cpus) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        ArrayNode all = jmh.deepCopy();
        for (JsonNode t : jmh) {
            ObjectNode c = t.deepCopy();
            c.put("threads", 2);
            ObjectNode pm = (ObjectNode) c.path("primaryMetric");
            pm.put("score", pm.path("score").asDouble() * factor);
            pm.put("scoreError", pm.path("scoreError").asDouble() * factor);
            ArrayNode ci = (ArrayNode) pm.path("scoreConfidence");
            for (int i = 0; i < ci.size(); i++) {
                ci.set(i, ci.get(i).asDouble() * factor);
            }
            all.add(c);
        }
        Fixtures.writeJmh(dir, all);
        ObjectNode env = Fixtures.env(dir);
        ((ObjectNode) env.path("cpu")).put("availableProcessors", cpus);
        ((ObjectNode) env.path("run")).put("trialsPlanned", all.size()).put("trialsCompleted", all.size());
        Fixtures.JSON.writeValue(dir.resolve("env.json").toFile(), env);
        return dir;
    }

    @Test
    void sectionGivesAggregateIdealAndEfficiencyAndTheCpuCount(@TempDir Path tmp) throws Exception {
        Path dir = twoThreadFolder(tmp, 1.6, 2);
        Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()), Optional.empty());
        String md = Files.readString(dir.resolve("REPORT.md"));
        int at = md.indexOf(Markdown.SCALING_SECTION);
        assertTrue(at >= 0, md);
        String section = md.substring(at, md.indexOf("\n## ", at + 1));
        assertTrue(section.contains("The JVM saw 2 CPUs;"), section);
        assertFalse(section.contains("oversubscription"), "2 threads on 2 CPUs is not oversubscribed: " + section);
        // 6 series x 2 chunk sizes (64 B and 4 KiB: both shown, the run has no more than 3) x 2 thread counts
        long rows = section.lines().filter(l -> l.startsWith("| `")).count();
        assertEquals(24, rows, section);
        assertEquals(12, section.lines().filter(l -> l.startsWith("| `") && cell(l, 2).equals("2") && l.endsWith(" | 80% |"))
                .count(), "1.6 times the 1-thread throughput is 80% of ideal:\n" + section);
        assertEquals(12, section.lines().filter(l -> l.startsWith("| `") && cell(l, 2).equals("1") && l.endsWith(" | 100% |"))
                .count(), section);
        assertTrue(section.contains("| `openssl` | 4 KiB | 1 |"), "the chunk size is a column, not in the title: " + section);
        assertTrue(md.contains("1, 2 threads (one JMH run each)"), "the run summary names the counts");

        String data = Files.readString(dir.resolve("data/scaling.dat"));
        // 2 CPUs, 2 panels (64 B and 4 KiB, 6 lines each: under the 8 a panel holds); blocks 1-6 and 7-12
        assertTrue(data.startsWith(ScalingChart.FORMAT + "\n# processors the JVM saw (0: unknown), panels; then per panel: "
                + "chunk_bytes first_block last_block part parts\n2\t2\n64\t1\t6\t1\t1\n4096\t7\t12\t1\t1\n"), data);
        assertEquals(12, data.lines().filter(l -> l.startsWith("\"")).count(), data);
        assertTrue(data.contains("\n2\t80.0000\t"), "1.6 times the 1-thread throughput is drawn as 80% of linear:\n" + data);
        assertEquals(List.of(), FolderCheck.check(dir));
        Files.delete(dir.resolve("data/scaling.dat"));
        assertEquals(List.of("data/scaling.dat is missing"), FolderCheck.check(dir), "a thread sweep's folder needs its data");
    }

    /** More lines at one chunk size than a panel holds are cut into panels of at most eight, each named "k of n". */
    @Test
    void aPanelHoldsAtMostEightLines() {
        List<Results.Row> rows = new java.util.ArrayList<>();
        for (int b = 0; b < 11; b++) {
            for (int threads = 1; threads <= 2; threads++) {
                rows.add(new Results.Row("backend" + b, java.util.Map.of("mode", "stream", "buffer", "heap", "keyBits", "128",
                        "op", "encrypt", "threads", String.valueOf(threads)), 1024, 1000.0 * threads, 990.0 * threads,
                        1010.0 * threads, 5, Double.NaN));
            }
        }
        String data = ScalingChart.data(new Results(rows), 2);
        assertTrue(data.contains("\n2\t2\n1024\t1\t8\t1\t2\n1024\t9\t11\t2\t2\n"), data);
    }

    @Test
    void moreThreadsThanCpusIsCalledOversubscription(@TempDir Path tmp) throws Exception {
        Path dir = twoThreadFolder(tmp, 1.0, 1);
        Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()), Optional.empty());
        String md = Files.readString(dir.resolve("REPORT.md"));
        assertTrue(md.contains("The JVM saw 1 CPU: the counts above 1 share CPUs, so they measure oversubscription"), md);
        assertTrue(md.contains("| 2 | ") && md.contains(" | 50% |"), "twice the threads, the same throughput: 50%\n" + md);
    }

    @Test
    void aOneThreadRunHasNoScalingSectionNorData(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()), Optional.empty());
        assertFalse(Files.readString(dir.resolve("REPORT.md")).contains(Markdown.SCALING_SECTION));
        assertFalse(Files.exists(dir.resolve("data/scaling.dat")));
        assertEquals(List.of(), FolderCheck.check(dir));
    }

    @Test
    void chartRendersAndTitlesFromResultsStayData(@TempDir Path tmp) throws Exception {
        assumeTrue(Gnuplot.find().isPresent(), "gnuplot is not on the PATH (apt-get install gnuplot-nox)");
        Path dir = twoThreadFolder(tmp, 1.7, 2);
        // a backend name that would run a command if it were pasted into gnuplot code
        ArrayNode jmh = Fixtures.jmh(dir);
        String hostile = "bc\"'; system('touch pwned'); x='`touch pwned2`";
        for (JsonNode t : jmh) {
            if ("bc".equals(t.path("params").path("backend").asText())) {
                ((ObjectNode) t.path("params")).put("backend", hostile);
            }
        }
        Fixtures.writeJmh(dir, jmh);
        StringWriter log = new StringWriter();
        Report.Outcome o = Report.generate(dir, "sunjce", new PrintWriter(log, true));
        assertEquals(List.of(), o.gnuplotMessages(), "gnuplot said something:\n" + log);
        assertTrue(o.chartsDrawn().contains(org.chunkbench.results.ResultsFolder.Chart.SCALING.fileName()), o.chartsDrawn().toString());
        assertTrue(FolderCheck.isPng(dir.resolve("scaling.png")));
        assertTrue(Files.size(dir.resolve("scaling.png")) > 10_000, "scaling.png is suspiciously small");
        String svg = Files.readString(dir.resolve("scaling.svg"));
        assertTrue(svg.contains("64 B chunks") && svg.contains("4 KiB chunks") && svg.contains(">openssl<")
                && svg.contains("linear") && svg.contains("2 CPUs seen by the JVM"), "a panel per chunk size, legend and CPU marker");
        assertTrue(svg.contains("system("), "the hostile name is drawn as text");
        assertFalse(Files.exists(dir.resolve("pwned")) || Files.exists(dir.resolve("pwned2")), "nothing from results ran");
        assertTrue(Files.readString(o.report()).contains("![Thread scaling: share of linear, one panel per chunk size](scaling.png)"));
    }

    /** The n-th cell (0-based, after the leading bar) of a Markdown table row. */
    private static String cell(String row, int n) {
        return row.substring(1).split(" \\| ")[n].strip().replace("|", "").strip();
    }
}
