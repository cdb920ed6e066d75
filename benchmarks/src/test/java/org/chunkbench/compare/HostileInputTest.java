package org.chunkbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.report.Gnuplot;
import org.chunkbench.report.MarkdownSafety;
import org.chunkbench.results.ResultsFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare, history and export on runs nobody checked (issue 10): markup and shell commands in benchmark names and
 * param values stay text, outputs that are symbolic links are refused, and compare's exit statuses are
 * 0 no regression, 1 regression, 2 bad input, 3 any other failure.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    static String payload(Path marker) {
        return "x`touch " + marker + "`$(touch " + marker + ")'\"|a](http://evil.example/)<img src=x>\n# new\u001b[31m";
    }

    /** The fixture with a payload as one backend's name and in every benchmark name. */
    private ArrayNode hostile(Path marker) {
        ArrayNode run = Fixtures.load();
        for (JsonNode r : run) {
            ObjectNode p = (ObjectNode) r.path("params");
            if (p.path("backend").asText().equals("bc-lightweight")) {
                p.put("backend", payload(marker));
            }
            ((ObjectNode) r).put("benchmark", r.path("benchmark").asText() + payload(marker).replace("\n", "").replace(".", "_"));
        }
        return run;
    }

    @Test
    void markupInNamesAndParamsStaysTextInTheCompareTable() throws IOException {
        Path marker = dir.resolve("ran");
        ArrayNode base = hostile(marker);
        Path b = Fixtures.write(dir, "base/jmh.json", base);
        ArrayNode slower = Fixtures.scaled(hostile(marker), r -> r.path("params").path("backend").asText().startsWith("x`"), 0.8);
        slower.remove(0); // one row only in baseline
        Path c = Fixtures.write(dir, "head/jmh.json", slower);
        Fixtures.Run run = Fixtures.cli("compare", b.toString(), c.toString());
        assertTrue(run.status() == 0 || run.status() == 1, run.err());
        MarkdownSafety.assertInert(run.out(), List.of());
        assertTrue(run.out().contains("x\\`touch"), run.out());
        assertFalse(Files.exists(marker));
    }

    @Test
    void historyPassesRunValuesToGnuplotAsDataOnly() throws IOException {
        Path marker = dir.resolve("ran");
        Path r1 = Fixtures.write(dir, "run1/jmh.json", hostile(marker));
        Path r2 = Fixtures.write(dir, "run2/jmh.json", Fixtures.noisyCopy(hostile(marker), 3));
        Path out = dir.resolve("history");
        Fixtures.Run run = Fixtures.cli("history", r1.getParent().toString(), r2.getParent().toString(), "--backend",
                payload(marker), "--row", "jmh-mode=thrpt", "--out", out.toString(), "--plots", Path.of("../plots").toString());
        assertEquals(0, run.status(), run.err() + run.out());
        assertFalse(Files.exists(marker), "a command from the runs ran");
        String data = Files.readString(out.resolve("history.dat"));
        for (String line : data.split("\n")) {
            assertFalse(line.contains("\u001b"), line);
        }
        assertEquals(2, data.split("\n\n\n").length, "a newline in a title adds no block: " + data);
        if (Gnuplot.find().isEmpty()) {
            System.out.println("SKIPPED the chart half: gnuplot is not on the PATH");
        } else {
            assertTrue(Files.size(out.resolve("history.png")) > 5000, run.out());
        }
    }

    @Test
    void outputsThatAreSymbolicLinksAreRefused() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path f = Fixtures.fixture();
        Path link = dir.resolve("compare.md");
        Files.createSymbolicLink(link, victim);
        Fixtures.Run run = Fixtures.cli("compare", f.toString(), f.toString(), "--out", link.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("symbolic link"), run.err());
        run = Fixtures.cli("export", f.toString(), "--format", "github-action-benchmark", "--only", "bigger", "--out", link.toString());
        assertEquals(2, run.status(), run.err());
        Path out = Files.createDirectories(dir.resolve("history"));
        Files.createSymbolicLink(out.resolve("history.dat"), victim);
        run = Fixtures.cli("history", f.toString(), "--backend", "sunjce", "--row", "jmh-mode=thrpt", "--out", out.toString());
        assertEquals(2, run.status(), run.err());
        Path outLink = dir.resolve("history-link");
        Files.createSymbolicLink(outLink, Files.createDirectories(dir.resolve("elsewhere")));
        run = Fixtures.cli("history", f.toString(), "--backend", "sunjce", "--row", "jmh-mode=thrpt", "--out", outLink.toString());
        assertEquals(2, run.status(), run.err());
        assertEquals(List.of(), List.of(dir.resolve("elsewhere").toFile().list()));
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void compareExitStatusesAreZeroOneTwoThree() throws IOException {
        Path f = Path.of(Fixtures.FORKED);
        assertEquals(0, Fixtures.cli("compare", f.toString(), f.toString()).status());
        // the committed copy with one row 10% slower, as the CI stage uses it
        Path slower = Path.of(Fixtures.FORKED_SLOWER);
        assertEquals(1, Fixtures.cli("compare", f.toString(), slower.toString()).status());

        // a malformed histogram is bad input (it used to be a NullPointerException, exit 1: "regression")
        ArrayNode hist = Fixtures.load();
        ObjectNode pm = (ObjectNode) hist.get(0).path("primaryMetric");
        pm.remove("rawData");
        pm.putArray("rawDataHistogram").addArray().addArray().add("x");
        Fixtures.Run run = Fixtures.cli("compare", f.toString(), Fixtures.write(dir, "hist.json", hist).toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("rawDataHistogram") && run.err().lines().count() == 1, run.err());

        // oversized: refused before it is read
        Path big = dir.resolve("big.json");
        try (RandomAccessFile r = new RandomAccessFile(big.toFile(), "rw")) {
            r.setLength(ResultsFolder.MAX_INPUT_BYTES + 1);
        }
        run = Fixtures.cli("compare", f.toString(), big.toString());
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("256 MiB"), run.err());

        // a failure that is not the input's fault: the report cannot be written (its folder is a file)
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        run = Fixtures.cli("compare", f.toString(), f.toString(), "--out", file.resolve("compare.md").toString());
        assertEquals(3, run.status(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}
