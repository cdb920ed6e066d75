package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.results.RowKinds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data export and REPORT.md from the fixture, without gnuplot (GnuplotTest draws the charts). */
class ReportTest {
    static final Optional<Path> NO_GNUPLOT = Optional.empty();

    static Report.Outcome generate(Path dir) throws Exception {
        return Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()), NO_GNUPLOT);
    }

    @Test
    void throughputDataIsOpsTimesChunkInMegabytesPerSeries(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        generate(dir);
        ArrayNode jmh = Fixtures.jmh(dir);
        String dat = Files.readString(dir.resolve("data/throughput.dat"));
        assertEquals(6, FolderCheck.blocks(dat), dat);
        double ops = Fixtures.entry(jmh, "openssl", 4096).path("primaryMetric").path("score").asDouble();
        String block = dat.substring(dat.indexOf("\"openssl\""));
        String line = block.lines().filter(l -> l.startsWith("4096 ")).findFirst().orElseThrow();
        double mbps = Double.parseDouble(line.split(" ")[1]);
        assertEquals(ops * 4096 / 1e6, mbps, mbps * 1e-5, line);
        String ns = Files.readString(dir.resolve("data/ns-per-chunk.dat"));
        String nsLine = ns.substring(ns.indexOf("\"openssl\"")).lines().filter(l -> l.startsWith("4096 ")).findFirst().orElseThrow();
        assertEquals(1e9 / ops, Double.parseDouble(nsLine.split(" ")[1]), 1e9 / ops * 1e-5, nsLine);
        List<String> summary = Files.readAllLines(dir.resolve("data/summary.tsv"));
        assertEquals(1 + jmh.size(), summary.size());
    }

    @Test
    void relativeDataDividesByTheReferenceWithTheSameParams(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        generate(dir);
        ArrayNode jmh = Fixtures.jmh(dir);
        double a = Fixtures.entry(jmh, "conscrypt", 64).path("primaryMetric").path("score").asDouble();
        double b = Fixtures.entry(jmh, "sunjce", 64).path("primaryMetric").path("score").asDouble();
        String rel = Files.readString(dir.resolve("data/relative.dat"));
        String line = rel.substring(rel.indexOf("\"conscrypt\"")).lines().filter(l -> l.startsWith("64 ")).findFirst().orElseThrow();
        assertEquals(a / b, Double.parseDouble(line.split(" ")[1]), a / b * 1e-5);
        String sun = rel.substring(rel.indexOf("\"sunjce\"")).lines().filter(l -> l.startsWith("64 ")).findFirst().orElseThrow();
        assertEquals(1.0, Double.parseDouble(sun.split(" ")[1]), 1e-9, "the reference is 1 against itself");
    }

    @Test
    void reportHasEnvironmentChartsHintTablesAndCrossovers(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        Report.Outcome o = generate(dir);
        String md = Files.readString(o.report(), StandardCharsets.UTF_8);
        for (String s : new String[] {"## Environment", "| CPU |", "| JVM AES flags |", "| AF_ALG |", "## Results by chunk size",
            "### 64 B", "### 4 KiB (4096 bytes)", "## Crossovers", "## Cost of the abstraction", "× sunjce",
            "apt-get install gnuplot-nox", "./chunkbench report " + dir, "Smoke run",
            "**Left out, unavailable here:**\n\n- `kernel`: backend kernel is not available: socket(AF_ALG"}) {
            assertTrue(md.contains(s), "REPORT.md lacks '" + s + "':\n" + md);
        }
        assertFalse(md.contains("!["), "no image may be linked when no chart was drawn");
        assertTrue(o.chartsDrawn().isEmpty());
        assertEquals(List.of(), FolderCheck.check(dir), "a folder reported without gnuplot is still complete");
    }

    @Test
    void warnsExactlyAboutResultsWhoseErrorExceedsTenPercent(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        for (var b : jmh) {
            Fixtures.setError((ObjectNode) b, 0.02);
        }
        Fixtures.setError(Fixtures.entry(jmh, "bc", 64), 0.25);
        Fixtures.setError(Fixtures.entry(jmh, "openssl", 4096), 0.099);
        Fixtures.writeJmh(dir, jmh);
        Report.Outcome o = generate(dir);
        // this fixture is a real --smoke run, whose short warm-up leaves rows still warming up: that warning is another test's
        List<String> noisy = o.warnings().stream().filter(w -> w.contains("error ±")).toList();
        assertEquals(1, noisy.size(), o.warnings().toString());
        assertTrue(noisy.get(0).contains("`bc` at 64 B") && noisy.get(0).contains("25.0%"), noisy.get(0));
        String md = Files.readString(o.report());
        assertTrue(md.contains("## Warnings\n\n- ⚠ `bc` at 64 B"), md);
    }

    /** Rows still getting faster while measured are named in one warning, steady ones are not (issue 18). */
    @Test
    void warnsAboutRowsMeasuredBeforeSteadyState(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        for (var b : jmh) {
            Fixtures.setError((ObjectNode) b, 0.02);
        }
        for (var b : jmh) {
            // every row steady (iterations flat), then one still rising steadily in both forks
            boolean rising = b == Fixtures.entry(jmh, "openssl", 4096);
            ObjectNode pm = (ObjectNode) b.path("primaryMetric");
            ArrayNode raw = pm.putArray("rawData");
            for (int f = 0; f < 2; f++) {
                ArrayNode fork = raw.addArray();
                for (double v : new double[] {1000, 1100, 1200, 1300, 1400, 1500}) {
                    fork.add((rising ? v : 1250 + (v % 200) - 100) * pm.path("score").asDouble() / 1250);
                }
            }
        }
        Fixtures.writeJmh(dir, jmh);
        Report.Outcome o = generate(dir);
        List<String> warming = o.warnings().stream().filter(w -> w.contains("steady state")).toList();
        assertEquals(1, warming.size(), o.warnings().toString());
        assertTrue(warming.get(0).startsWith("1 of ") && warming.get(0).contains("`openssl` at 4 KiB")
                && warming.get(0).contains("up to 32% better"), warming.get(0));
    }

    @Test
    void emulatedRunsSayInBoldThatTheyAreNotResults(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        String plain = Files.readString(generate(dir).report());
        assertFalse(plain.contains("under emulation"));
        ObjectNode env = Fixtures.env(dir);
        env.put("emulated", true);
        Fixtures.JSON.writeValue(dir.resolve("env.json").toFile(), env);
        String md = Files.readString(generate(dir).report());
        assertTrue(md.contains("**This run was made under emulation (CHUNKBENCH_IN_VM=1). Its timings are not benchmark results"), md);
        String title = md.lines().findFirst().orElseThrow();
        assertTrue(title.startsWith("# ") && title.endsWith(Markdown.EMULATED_TITLE), "the title itself says so: " + title);
        assertFalse(plain.lines().findFirst().orElseThrow().contains("EMULATED"), "and only then");
    }

    @Test
    void crossoverIsTheSmallestChunkFromWhichARowStaysAhead() {
        Results.Series fast = series("a", Map.of(16, 1.0, 64, 5.0, 256, 3.0, 1024, 9.0));
        Results.Series slow = series("b", Map.of(16, 2.0, 64, 4.0, 256, 4.0, 1024, 8.0));
        assertEquals("1 KiB", Findings.crossover(fast, slow), "ahead at 64 B but behind again at 256 B");
        assertEquals("always", Findings.crossover(slow, series("c", Map.of(16, 1.0, 64, 1.0, 256, 1.0, 1024, 1.0))));
        assertEquals("never", Findings.crossover(series("d", Map.of(16, 0.5, 1024, 0.5)), slow));
    }

    @Test
    void averageTimeResultsAreConvertedToOperationsPerSecond(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        ObjectNode e = Fixtures.entry(jmh, "openssl", 4096);
        ObjectNode pm = (ObjectNode) e.path("primaryMetric");
        pm.put("score", 2000.0);
        pm.put("scoreUnit", "ns/op");
        ArrayNode ci = pm.putArray("scoreConfidence");
        ci.add(1900.0);
        ci.add(2100.0);
        Fixtures.writeJmh(dir, jmh);
        Results r = Results.read(dir.resolve("jmh.json"), RowKinds.BEFORE_RECORD);
        Results.Row row = r.series().stream().filter(s -> s.backend().equals("openssl")).findFirst().orElseThrow().at(4096);
        assertEquals(5e5, row.ops(), 1e-6);
        assertEquals(1e9 / 2100, row.opsLow(), 1e-6);
        assertEquals(1e9 / 1900, row.opsHigh(), 1e-6);
        assertEquals(2000.0, row.nsPerChunk(), 1e-9);
    }

    private static Results.Series series(String backend, Map<Integer, Double> ops) {
        Map<String, String> dims = Map.of("mode", "stream", "buffer", "heap", "keyBits", "128", "op", "encrypt", "threads", "1");
        List<Results.Row> rows = ops.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Results.Row(backend, dims, e.getKey(), e.getValue(), e.getValue(), e.getValue(), 3, Double.NaN))
                .toList();
        return new Results.Series(backend, dims, backend, rows);
    }

    /**
     * A folder with aes-gcm rows beside the fixture's aes-ctr ones (which carry no cipher param, as every folder from
     * before AES-GCM): the title names both ciphers, the abstraction's cost has a GCM row, and the cost of
     * authentication divides each backend's GCM time per record by its CTR time per chunk.
     */
    @Test
    void gcmRowsGetTheirOwnSeriesAndTheCostOfAuthentication(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        for (JsonNode b : jmh) {
            Fixtures.setError((ObjectNode) b, 0.01);
        }
        for (String backend : new String[] {"sunjce", Results.BASELINE}) {
            for (int chunk : new int[] {64, 4096}) {
                ObjectNode gcm = Fixtures.entry(jmh, backend, chunk).deepCopy();
                ObjectNode params = (ObjectNode) gcm.path("params");
                params.put("cipher", "aes-gcm");
                params.put("mode", "record");
                ObjectNode pm = (ObjectNode) gcm.path("primaryMetric");
                pm.put("score", pm.path("score").asDouble() / 4); // a record takes 4 times a CTR chunk
                Fixtures.setError(gcm, 0.01);
                jmh.add(gcm);
            }
        }
        Fixtures.writeJmh(dir, jmh);
        String md = Files.readString(generate(dir).report(), StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# AES-CTR and AES-GCM by chunk size: "), md.lines().findFirst().orElse(""));
        String auth = md.substring(md.indexOf("## Cost of authentication"), md.indexOf("## Results by chunk size"));
        assertTrue(auth.contains("| `sunjce aes-gcm` | 64 B |"), auth);
        assertTrue(auth.contains("| `sunjce aes-gcm` | 4 KiB |"), auth);
        assertTrue(auth.contains("| `baseline aes-gcm` | 4 KiB |"), auth);
        assertEquals(4, auth.lines().filter(l -> l.contains(" aes-gcm` |")).count(), auth);
        assertTrue(auth.lines().filter(l -> l.contains(" aes-gcm` |")).allMatch(l -> l.contains("| 4.00 ±")), auth);
        assertFalse(auth.contains("openssl"), "no GCM row for openssl, so no line: " + auth);
        String cost = md.substring(md.indexOf("## Cost of the abstraction"), md.indexOf("## Cost of authentication"));
        assertTrue(cost.contains("| aes-gcm, record |") || cost.contains("aes-gcm"), cost);
    }

    /** A cipher param is data from the folder: in the title it is text, never Markdown. */
    @Test
    void aCipherFromTheFolderIsEscapedInTheTitle(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        ((ObjectNode) Fixtures.entry(jmh, "sunjce", 64).path("params")).put("cipher", "[x](http://evil.example/)<b>");
        Fixtures.writeJmh(dir, jmh);
        String title = Files.readString(generate(dir).report(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        assertTrue(title.contains("AES-CTR") && title.contains("\\[X\\]") && title.contains("\\<B>"), title);
        assertFalse(title.contains(" [X]") || title.contains(" <B>"), title);
    }
}
