package org.chunkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.results.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What commands print is terminal-safe (issue 17, items 5 and 7): no control character from a results folder, a
 * path or a name reaches the terminal (ESC and BEL would let a folder retitle the window or rewrite the screen),
 * and invisible and bidi characters show as escapes, so that {@code sun\u200bjce} cannot pass for {@code sunjce}.
 */
class PrintedTextTest {
    /** Terminal-unsafe: C0 but newline and tab, DEL, C1, format characters (bidi, zero-width), line separators. */
    static void assertTerminalSafe(String printed) {
        printed.codePoints().forEach(c -> assertTrue(!(c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f
                || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029),
                String.format("U+%04X printed raw: %s", c, printed)));
    }

    static CliTest.Result run(String... args) {
        CliTest.Result r = CliTest.run(args);
        assertTerminalSafe(r.out());
        assertTerminalSafe(r.err());
        return r;
    }

    /** The report fixture as a run leaves a folder, under {@code name}. */
    static Path folder(Path tmp, String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : new String[] {"jmh.json", "env.json", "jmh.log"}) {
            try (InputStream in = PrintedTextTest.class.getResourceAsStream("/fixtures/smoke/" + f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }

    static Path reported(Path tmp, String name) throws IOException {
        Path dir = folder(tmp, name);
        CliTest.Result r = CliTest.run("report", dir.toString());
        assertEquals(0, r.status(), r.err());
        return dir;
    }

    @Test
    void escAndBelInALinkOfTheReportAreShownEscaped(@TempDir Path tmp) throws Exception {
        Path dir = reported(tmp, "r");
        Path md = dir.resolve("REPORT.md");
        Files.writeString(md, Files.readString(md) + "\n[x](<https://evil.example/\u001b]0;owned\u0007>)\n");
        CliTest.Result r = run("report", "--check", dir.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("https://evil.example/\\u001b]0;owned\\u0007"), r.err());
    }

    @Test
    void escAndBelInAnOpensslSpeedFieldAreShownEscaped(@TempDir Path tmp) throws Exception {
        Path dir = reported(tmp, "r");
        Files.writeString(dir.resolve("openssl-speed.tsv"), "keyBits\tbytes\tnsPerOp\tops\tseconds\n128\t64\t1\u001b]0;owned\u0007\t1\t1\n");
        CliTest.Result r = run("report", "--check", dir.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("openssl-speed.tsv"), r.err());
        run("report", dir.toString());
    }

    @Test
    void escAndBelInAnEnvJsonValueNeverReachTheTerminal(@TempDir Path tmp) throws Exception {
        Path dir = reported(tmp, "r");
        ObjectNode env = (ObjectNode) Json.MAPPER.readTree(dir.resolve("env.json").toFile());
        ((ObjectNode) env.path("run")).put("trialsCompleted", "\u001b]0;owned\u0007\u009b31m");
        Files.writeString(dir.resolve("env.json"), Json.MAPPER.writeValueAsString(env));
        CliTest.Result r = run("report", "--check", dir.toString());
        assertEquals(1, r.status(), r.err());
        run("report", dir.toString());
        run("compare", dir.toString(), dir.toString());
    }

    @Test
    void aFolderPathIsPrintedWithItsControlAndBidiCharactersEscaped(@TempDir Path tmp) throws Exception {
        String name = "r\u001b]0;owned\u0007\u200b\u202e";
        String shown = "r\\u001b]0;owned\\u0007\\u200b\\u202e";
        Path dir = folder(tmp, name);
        CliTest.Result r = run("report", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(shown), r.out());
        r = run("report", "--check", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(shown + ": complete"), r.out());
        Files.delete(dir.resolve("REPORT.md"));
        r = run("report", "--check", dir.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains(shown + " is incomplete"), r.err());
        Path out = tmp.resolve("out" + name);
        r = run("compare", dir.toString(), dir.toString(), "--out", out.resolve("compare.md").toString());
        assertTrue(r.out().contains("out" + shown), r.out());
        r = run("export", dir.toString(), "--format", "github-action-benchmark", "--only", "bigger", "--out",
                out.resolve("e.json").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("out" + shown), r.out());
        r = run("history", dir.toString(), "--backend", "sunjce", "--chunk", "64", "--out", out.resolve("h").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("wrote " + tmp.resolve("out") + shown + "/h/history.dat"), r.out());
        r = run("report", "--check", tmp.resolve("missing" + name).toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("missing" + shown), r.err());
    }

    @Test
    void zeroWidthAndBidiNamesArePrintedEscaped(@TempDir Path tmp) throws Exception {
        Path dir = folder(tmp, "r");
        ArrayNode jmh = (ArrayNode) Json.MAPPER.readTree(dir.resolve("jmh.json").toFile());
        for (JsonNode b : jmh) {
            ObjectNode p = (ObjectNode) b.path("params");
            if (p.path("backend").asText().equals("conscrypt")) {
                p.put("backend", "sun\u200bjce\u202e");
            }
        }
        Files.writeString(dir.resolve("jmh.json"), Json.MAPPER.writeValueAsString(jmh));
        // in Markdown the escape's backslash is itself escaped, and renders as one
        CliTest.Result r = run("compare", dir.toString(), dir.toString());
        assertTrue(r.out().contains("sun\\\\u200bjce\\\\u202e"), r.out());
        Path md = tmp.resolve("compare.md");
        run("compare", dir.toString(), dir.toString(), "--out", md.toString());
        assertTerminalSafe(Files.readString(md));
        assertTrue(Files.readString(md).contains("sun\\\\u200bjce\\\\u202e"), Files.readString(md));

        for (JsonNode b : jmh) {
            if (b.path("params").path("backend").asText().startsWith("sun\u200b")) {
                ((ObjectNode) b.path("primaryMetric")).put("score", 0.0);
            }
        }
        Files.writeString(dir.resolve("jmh.json"), Json.MAPPER.writeValueAsString(jmh));
        r = run("report", "--check", dir.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("sun\\u200bjce\\u202e at "), r.err());
    }
}
