package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.results.ResultsFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results folders nobody checked (issue 10): every string of jmh.json and env.json that reaches gnuplot or
 * Markdown carries a shell command and Markdown markup; outputs are symbolic links; inputs are oversized, FIFOs or
 * truncated. Nothing may run, nothing outside the folder may change, and the report says what is wrong.
 */
class HostileFolderTest {
    /** A string that, if any shell or gnuplot expanded it, would create {@code marker}. */
    static String payload(Path marker) {
        return "x`touch " + marker + "`$(touch " + marker + ")'\"|a](http://evil.example/)<img src=x>\n# new\u001b[31m";
    }

    /** The fixture with a payload in every string field the report shows; returns the markers. */
    static List<Path> poison(Path dir, Path markers) throws IOException {
        List<Path> all = new ArrayList<>();
        ObjectNode env = Fixtures.env(dir);
        env.put("host", payload(marker(markers, "host", all)));
        ((ObjectNode) env.path("cpu")).put("model", payload(marker(markers, "cpu", all)));
        ((ObjectNode) env.path("cpu")).putArray("cryptoFlags").add(payload(marker(markers, "flag", all)));
        ((ObjectNode) env.path("os")).put("kernelRelease", payload(marker(markers, "kernel", all)));
        ObjectNode jvm = (ObjectNode) env.path("jvm");
        for (String f : new String[] {"java.vendor", "java.runtime.version", "java.vm.name"}) {
            jvm.put(f, payload(marker(markers, f, all)));
        }
        ((ObjectNode) jvm.path("aesFlags")).put(payload(marker(markers, "aesflag", all)), payload(marker(markers, "aesvalue", all)));
        ObjectNode run = (ObjectNode) env.path("run");
        run.put("command", payload(marker(markers, "command", all)));
        run.put("preset", payload(marker(markers, "preset", all)));
        run.put("startedUtc", payload(marker(markers, "started", all)));
        ArrayNode un = run.putArray("unavailableBackends");
        un.addObject().put("variant", payload(marker(markers, "variant", all))).put("reason", payload(marker(markers, "reason", all)));
        ArrayNode failed = run.putArray("failedTrials");
        failed.addObject().put("trial", payload(marker(markers, "trial", all))).put("message", payload(marker(markers, "message", all)));
        for (JsonNode b : env.path("backends")) {
            ((ObjectNode) b).put("version", payload(marker(markers, "version-" + b.path("name").asText(), all)));
        }
        Fixtures.JSON.writeValue(dir.resolve("env.json").toFile(), env);

        ArrayNode jmh = Fixtures.jmh(dir);
        String backend = payload(marker(markers, "backend", all));
        String mode = payload(marker(markers, "mode", all));
        String buffer = payload(marker(markers, "buffer", all));
        for (JsonNode b : jmh) {
            ObjectNode p = (ObjectNode) b.path("params");
            if (p.path("backend").asText().equals("conscrypt")) {
                p.put("backend", backend);
            }
            // the same on every trial: these go into the chart subtitle
            p.put("mode", mode);
            p.put("buffer", buffer);
        }
        Fixtures.writeJmh(dir, jmh);
        return all;
    }

    private static Path marker(Path markers, String name, List<Path> all) {
        Path m = markers.resolve("ran-" + name.replaceAll("[^A-Za-z0-9.-]", "_"));
        all.add(m);
        return m;
    }

