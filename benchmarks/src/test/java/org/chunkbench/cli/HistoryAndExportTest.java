package org.chunkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.chunkbench.compare.Fixtures;
import org.chunkbench.results.Json;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class HistoryAndExportTest {
    @TempDir
    Path dir;

    private Path[] threeRuns() throws IOException {
        ArrayNode base = Fixtures.load();
        Path r1 = Files.createDirectories(dir.resolve("2026-11-24T0100Z-host"));
        Path r2 = Files.createDirectories(dir.resolve("2026-11-25T0100Z-host"));
        Path r3 = Files.createDirectories(dir.resolve("2026-11-26T0100Z-host"));
        Fixtures.write(r1, "jmh.json", base);
        Fixtures.write(r2, "jmh.json", Fixtures.noisyCopy(base, 11));
        ArrayNode third = Fixtures.scaled(Fixtures.noisyCopy(base, 12), r -> true, 0.8);
        third.remove(3); // bc-lightweight 4096 thrpt is missing from the last run
        third.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode) r).put("jdkVersion", "21.0.5"));
        Fixtures.write(r3, "jmh.json", third);
        return new Path[] {r1, r2, r3};
    }

    @Test
    void historyWritesOneBlockPerRowWithGapsAndDrawsTheChart() throws IOException {
        Path[] runs = threeRuns();
        Path out = dir.resolve("history");
        Fixtures.Run run = Fixtures.cli("history", runs[0].toString(), runs[1].toString(), runs[2].toString(),
                "--backend", "bc-lightweight", "--row", "jmh-mode=thrpt", "--out", out.toString(), "--plots", plotsDir().toString());
        assertEquals(0, run.status(), run.err() + run.out());
        String data = Files.readString(out.resolve("history.dat"));
        String[] blocks = data.split("\n\n\n");
        assertEquals(2, blocks.length, data);
        assertTrue(blocks[0].contains("\"chunkSize=64\"\n0 \"2026-11-24T0100Z-host (JDK 17.0.15)\" 1.67245e+06 116728\n"), data);
        assertTrue(blocks[1].startsWith("\"chunkSize=4096\"\n"), data);
        assertTrue(blocks[0].contains("\n1 \"2026-11-25T0100Z-host\" "), "an unchanged JDK is not repeated: " + data);
        assertTrue(blocks[0].contains("\n2 \"2026-11-26T0100Z-host (JDK 21.0.5)\" "), "a new JDK is named: " + data);
        assertTrue(blocks[1].endsWith("\n\n") || blocks[1].endsWith("\n"), data);
        assertEquals(2, blocks[1].lines().filter(l -> l.matches("\\d .*")).count(), "the run without the row is a gap: " + data);
        if (run.out().contains("gnuplot is not installed")) {
            Assumptions.abort("gnuplot is not installed here; the chart itself was not checked: " + run.out());
        }
        assertTrue(Files.size(out.resolve("history.png")) > 5000, run.out());
        assertTrue(Files.readString(out.resolve("history.svg")).contains("chunkSize=4096"));
        assertTrue(!run.out().contains("gnuplot:"), "gnuplot printed warnings: " + run.out());
    }

    /**
     * 16 runs of the fixture, each re-run with noise, the bc-lightweight 4096-byte thrpt row (2-4% scatter within a
     * fork) scaled by {@code factor} from run 10 on.
     */
    private Path[] sixteenRunsSteppedAtTen(double factor) throws IOException {
        ArrayNode base = Fixtures.load();
        Path[] runs = new Path[16];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = Files.createDirectories(dir.resolve(String.format("run-%02d", i)));
            ArrayNode run = Fixtures.noisyCopy(base, 100 + i);
            Fixtures.write(runs[i], "jmh.json", i < 10 ? run : Fixtures.scaled(run, Fixtures.row("encrypt", "bc-lightweight", "4096"), factor));
        }
        return runs;
    }

    private static String[] historyArgs(Path[] runs, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("history"));
        for (Path r : runs) {
            args.add(r.toString());
        }
        args.addAll(List.of("--backend", "bc-lightweight", "--chunk", "4096", "--row", "jmh-mode=thrpt", "--out", out.toString(),
                "--plots", plotsDir().toString()));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    @Test
    void historyNamesTheRunWhereARowSteppedAndCheckFailsWhenItGotWorse() throws IOException {
        Path[] runs = sixteenRunsSteppedAtTen(0.9);
        Files.writeString(runs[10].resolve("env.json"),
                "{\"git\": {\"commit\": \"0123456789abcdef0123\"}, \"run\": {\"startedUtc\": \"2026-12-01T10:00:00Z\"}}");
        Path out = dir.resolve("h");
        Fixtures.Run plain = Fixtures.cli(historyArgs(runs, out));
        assertEquals(0, plain.status(), "without --check a step is reported, not a failure: " + plain.err() + plain.out());
        assertTrue(plain.out().matches("(?s).*-\\d+\\.\\d% \\(worse\\) from run 10, run-10 \\(started 2026-12-01T10:00:00Z, "
                + "commit 0123456789ab\\), p 0\\.00\\d\\d.*"), plain.out());
        Fixtures.Run check = Fixtures.cli(historyArgs(runs, out, "--check"));
        assertEquals(1, check.status(), check.err() + check.out());
        assertTrue(check.out().contains("check: the newest level of a row is worse"), check.out());
        String[] blocks = Files.readString(out.resolve("history.dat")).split("\n\n\n");
        assertEquals(2, blocks.length, "one row, then its change points");
        assertTrue(blocks[1].matches("10 \\S+ \"step -\\d+\\.\\d%\"\\n"), blocks[1]);
        if (check.out().contains("gnuplot is not installed")) {
            Assumptions.abort("gnuplot is not installed here; the chart itself was not checked: " + check.out());
        }
        assertTrue(Files.readString(out.resolve("history.svg")).contains("step -"), "the chart marks the step");
        assertTrue(!check.out().contains("gnuplot:"), "gnuplot printed warnings: " + check.out());
    }

    @Test
    void checkPassesWhenTheNewestRegimeIsBetterOrThereIsNoStep() throws IOException {
        Path out = dir.resolve("h");
        Fixtures.Run faster = Fixtures.cli(historyArgs(sixteenRunsSteppedAtTen(1.1), out, "--check"));
        assertEquals(0, faster.status(), faster.err() + faster.out());
        assertTrue(faster.out().contains("(better) from run 10, run-10"), faster.out());
        Fixtures.Run flat = Fixtures.cli(historyArgs(sixteenRunsSteppedAtTen(1.0), dir.resolve("flat"), "--check"));
        assertEquals(0, flat.status(), flat.err() + flat.out());
        assertTrue(flat.out().contains("chunkSize=4096: none"), flat.out());
        assertTrue(!flat.out().contains("from run"), flat.out());
    }

    @Test
    void checkExitsTwoOnBadInputAndThreeOnAFailure() throws IOException {
        Path[] runs = sixteenRunsSteppedAtTen(1.0);
        Fixtures.Run missing = Fixtures.cli("history", dir.resolve("no-such-run").toString(), "--check",
                "--out", dir.resolve("x").toString());
        assertEquals(2, missing.status(), missing.err());
        Path broken = Files.createDirectories(dir.resolve("broken-plots"));
        Files.writeString(broken.resolve("history.gp"), "this is not gnuplot\n");
        List<String> args = new java.util.ArrayList<>(List.of(historyArgs(runs, dir.resolve("y"), "--check")));
        args.set(args.indexOf("--plots") + 1, broken.toString());
        Fixtures.Run failed = Fixtures.cli(args.toArray(new String[0]));
        if (failed.out().contains("gnuplot is not installed")) {
            Assumptions.abort("gnuplot is not installed here, so it cannot fail: " + failed.out());
        }
        assertEquals(3, failed.status(), failed.err() + failed.out());
        assertTrue(failed.err().contains("gnuplot failed"), failed.err());
    }

    @Test
    void historyWithoutGnuplotWritesTheDataAndSaysHowToRender() throws IOException {
        Path[] runs = threeRuns();
        HistoryCommand cmd = new HistoryCommand();
        cmd.gnuplot = "gnuplot-not-installed-" + ProcessHandle.current().pid();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        int status = cl.execute(runs[0].toString(), runs[1].toString(), "--backend", "sunjce", "--chunk", "64",
                "--row", "jmh-mode=avgt", "--out", dir.resolve("h").toString(), "--plots", plotsDir().toString());
        assertEquals(0, status, out.toString());
        assertTrue(Files.exists(dir.resolve("h/history.dat")));
        assertTrue(out.toString().contains("apt-get install gnuplot-nox"), out.toString());
        assertTrue(out.toString().contains(" -c " + plotsDir().resolve("history.gp")), out.toString());
    }

    @Test
    void historyRefusesMixedUnitsAndEmptySelections() throws IOException {
        Path[] runs = threeRuns();
        Fixtures.Run mixed = Fixtures.cli("history", runs[0].toString(), "--backend", "sunjce", "--chunk", "64",
                "--out", dir.resolve("x").toString(), "--plots", plotsDir().toString());
        assertEquals(2, mixed.status());
        assertTrue(mixed.err().contains("different units"), mixed.err());
        Fixtures.Run none = Fixtures.cli("history", runs[0].toString(), "--backend", "nosuch",
                "--out", dir.resolve("x").toString(), "--plots", plotsDir().toString());
        assertEquals(2, none.status());
        assertTrue(none.err().contains("no row matches") && none.err().contains("backend=[sunjce, bc-lightweight]"), none.err());
    }

    @Test
    void exportKeepsParamsInNamesAndOneDirectionPerFile() throws IOException {
        Fixtures.Run mixed = Fixtures.cli("export", "--format", "github-action-benchmark", Fixtures.fixture().toString());
        assertEquals(2, mixed.status());
        assertTrue(mixed.err().contains("4 higher-is-better and 4 lower-is-better"), mixed.err());

        Fixtures.Run bigger = Fixtures.cli("export", "--format", "github-action-benchmark", "--only", "bigger",
                Fixtures.fixture().toString());
        assertEquals(0, bigger.status(), bigger.err());
        JsonNode arr = Json.MAPPER.readTree(bigger.out());
        assertEquals(4, arr.size());
        JsonNode first = arr.get(0);
        assertEquals("ChunkFixtureBenchmark.encrypt (thrpt) backend=sunjce chunkSize=64", first.get("name").asText());
        assertEquals("ops/s", first.get("unit").asText());
        assertEquals(1.905408013381418E7, first.get("value").asDouble(), 1e-3);
        assertEquals("\u00b1 7450000", first.get("range").asText(), first.toString());

        Path out = dir.resolve("smaller.json");
        Fixtures.Run smaller = Fixtures.cli("export", "--format", "github-action-benchmark", "--only", "smaller",
                "--out", out.toString(), Fixtures.fixture().toString());
        assertTrue(smaller.out().contains("tool: customSmallerIsBetter"), smaller.out());
        JsonNode s = Json.MAPPER.readTree(out.toFile());
        assertEquals(4, s.size());
        for (JsonNode e : s) {
            assertEquals("ns/op", e.get("unit").asText());
        }
        List<String> names = new java.util.ArrayList<>();
        s.forEach(e -> names.add(e.get("name").asText()));
        assertEquals(names.size(), names.stream().distinct().count(), "names must be unique: " + names);
    }

    @Test
    void exportRefusesUnknownFormats() {
        Fixtures.Run run = Fixtures.cli("export", "--format", "csv", Fixtures.fixture().toString());
        assertEquals(Main.EXIT_USAGE, run.status());
        assertTrue(run.err().contains("--format csv is unknown"), run.err());
    }

    /**
     * --out of export (and compare, history: the same writer) with a name that fits the file system in UTF-8 but not
     * with the temporary file's dot and suffix: written; and a failure names the --out given, not the temporary file.
     */
    @Test
    void exportOutNearTheNameLimitIsWrittenAndAFailureNamesIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("\u00e9".repeat(125)); // 250 bytes
        Fixtures.Run run = Fixtures.cli("export", "--format", "github-action-benchmark", "--only", "bigger",
                Fixtures.fixture().toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.size(out) > 0);
        assertEquals(List.of(out), Files.list(tmp).toList());
        Path tooLong = tmp.resolve("x".repeat(256));
        run = Fixtures.cli("export", "--format", "github-action-benchmark", "--only", "bigger",
                Fixtures.fixture().toString(), "--out", tooLong.toString());
        assertEquals(Main.EXIT_FAILURE, run.status(), run.err());
        assertEquals("chunkbench: " + tooLong + ": File name too long", run.err().strip());
    }

    /** plots/ at the project root; tests run from benchmarks/. */
    static Path plotsDir() {
        Path p = Path.of("..", "plots").toAbsolutePath().normalize();
        return Files.isDirectory(p) ? p : Path.of("plots").toAbsolutePath();
    }
}
