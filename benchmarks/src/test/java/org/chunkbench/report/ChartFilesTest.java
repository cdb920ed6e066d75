package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gnuplot opens its output with O_TRUNC: a chart that is a hard link to a file elsewhere (planted in a shared results
 * folder, or in history's --out) would be overwritten there. Charts are drawn into a new file and renamed over the
 * name, which replaces the link and leaves the other file as it was.
 */
class ChartFilesTest {
    @Test
    void reportChartsReplaceHardLinksInsteadOfWritingThroughThem(@TempDir Path tmp) throws Exception {
        assumeTrue(Gnuplot.find().isPresent(), "gnuplot is not on the PATH (apt-get install gnuplot-nox): no chart is drawn");
        Path dir = Fixtures.smokeFolder(tmp);
        Report.Outcome first = Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()));
        assertFalse(first.chartsDrawn().isEmpty(), first.gnuplotMessages().toString());
        List<Path> victims = plantHardLinks(dir, tmp.resolve("elsewhere"), first.chartsDrawn());
        Report.Outcome again = Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()));
        assertEquals(first.chartsDrawn(), again.chartsDrawn(), again.gnuplotMessages().toString());
        assertUntouchedAndReplaced(dir, victims);
    }

    @Test
    void historyChartsReplaceHardLinksInsteadOfWritingThroughThem(@TempDir Path tmp) throws Exception {
        assumeTrue(Gnuplot.find().isPresent(), "gnuplot is not on the PATH (apt-get install gnuplot-nox): no chart is drawn");
        Path run = Files.createDirectories(tmp.resolve("2026-11-24T0100Z-host"));
        Files.copy(org.chunkbench.compare.Fixtures.fixture(), run.resolve("jmh.json"));
        Path out = tmp.resolve("history");
        String[] args = {"history", run.toString(), "--backend", "bc-lightweight", "--row", "jmh-mode=thrpt", "--out",
            out.toString(), "--plots", Path.of("..", "plots").toString()};
        assertEquals(0, org.chunkbench.compare.Fixtures.cli(args).status());
        List<Path> victims = plantHardLinks(out, tmp.resolve("elsewhere"), List.of("history"));
        org.chunkbench.compare.Fixtures.Run r = org.chunkbench.compare.Fixtures.cli(args);
        assertEquals(0, r.status(), r.err() + r.out());
        assertUntouchedAndReplaced(out, victims);
    }

    /** Each chart's .png and .svg becomes a hard link to a file outside {@code dir}; returns those files. */
    private static List<Path> plantHardLinks(Path dir, Path elsewhere, List<String> charts) throws IOException {
        Files.createDirectories(elsewhere);
        List<Path> victims = new ArrayList<>();
        for (String chart : charts) {
            for (String ext : new String[] {".png", ".svg"}) {
                Path victim = Files.writeString(elsewhere.resolve(chart + ext), "precious " + chart + ext);
                Files.delete(dir.resolve(chart + ext));
                Files.createLink(dir.resolve(chart + ext), victim);
                victims.add(victim);
            }
        }
        return victims;
    }

    private static void assertUntouchedAndReplaced(Path dir, List<Path> victims) throws IOException {
        for (Path victim : victims) {
            String name = victim.getFileName().toString();
            assertEquals("precious " + name, new String(Files.readAllBytes(victim), StandardCharsets.ISO_8859_1),
                    name + " outside the folder was written through");
            Path chart = dir.resolve(name);
            assertEquals(1, (Integer) Files.getAttribute(chart, "unix:nlink"), name + " is still a link to the other file");
            byte[] head = Files.readAllBytes(chart);
            String start = new String(head, 0, Math.min(8, head.length), StandardCharsets.ISO_8859_1);
            assertTrue(name.endsWith(".png") ? start.startsWith("\u0089PNG") : start.startsWith("<?xml") || start.startsWith("<svg"),
                    name + " is not a fresh chart: " + start);
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
            assertEquals(List.of(), left, "no temporary file or folder is left behind");
        }
    }
}
