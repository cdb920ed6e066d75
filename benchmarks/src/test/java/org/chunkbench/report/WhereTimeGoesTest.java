package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.Variants;
import org.chunkbench.results.ResultsFolder;

/** The report's "Where the time goes" and openssl speed sections, on the smoke fixture plus synthetic controls. */
class WhereTimeGoesTest {
    /** ns per chunk of each series at 64 B and 4096 B; openssl itself is set to 100 and 1000 ns. */
    private static final Map<String, double[]> NS = Map.of(
            "none", new double[] {10, 10},
            "call[binding=jna]", new double[] {30, 30},
            "copy", new double[] {20, 110},
            "openssl[cipher=null]", new double[] {80, 400},
            "openssl", new double[] {100, 1000});

    private static final String FFM_KERNEL = "kernel[binding=ffm,driver=ctr(aes),io=copy,key=raw]";
    private static final String FFM_KERNEL_NULL = "kernel-null[binding=ffm,io=copy]";

    /**
     * A run with both bindings and every control they need at 64 B and 4096 B (heap buffers, stream mode), as the
     * sweep spells them today (recorded in env.json: {@link #recorded}). FFM openssl: harness 10, binding 1 x (14 - 10) = 4, copies exactly 0 (no staging),
     * path 40 - 10 - 4 = 26 and 60 - 14 = 46, cipher 50 - 40 = 10 and 300 - 60 = 240. FFM kernel (io=copy, 2 calls
     * per chunk): harness 10, binding 2 x 4 = 8, copies 20 - 10 = 10 and 110 - 10 = 100, path 1900 - 28 = 1872 and
     * 3000 - 118 = 2882, cipher 2000 - 1900 = 100 and 4000 - 3000 = 1000.
     */
    private static final Map<String, double[]> BOTH = Map.ofEntries(
            Map.entry("none", new double[] {10, 10}),
            Map.entry("call[binding=jna]", new double[] {30, 30}),
            Map.entry("call[binding=ffm]", new double[] {14, 14}),
            Map.entry("copy", new double[] {20, 110}),
            Map.entry("openssl-null[binding=jna]", new double[] {80, 400}),
            Map.entry("openssl", new double[] {100, 1000}),
            Map.entry("openssl-null[binding=ffm]", new double[] {40, 60}),
            Map.entry("openssl[binding=ffm]", new double[] {50, 300}),
            Map.entry(FFM_KERNEL_NULL, new double[] {1900, 3000}),
            Map.entry(FFM_KERNEL, new double[] {2000, 4000}));

    static Path folderWithControls(Path tmp) throws Exception {
        return folderWith(tmp, NS);
    }

