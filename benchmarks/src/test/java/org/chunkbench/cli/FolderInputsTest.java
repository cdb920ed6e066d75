package org.chunkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.compare.Fixtures;
import org.chunkbench.report.Gnuplot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, reading: what a results folder, an input file or the working directory holds is data. Only the
 * packaged chart scripts run; a link that leaves a folder is not followed without --follow-links; no message
 * quotes a file's content; JSON beyond the parser's limits and the same run given twice are bad input.
 */
class FolderInputsTest {
    /** Text that must never appear in any output: it stands for a key or token in a file a link points to. */
    static final String SECRET = "tok3nSECRETvalue";

    @TempDir
    Path tmp;

    private Path folder(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(Fixtures.fixture(), dir.resolve("jmh.json"));
        return dir;
    }

    private static final String HISTORY_ROW = "--backend sunjce --chunk 64 --row jmh-mode=thrpt";

    @Test
    void historyRunsNeitherTheWorkingDirectorysNorTheFoldersScript() throws Exception {
        Path run = folder("r");
        String planted = "system('touch " + tmp.resolve("PWNED") + "')\n";
        Files.createDirectories(tmp.resolve("plots"));
        Files.writeString(tmp.resolve("plots/history.gp"), planted);
        Files.createDirectories(run.resolve("plots"));
        Files.writeString(run.resolve("plots/history.gp"), planted);
        for (String cwd : new String[] {".", "r"}) {
            Path dir = tmp.resolve(cwd);
            CliProcess.Result r = CliProcess.bash(dir, "chunkbench history " + (cwd.equals(".") ? "r" : ".") + " " + HISTORY_ROW
                    + " --out h > out.txt");
            String out = Files.readString(dir.resolve("out.txt"));
            assertFalse(Files.exists(tmp.resolve("PWNED")), "ran plots/history.gp from " + cwd + ": " + out + r.err());
            assertEquals(0, r.status(), r.err() + out);
            if (Gnuplot.find().isPresent()) {
                assertTrue(Files.size(dir.resolve("h/history.png")) > 1000 && Files.size(dir.resolve("h/history.svg")) > 1000, out);
            }
        }
    }