    static Map<String, Long> snapshot(Path dir) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                m.put(dir.relativize(p) + (Files.isDirectory(p) ? "/" : ""), Files.isRegularFile(p) ? Files.size(p) ^ Files.getLastModifiedTime(p).toMillis() : 0);
            }
        }
        return m;
    }

    @Test
    void backquotesAndMarkupInEveryFieldRunNothingAndRenderAsText(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        List<Path> all = poison(dir, markers);
        Optional<Path> gnuplot = Gnuplot.find();
        if (gnuplot.isEmpty()) {
            System.out.println("SKIPPED the gnuplot half of this test: gnuplot is not on the PATH (apt-get install gnuplot-nox)");
        }
        StringWriter log = new StringWriter();
        Report.Outcome o = Report.generate(dir, "sunjce", new PrintWriter(log, true), gnuplot);
        for (Path m : all) {
            assertFalse(Files.exists(m), "a command from a results folder ran: " + m);
        }
        if (gnuplot.isPresent()) {
            // The payload makes one series title very long; gnuplot may say so, and must say nothing else.
            for (String m : o.gnuplotMessages()) {
                assertTrue(m.replace("Warning - difficulty fitting plot titles into key", "").replace("warning:", "")
                        .replaceAll("\"plots/render.gp\" line \\d+:", "").replaceAll("^[a-z-]+:", "").isBlank(), "gnuplot said: " + m);
            }
            assertEquals(List.of("throughput", "relative", "ns-per-chunk"), o.chartsDrawn());
        }
        String md = Files.readString(o.report());
        MarkdownSafety.assertInert(md, List.of("![Throughput (MB/s) by chunk size](throughput.png)",
                "![Throughput relative to sunjce](relative.png)", "![Time per chunk (ns)](ns-per-chunk.png)"));
        assertTrue(md.contains("x\\`touch "), "the host shows as text: " + md.lines().findFirst().orElse(""));
        // series.gp is gnuplot code: every string in it is single-quoted, the form gnuplot never expands
        for (String line : Files.readAllLines(dir.resolve("data/series.gp"))) {
            assertFalse(outsideSingleQuotes(line).contains("\"") || outsideSingleQuotes(line).contains("`"),
                    "a double-quoted string or a backquote in series.gp: " + line);
        }
        // data files: one title line per series, nothing a newline could add
        assertEquals(6, FolderCheck.blocks(Files.readString(dir.resolve("data/throughput.dat"))));
        List<String> tsv = Files.readAllLines(dir.resolve("data/summary.tsv"));
        int columns = tsv.get(0).split("\t", -1).length;
        for (String row : tsv) {
            assertEquals(columns, row.split("\t", -1).length, row);
        }
        assertEquals(1 + Fixtures.jmh(dir).size(), tsv.size());
        assertEquals(List.of(), gnuplot.isPresent() ? FolderCheck.check(dir) : List.of());
    }

    /** A line of gnuplot code without its single-quoted strings ('' inside one is a quote). */
    static String outsideSingleQuotes(String line) {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                if (in && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    in = !in;
                }
            } else if (!in) {
                sb.append(c);
            }
        }
        assertFalse(in, "unterminated string: " + line);
        return sb.toString();
    }

    @Test
    void outputsThatAreSymbolicLinksAreRefusedAndTheirTargetsKept(@TempDir Path tmp) throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "precious");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        String[][] cases = {{"REPORT.md", "file"}, {"data", "dir"}, {"plots", "dir"}, {"data/series.gp", "file"},
            {"plots/common.gp", "file"}, {"throughput.png", "file"}, {"ns-per-chunk.svg", "file"}};
        for (String[] c : cases) {
            boolean chart = c[0].endsWith(".png") || c[0].endsWith(".svg");
            if (chart && Gnuplot.find().isEmpty()) {
                System.out.println("SKIPPED " + c[0] + " as a link: gnuplot is not on the PATH, so no chart is written");
                continue;
            }
            Path dir = Files.createDirectories(tmp.resolve("case-" + c[0].replace('/', '-')));
            Files.copy(Fixtures.smokeFolder(tmp.resolve("src-" + c[0].replace('/', '-'))).resolve("jmh.json"), dir.resolve("jmh.json"));
            Path link = dir.resolve(c[0]);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, c[1].equals("dir") ? outside : victim);
            Map<String, Long> before = snapshot(outside);
            IOException e = assertThrows(IOException.class,
                    () -> Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()), chart ? Gnuplot.find() : Optional.empty()),
                    c[0] + " as a link must be refused");
            assertTrue(e.getMessage().contains("symbolic link") && e.getMessage().contains(c[0].substring(c[0].lastIndexOf('/') + 1)),
                    e.getMessage());
            assertEquals("precious", Files.readString(victim), c[0]);
            assertEquals(before, snapshot(outside), "nothing outside the folder changes: " + c[0]);
            assertTrue(Files.isSymbolicLink(link), "the link itself is left as it was");
        }
    }

    @Test
    void theCheckFlagsLinksOutOfTheFolder(@TempDir Path tmp) throws Exception {
        assumeTrue(Gnuplot.find().isPresent(), "gnuplot is not on the PATH (apt-get install gnuplot-nox): no complete folder to start from");
        Path dir = Fixtures.smokeFolder(tmp);
        Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()));
        assertEquals(List.of(), FolderCheck.check(dir));
        Files.copy(dir.resolve("throughput.png"), tmp.resolve("outside.png"));
        Files.copy(dir.resolve("throughput.svg"), tmp.resolve("outside.svg"));
        Path md = dir.resolve("REPORT.md");
        String text = Files.readString(md);
        Files.writeString(md, text.replace("](throughput.png)", "](../outside.png)") + "\n[more](/etc/passwd) [x](javascript:alert(1))\n");
        List<String> problems = FolderCheck.check(dir);
        assertTrue(problems.stream().anyMatch(p -> p.contains("../outside.png")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("/etc/passwd")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("javascript:")), problems.toString());

        Files.writeString(md, text);
        Path svg = dir.resolve("relative.svg");
        Files.move(svg, tmp.resolve("relative.svg"));
        Files.createSymbolicLink(svg, tmp.resolve("relative.svg"));
        problems = FolderCheck.check(dir);
        assertTrue(problems.stream().anyMatch(p -> p.contains("relative.svg")), problems.toString());
    }

    @Test
    void oversizedFifoAndTruncatedInputsAreRefusedWithoutReadingThem(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        Path jmh = dir.resolve("jmh.json");
        byte[] good = Files.readAllBytes(jmh);
        // sparse: 257 MiB that take no disk and must not be read
        Files.delete(jmh);
        try (RandomAccessFile f = new RandomAccessFile(jmh.toFile(), "rw")) {
            f.write('[');
            f.setLength(ResultsFolder.MAX_INPUT_BYTES + (1 << 20));
        }
        IOException big = assertThrows(IOException.class, () -> ReportTest.generate(dir));
        assertTrue(big.getMessage().contains("257 MiB") && big.getMessage().contains("256 MiB"), big.getMessage());
        assertTrue(FolderCheck.check(dir).stream().anyMatch(p -> p.contains("256 MiB")), FolderCheck.check(dir).toString());

        Files.write(jmh, good);
        Path env = dir.resolve("env.json");
        Files.delete(env);
        Process mk = new ProcessBuilder("mkfifo", env.toString()).inheritIO().start();
        assumeTrue(mk.waitFor() == 0, "mkfifo failed; no FIFO to test with");
        // A FIFO nobody writes to would block a reader forever.
        IOException fifo = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(IOException.class, () -> ReportTest.generate(dir)));
        assertTrue(fifo.getMessage().contains("not a regular file"), fifo.getMessage());
        Files.delete(env);

        ArrayNode bad = (ArrayNode) Fixtures.JSON.readTree(good);
        ((ObjectNode) bad.get(0).path("params")).put("chunkSize", "64`touch " + tmp.resolve("ran") + "`");
        Fixtures.writeJmh(dir, bad);
        IOException nan = assertThrows(IOException.class, () -> ReportTest.generate(dir));
        assertTrue(nan.getMessage().contains("is not a number"), nan.getMessage());
        assertFalse(Files.exists(tmp.resolve("ran")));

        Files.write(jmh, java.util.Arrays.copyOf(good, good.length / 2));
        IOException cut = assertThrows(IOException.class, () -> ReportTest.generate(dir));
        assertTrue(cut.getMessage().contains("not valid JSON"), cut.getMessage());
    }

    /** Issue 17, item 7: a name that looks like another cannot pass for it in the report or on a chart. */
    @Test
    void invisibleAndBidiCharactersInNamesShowEscapedInTheReportAndTheChartData(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        for (JsonNode b : jmh) {
            ObjectNode p = (ObjectNode) b.path("params");
            if (p.path("backend").asText().equals("conscrypt")) {
                p.put("backend", "sun\u200bjce");
            } else if (p.path("backend").asText().equals("bc")) {
                p.put("backend", "bc\u202e\u2066x\u00ad\ufeff");
            }
        }
        Fixtures.writeJmh(dir, jmh);
        ReportTest.generate(dir);
        for (String f : new String[] {"REPORT.md", "data/throughput.dat", "data/relative.dat", "data/ns-per-chunk.dat",
            "data/summary.tsv"}) {
            String text = Files.readString(dir.resolve(f));
            assertFalse(text.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT), f + " has an invisible character");
            // gnuplot's data reader takes a backslash in a quoted title as an escape, so .dat files double it
            String bs = f.endsWith(".dat") ? "\\\\" : "\\";
            assertTrue(text.contains("sun" + bs + "u200bjce"), f + " does not show sun\\u200bjce:\n" + text);
            assertTrue(text.contains("bc" + bs + "u202e" + bs + "u2066x" + bs + "u00ad" + bs + "ufeff"),
                    f + " does not show the bidi controls:\n" + text);
        }
        assertEquals(List.of(), FolderCheck.check(dir));
    }
}