    /** The smoke fixture with one series per entry (ns per chunk at 64 B and 4096 B), cloned from its openssl rows. */
    static Path folderWith(Path tmp, Map<String, double[]> series) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        int[] chunks = {64, 4096};
        for (int i = 0; i < chunks.length; i++) {
            ObjectNode openssl = Fixtures.entry(jmh, "openssl", chunks[i]);
            for (Map.Entry<String, double[]> e : series.entrySet()) {
                ObjectNode t = e.getKey().equals("openssl") ? openssl : openssl.deepCopy();
                ((ObjectNode) t.path("params")).put("backend", e.getKey());
                ObjectNode pm = (ObjectNode) t.path("primaryMetric");
                double ops = 1e9 / e.getValue()[i];
                pm.put("score", ops);
                pm.put("scoreError", 0.0);
                pm.putArray("scoreConfidence").add(ops).add(ops);
                ArrayNode raw = pm.putArray("rawData").addArray();
                raw.add(ops).add(ops);
                pm.remove("rawDataHistogram");
                if (t != openssl) {
                    jmh.add(t);
                }
            }
        }
        Fixtures.writeJmh(dir, jmh);
        return dir;
    }

    /** The folder with env.json's record of its variants, each of the kind today's registry gives it (a run's record). */
    static Path recorded(Path dir) throws Exception {
        ObjectNode env = Fixtures.env(dir);
        ObjectNode variants = ((ObjectNode) env.path("run")).putObject("variants");
        for (com.fasterxml.jackson.databind.JsonNode t : Fixtures.jmh(dir)) {
            String b = t.path("params").path("backend").asText();
            if (!b.isEmpty()) {
                BackendSpec.parse(b);
                variants.put(b, Variants.kind(b).word());
            }
        }
        Fixtures.JSON.writeValue(dir.resolve("env.json").toFile(), env);
        return dir;
    }

    @Test
    void controlsAreDecomposedAndKeptOutOfTheBackendTables(@TempDir Path tmp) throws Exception {
        Path dir = folderWithControls(tmp);
        Files.writeString(dir.resolve(ResultsFolder.OPENSSL_SPEED_TSV),
                "# openssl speed\nkeyBits\tbytes\tnsPerOp\tops\tseconds\n128\t64\t25.0\t40000000\t1.0\n128\t4096\t800.0\t1250000\t1.0\n");
        Report.Outcome o = ReportTest.generate(dir);
        String md = Files.readString(o.report(), StandardCharsets.UTF_8);
        int results = md.indexOf(Markdown.RESULTS_SECTION);
        int where = md.indexOf(WhereTimeGoes.SECTION);
        assertTrue(results >= 0 && where > results, md);
        String backendTables = md.substring(0, where);
        for (String control : List.of("call\\[binding=jna\\]", "`copy`", "`none`", "cipher=null")) {
            assertFalse(backendTables.contains(control), control + " in the backend tables:\n" + backendTables);
        }
        assertFalse(Files.readString(dir.resolve("data/throughput.dat")).contains("cipher=null"), "no control in the charts' data");
        String section = md.substring(where);
        // 64 B: harness 10, binding 1 x (30 - 10) = 20, copies 20 - 10 = 10, path 80 - 10 - 20 - 10 = 40, cipher 20
        assertTrue(section.contains("| `openssl` | 64 B | 100 ± 0.00 | 10.0 ± 0.00 (10% ± 0) | 20.0 ± 0.00 (20% ± 0) "
                + "| 10.0 ± 0.00 (10% ± 0) | 40.0 ± 0.00 (40% ± 0) | 20.0 ± 0.00 (20% ± 0) |"), section);
        // 4096 B: copies 100, path 400 - 10 - 20 - 100 = 270, cipher 600
        assertTrue(section.contains("| `openssl` | 4 KiB | 1000 ± 0.00 |"), section);
        assertTrue(section.contains("| 100.0 ± 0.00 (10% ± 0) | 270 ± 0.00 (27% ± 0) | 600 ± 0.00 (60% ± 0) |"), section);
        assertTrue(section.contains("never clipped"), "the arithmetic is under the table");
        // a folder from before the rename: the arithmetic names the null-cipher controls as the folder does
        assertTrue(section.contains("(openssl\\[binding=...,cipher=null\\], kernel\\[binding=...,driver=ecb(cipher_null),io=...\\])"),
                section);
        assertTrue(Files.isRegularFile(dir.resolve("data/decomposition.dat")));
        // the dashed reference line: its data (bytes, MB/s, ns) and the flag the chart scripts read
        assertEquals(List.of("64\t2560.0\t25.0", "4096\t5120.0\t800.0"),
                Files.readAllLines(dir.resolve("data/" + org.chunkbench.results.ResultsFolder.OPENSSL_SPEED_DAT)).subList(1, 3));
        assertTrue(Files.readString(dir.resolve("data/series.gp")).endsWith("HAVE_C = 1\n"));
        List<String> problems = FolderCheck.check(dir);
        assertTrue(problems.stream().noneMatch(p -> p.contains("decomposition") || p.contains("openssl-speed")), problems.toString());
        Files.delete(dir.resolve("data/decomposition.dat"));
        Files.writeString(dir.resolve(ResultsFolder.OPENSSL_SPEED_TSV), "128\t64\t`rm -rf /`\t1\t1\n");
        problems = FolderCheck.check(dir);
        assertTrue(problems.contains("data/decomposition.dat is missing") || problems.stream().anyMatch(p -> p.startsWith("data/decomposition.dat")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("openssl-speed.tsv cannot be read")), problems.toString());
        // openssl speed: the ratio of the backend to C at each size
        int c = md.indexOf(WhereTimeGoes.OPENSSL_SECTION);
        assertTrue(c > 0, md);
        String speed = md.substring(c);
        assertTrue(speed.contains("| 128 | 64 B | 25.0 |") && speed.contains("| 4.00 |"), speed);
        assertTrue(speed.contains("| 128 | 4 KiB | 800 |") && speed.contains("| 1.25 |"), speed);
    }

    @Test
    void aMissingControlIsNotMeasuredWithItsReason(@TempDir Path tmp) throws Exception {
        Path dir = folderWithControls(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        for (int i = jmh.size() - 1; i >= 0; i--) {
            if (jmh.get(i).path("params").path("backend").asText().equals("openssl[cipher=null]")) {
                jmh.remove(i);
            }
        }
        Fixtures.writeJmh(dir, jmh);
        String md = Files.readString(ReportTest.generate(dir).report(), StandardCharsets.UTF_8);
        String section = md.substring(md.indexOf(WhereTimeGoes.SECTION));
        assertTrue(section.contains("not measured"), section);
        // the old name is read as the JNA control it was, and reported by today's
        assertTrue(section.contains("no result for openssl-null\\[binding=jna\\] (not in this run"), section);
        assertFalse(md.contains(WhereTimeGoes.OPENSSL_SECTION), "no openssl-speed.tsv, no section");
    }

    @Test
    void ffmBackendsAreDecomposedFromTheFfmControls(@TempDir Path tmp) throws Exception {
        Path dir = recorded(folderWith(tmp, BOTH));
        String md = Files.readString(ReportTest.generate(dir).report(), StandardCharsets.UTF_8);
        String section = md.substring(md.indexOf(WhereTimeGoes.SECTION));
        // the arithmetic of BOTH's comment, row by row
        assertTrue(section.contains("| `openssl[binding=ffm]` | 64 B | 50.0 ± 0.00 | 10.0 ± 0.00 (20% ± 0) | 4.00 ± 0.00 (8% ± 0) "
                + "| 0.00 ± 0.00 (0% ± 0) | 26.0 ± 0.00 (52% ± 0) | 10.0 ± 0.00 (20% ± 0) |"), section);
        assertTrue(section.contains("| `openssl[binding=ffm]` | 4 KiB | 300 ± 0.00 | 10.0 ± 0.00 (3% ± 0) | 4.00 ± 0.00 (1% ± 0) "
                + "| 0.00 ± 0.00 (0% ± 0) | 46.0 ± 0.00 (15% ± 0) | 240 ± 0.00 (80% ± 0) |"), section);
        assertTrue(section.contains("| `" + FFM_KERNEL + "` | 64 B | 2000 ± 0.00 | 10.0 ± 0.00 (1% ± 0) | 8.00 ± 0.00 (0% ± 0) "
                + "| 10.0 ± 0.00 (1% ± 0) | 1872 ± 0.00 (94% ± 0) | 100.0 ± 0.00 (5% ± 0) |"), section);
        assertTrue(section.contains("| `" + FFM_KERNEL + "` | 4 KiB | 4000 ± 0.00 | 10.0 ± 0.00 (0% ± 0) | 8.00 ± 0.00 (0% ± 0) "
                + "| 100.0 ± 0.00 (3% ± 0) | 2882 ± 0.00 (72% ± 0) | 1000 ± 0.00 (25% ± 0) |"), section);
        // the JNA openssl row is the same as from the old spelling (controlsAreDecomposedAndKeptOutOfTheBackendTables)
        assertTrue(section.contains("| `openssl` | 64 B | 100 ± 0.00 | 10.0 ± 0.00 (10% ± 0) | 20.0 ± 0.00 (20% ± 0) "
                + "| 10.0 ± 0.00 (10% ± 0) | 40.0 ± 0.00 (40% ± 0) | 20.0 ± 0.00 (20% ± 0) |"), section);
        assertFalse(section.contains("| not measured |"), section);
        String backendTables = md.substring(0, md.indexOf(WhereTimeGoes.SECTION));
        assertFalse(backendTables.contains("-null"), backendTables);
        assertTrue(section.contains("(openssl-null\\[binding=...\\], kernel-null\\[binding=...,io=...\\])"), section);
        assertFalse(section.contains("cipher=null") || section.contains("cipher_null"), "a new run names the controls by today's names");
    }

    /** A run from before the FFM null controls: its FFM backends' path and cipher say so, nothing borrowed from JNA. */
    @Test
    void ffmBackendWithoutFfmControlsSaysTheRunPredatesThem(@TempDir Path tmp) throws Exception {
        Map<String, double[]> old = new java.util.HashMap<>(NS); // openssl[cipher=null]: the old spelling
        old.put("call[binding=ffm]", new double[] {14, 14});
        old.put("openssl[binding=ffm]", new double[] {50, 300});
        Path dir = folderWith(tmp, old);
        String md = Files.readString(ReportTest.generate(dir).report(), StandardCharsets.UTF_8);
        String section = md.substring(md.indexOf(WhereTimeGoes.SECTION));
        assertTrue(section.contains("| `openssl[binding=ffm]` | 64 B | 50.0 ± 0.00 | 10.0 ± 0.00 (20% ± 0) | 4.00 ± 0.00 (8% ± 0) "
                + "| 0.00 ± 0.00 (0% ± 0) | not measured | not measured |"), section);
        assertTrue(section.contains("no result for openssl-null\\[binding=ffm\\] (not in this run: it predates the FFM"),
                section);
        assertTrue(section.contains("| `openssl` | 64 B | 100 ± 0.00 | 10.0 ± 0.00 (10% ± 0) | 20.0 ± 0.00 (20% ± 0) "
                + "| 10.0 ± 0.00 (10% ± 0) | 40.0 ± 0.00 (40% ± 0) | 20.0 ± 0.00 (20% ± 0) |"), section);
    }

    @Test
    void anEmulatedRunSaysSoUnderTheSectionHeading(@TempDir Path tmp) throws Exception {
        Path dir = folderWithControls(tmp);
        String plain = Files.readString(ReportTest.generate(dir).report(), StandardCharsets.UTF_8);
        assertTrue(plain.contains(WhereTimeGoes.SECTION + "\n\nControls measured"), "no note on a real machine:\n" + plain);
        assertFalse(plain.contains(WhereTimeGoes.EMULATED_NOTE));
        ObjectNode env = Fixtures.env(dir);
        env.put("emulated", true);
        Fixtures.JSON.writeValue(dir.resolve("env.json").toFile(), env);
        String md = Files.readString(ReportTest.generate(dir).report(), StandardCharsets.UTF_8);
        assertTrue(md.contains(WhereTimeGoes.SECTION + "\n\n" + WhereTimeGoes.EMULATED_NOTE + "\n\nControls measured"), md);
        assertTrue(md.contains("| `openssl` |"), "the decomposition is still there, labelled:\n" + md);
    }

    @Test
    void aSeriesWhoseIntervalReachesZeroHasAnUnboundedErrorNotNone(@TempDir Path tmp) throws Exception {
        Path dir = folderWithControls(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        for (var t : jmh) {
            if (t.path("params").path("backend").asText().equals("copy") && t.path("params").path("chunkSize").asText().equals("64")) {
                ObjectNode pm = (ObjectNode) t.path("primaryMetric");
                double ops = pm.path("score").asDouble();
                pm.put("scoreError", 2 * ops);
                pm.putArray("scoreConfidence").add(-ops).add(3 * ops);
            }
        }
        Fixtures.writeJmh(dir, jmh);
        String md = Files.readString(ReportTest.generate(dir).report(), StandardCharsets.UTF_8);
        String section = md.substring(md.indexOf(WhereTimeGoes.SECTION), md.indexOf(WhereTimeGoes.OPENSSL_SECTION) < 0
                ? md.length() : md.indexOf(WhereTimeGoes.OPENSSL_SECTION));
        String row64 = section.lines().filter(l -> l.startsWith("| `openssl` | 64 B |")).findFirst().orElseThrow();
        String row4k = section.lines().filter(l -> l.startsWith("| `openssl` | 4 KiB |")).findFirst().orElseThrow();
        // copies = copy - none and path = null - none - binding - copies take copy's unbounded error; harness does not
        String[] cells = row64.split("\\|");
        assertTrue(cells[4].contains("± 0.00"), "harness has no copy in it: " + row64);
        assertTrue(cells[6].contains("± ∞") && cells[6].contains("% ± ∞)"), "copies: " + row64);
        assertTrue(cells[7].contains("± ∞"), "path: " + row64);
        assertFalse(row4k.contains("∞"), "4 KiB's copy is bounded: " + row4k);
        assertTrue(section.contains(WhereTimeGoes.UNBOUNDED_NOTE), section);
    }

    @Test
    void noControlsSaysHowToGetThem(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        String md = Files.readString(ReportTest.generate(dir).report(), StandardCharsets.UTF_8);
        assertTrue(md.contains(WhereTimeGoes.SECTION + "\n\nNo controls in this run"), md);
        assertEquals(-1, md.indexOf("decomposition.png"));
        assertFalse(Files.exists(dir.resolve("data/" + org.chunkbench.results.ResultsFolder.OPENSSL_SPEED_DAT)));
        assertFalse(Files.readString(dir.resolve("data/series.gp")).contains("HAVE_C"));
    }
}