    @Test
    void aGnuplotInTheWorkingDirectoryIsNotRun() throws Exception {
        folder("r");
        Path fake = tmp.resolve("gnuplot");
        Files.writeString(fake, "#!/bin/sh\ntouch " + tmp.resolve("PWNED") + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliProcess.Result r = CliProcess.bash(tmp, "PATH=.:/usr/local/bin:/usr/bin:/bin chunkbench history r " + HISTORY_ROW + " --out h");
        assertFalse(Files.exists(tmp.resolve("PWNED")), "ran ./gnuplot through a relative PATH entry: " + r.err());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void historyClaimsOnlyChartsThatExist() throws IOException {
        assumeTrue(Gnuplot.find().isPresent(), "gnuplot is not on the PATH: no script to run");
        Path run = folder("r");
        Path plots = Files.createDirectories(tmp.resolve("myplots"));
        Files.writeString(plots.resolve("history.gp"), "# draws nothing\n");
        // charts of an earlier history in the same folder must not pass for this one's
        assertEquals(0, Fixtures.cli("history", run.toString(), "--backend", "sunjce", "--chunk", "64", "--row", "jmh-mode=thrpt",
                "--out", tmp.resolve("h").toString()).status());
        assertTrue(Files.exists(tmp.resolve("h/history.svg")));
        Fixtures.Run r = Fixtures.cli("history", run.toString(), "--backend", "sunjce", "--chunk", "64", "--row", "jmh-mode=thrpt",
                "--out", tmp.resolve("h").toString(), "--plots", plots.toString());
        assertFalse(r.out().contains("history.svg") && r.out().contains("wrote " + tmp.resolve("h/history.svg")), r.out());
        assertEquals(Main.EXIT_FAILURE, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("history.svg") && r.err().contains(plots.resolve("history.gp").toString()), r.err());
    }

    @Test
    void reportRunsItsPackagedScriptsOverPlantedOnes() throws Exception {
        assumeTrue(Gnuplot.find().isPresent(), "gnuplot is not on the PATH: no script runs at all");
        Path dir = org.chunkbench.report.Fixtures.smokeFolder(tmp);
        Files.createDirectories(dir.resolve("plots"));
        Files.createDirectories(dir.resolve("data"));
        String planted = "system('touch " + tmp.resolve("PWNED") + "')\n";
        for (String f : new String[] {"plots/common.gp", "plots/render.gp", "plots/throughput.gp", "plots/relative.gp",
            "plots/ns-per-chunk.gp", "plots/scaling.gp", "plots/decomposition.gp", "plots/history.gp", "data/series.gp"}) {
            Files.writeString(dir.resolve(f), planted);
        }
        CliProcess.Result r = CliProcess.bash(dir, "chunkbench report .");
        assertFalse(Files.exists(tmp.resolve("PWNED")), "report ran a script of the folder: " + r.err());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void theCheckReadsNoDataFileThroughALink() throws Exception {
        Path dir = org.chunkbench.report.Fixtures.smokeFolder(tmp);
        assertEquals(0, Fixtures.cli("report", dir.toString()).status());
        Path outside = Files.writeString(tmp.resolve("outside.tsv"), "header\n" + SECRET + "\n");
        for (String f : new String[] {"data/summary.tsv", "data/throughput.dat"}) {
            Files.delete(dir.resolve(f));
            Files.createSymbolicLink(dir.resolve(f), outside);
        }
        Fixtures.Run check = Fixtures.cli("report", "--check", dir.toString());
        assertEquals(Main.EXIT_FAILURE, check.status(), check.err());
        assertTrue(check.err().contains("data/summary.tsv is a symbolic link"), check.err());
        assertFalse(check.err().contains(" rows, ") || check.err().contains("series blocks"),
                "the check read the files the links point to: " + check.err());
    }

    /** A folder whose {@code name} links to {@code target} outside it. */
    private Path linked(String folder, String name, Path target) throws IOException {
        Path dir = folder(folder);
        Files.deleteIfExists(dir.resolve(name));
        Files.createSymbolicLink(dir.resolve(name), dir.relativize(target));
        return dir;
    }

    @Test
    void anEnvJsonLinkingOutOfTheFolderIsNotFollowedUnlessAsked() throws IOException {
        Path base = folder("base");
        Files.writeString(base.resolve("env.json"), "{\"cpu\": {\"model\": \"Some CPU\"}}");
        Path secret = Files.writeString(tmp.resolve("credentials.json"), "{\"cpu\": {\"model\": \"" + SECRET + "\"}}");
        Path head = linked("head", "env.json", secret);
        Path md = tmp.resolve("compare.md");
        Fixtures.Run r = Fixtures.cli("compare", base.toString(), head.toString(), "--out", md.toString());
        assertFalse(Files.exists(md) && Files.readString(md).contains(SECRET), "compare.md shows the linked file's content");
        assertEquals(2, r.status(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(head.resolve("env.json").toString()) && r.err().contains("--follow-links"), r.err());
        assertFalse(r.err().contains(SECRET), r.err());

        Fixtures.Run follow = Fixtures.cli("compare", base.toString(), head.toString(), "--out", md.toString(), "--follow-links");
        assertEquals(0, follow.status(), follow.err());
        assertTrue(Files.readString(md).contains(SECRET), "--follow-links reads the linked env.json");
    }

    @Test
    void aJmhJsonLinkingOutOfTheFolderIsNotReadByAnyCommand() throws IOException {
        Path key = Files.writeString(tmp.resolve("key.hex"), SECRET + "\n");
        Path k = linked("k", "jmh.json", key);
        String jmh = k.resolve("jmh.json").toString();
        List<List<String>> commands = List.of(
                List.of("report", k.toString()),
                List.of("report", "--check", k.toString()),
                List.of("compare", k.toString(), Fixtures.fixture().toString()),
                List.of("history", k.toString(), "--backend", "sunjce", "--out", tmp.resolve("h").toString()),
                List.of("export", k.toString(), "--format", "github-action-benchmark"));
        int[] statuses = {1, 1, 2, 2, 2};
        for (int i = 0; i < commands.size(); i++) {
            Fixtures.Run r = Fixtures.cli(commands.get(i).toArray(String[]::new));
            String all = r.out() + r.err();
            assertFalse(all.contains(SECRET), commands.get(i) + " printed the linked file: " + all);
            assertEquals(statuses[i], r.status(), commands.get(i) + ": " + all);
            assertTrue(all.contains(jmh) && all.contains("--follow-links"), commands.get(i) + ": " + all);
        }
        // with the opt-in the link is read; the key is no JSON, and the message still quotes none of it
        Fixtures.Run r = Fixtures.cli("export", k.toString(), "--format", "github-action-benchmark", "--follow-links");
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(jmh + " is not valid JSON") && r.err().contains("line 1, column "), r.err());
        assertFalse(r.err().contains(SECRET), r.err());
    }

    @Test
    void aLinkThatStaysInsideTheFolderIsRead() throws IOException {
        Path dir = folder("r");
        Files.createDirectories(dir.resolve("runs"));
        Files.move(dir.resolve("jmh.json"), dir.resolve("runs/first.json"));
        Files.createSymbolicLink(dir.resolve("jmh.json"), Path.of("runs/first.json"));
        Fixtures.Run r = Fixtures.cli("export", dir.toString(), "--format", "github-action-benchmark", "--only", "bigger");
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void aJsonSyntaxErrorGivesFileLineAndColumnOnly() throws IOException {
        Path dir = folder("r");
        Files.writeString(dir.resolve("jmh.json"), "[{\"benchmark\": " + SECRET + "}]");
        Fixtures.Run notJson = Fixtures.cli("compare", dir.toString(), Fixtures.fixture().toString());
        assertEquals(2, notJson.status(), notJson.err());
        assertEquals("chunkbench: " + dir.resolve("jmh.json") + " is not valid JSON (truncated or corrupt?) at line 1, column 16",
                notJson.err().strip());
    }

    @Test
    void aMalformedHistogramEntryIsNamedByPositionNotQuoted() throws IOException {
        Path dir = folder("r");
        ArrayNode run = Fixtures.load();
        ObjectNode pm = (ObjectNode) run.get(0).get("primaryMetric");
        pm.remove("rawData");
        pm.putArray("rawDataHistogram").addArray().addArray().addArray().add(SECRET).add(1);
        Fixtures.write(dir, "jmh.json", run);
        Fixtures.Run histogram = Fixtures.cli("export", dir.toString(), "--format", "github-action-benchmark");
        assertEquals(2, histogram.status(), histogram.err());
        assertTrue(histogram.err().contains("rawDataHistogram"), histogram.err());
        assertFalse(histogram.err().contains(SECRET), histogram.err());

    }

    @Test
    void envJsonOfTheWrongTypesAndABadOpensslSpeedRowAreNamedNotQuoted() throws IOException {
        Path smoke = org.chunkbench.report.Fixtures.smokeFolder(tmp);
        Files.writeString(smoke.resolve("env.json"), "{\"cpu\": {\"availableProcessors\": \"" + SECRET + "\"}}");
        Files.writeString(smoke.resolve("openssl-speed.tsv"), "keyBits\tbytes\tnsPerOp\tops\tseconds\n128\t" + SECRET + "\t1\t1\t1\n");
        Fixtures.Run report = Fixtures.cli("report", smoke.toString());
        assertEquals(1, report.status(), report.err());
        assertTrue(report.err().contains("env.json") && report.err().contains("cpu.availableProcessors"), report.err());
        assertFalse((report.out() + report.err()).contains(SECRET), report.out() + report.err());
        Fixtures.Run check = Fixtures.cli("report", "--check", smoke.toString());
        assertTrue(check.err().contains("openssl-speed.tsv line 2"), check.err());
        assertFalse((check.out() + check.err()).contains(SECRET), check.out() + check.err());
    }

    @Test
    void jsonBeyondTheParsersLimitsIsBadInputInOneLine() throws IOException {
        Path deep = Files.writeString(tmp.resolve("deep.json"), "[".repeat(1001) + "]".repeat(1001));
        Path number = Files.writeString(tmp.resolve("number.json"), "[" + "1".repeat(1001) + "]");
        for (Path file : new Path[] {deep, number}) {
            String limit = file == deep ? "nesting depth" : "Number value length";
            for (List<String> command : List.of(
                    List.of("compare", file.toString(), Fixtures.fixture().toString()),
                    List.of("history", file.toString(), "--out", tmp.resolve("h").toString()),
                    List.of("export", file.toString(), "--format", "github-action-benchmark"))) {
                Fixtures.Run r = Fixtures.cli(command.toArray(String[]::new));
                assertEquals(2, r.status(), command + ": " + r.err());
                assertEquals(1, r.err().lines().count(), r.err());
                assertTrue(r.err().startsWith("chunkbench: " + file + " is beyond a limit of the JSON parser: ") && r.err().contains(limit)
                        && r.err().contains("1000"), command + ": " + r.err());
            }
            Path dir = Files.createDirectories(tmp.resolve("folder-" + file.getFileName()));
            Files.copy(file, dir.resolve("jmh.json"));
            Fixtures.Run report = Fixtures.cli("report", dir.toString());
            // report's documented status for a jmh.json it cannot use
            assertEquals(1, report.status(), report.err());
            assertTrue(report.err().contains(dir.resolve("jmh.json") + " is beyond a limit of the JSON parser: "), report.err());
        }
        // compare reads a broken env.json as a note, as it always has: now one that names the limit, not a crash (was exit 3)
        Path env = Files.createDirectories(tmp.resolve("deep-env"));
        Files.copy(Fixtures.fixture(), env.resolve("jmh.json"));
        Files.copy(deep, env.resolve("env.json"));
        Fixtures.Run compare = Fixtures.cli("compare", Fixtures.fixture().toString(), env.toString());
        assertEquals(0, compare.status(), compare.err());
        assertTrue(compare.out().contains(env.resolve("env.json") + " is beyond a limit of the JSON parser: Document nesting depth (1001)"
                + " exceeds the maximum allowed (1000); environments not compared from it"), compare.out());
    }

    @Test
    void theSameRunTwiceOnOneSideIsRefused() throws IOException {
        Path a = Fixtures.write(tmp, "a.json", Fixtures.load());
        Path b = Fixtures.write(tmp, "b.json", Fixtures.noisyCopy(Fixtures.load(), 7));
        Path copy = Files.copy(a, tmp.resolve("a-copy.json"));
        Path dir = Files.createDirectories(tmp.resolve("a-folder"));
        Files.copy(a, dir.resolve("jmh.json"));
        for (String side : new String[] {a + "," + a, a + "," + copy, dir + "," + dir.resolve("jmh.json"), b + "," + a + "," + b}) {
            Fixtures.Run r = Fixtures.cli("compare", side, b.toString());
            assertEquals(2, r.status(), side + ": " + r.out() + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("twice"), r.err());
            Fixtures.Run current = Fixtures.cli("compare", b.toString(), side);
            assertEquals(2, current.status(), side + ": " + current.out() + current.err());
        }
        // the same run on both sides is an A/A comparison, not a pooling
        assertEquals(0, Fixtures.cli("compare", a.toString(), copy.toString()).status());
        assertEquals(0, Fixtures.cli("compare", a + "," + b, copy.toString()).status());
    }
}
