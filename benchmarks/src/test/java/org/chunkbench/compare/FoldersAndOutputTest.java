package org.chunkbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.results.Json;
import org.chunkbench.results.Trial;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersAndOutputTest {
    @TempDir
    Path dir;

    static final String ENV = """
            {"cpu": {"model": "Intel(R) Xeon(R) CPU @ 2.20GHz", "flags": {"aes": true, "vaes": false}},
             "kernel": {"release": "%s"},
             "jdk": {"vendor": "Debian", "version": "17.0.15"},
             "backends": [{"name": "sunjce", "version": "SunJCE 17"}, {"name": "openssl", "version": "%s"}],
             "git": {"commit": "%s", "dirty": false},
             "host": "%s", "date": "%s"}
            """;

    private Path folder(String name, JsonNode jmh, String kernel, String openssl, String commit, String host) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name));
        Fixtures.write(f, "jmh.json", jmh);
        Files.writeString(f.resolve("env.json"), ENV.formatted(kernel, openssl, commit, host, name));
        return f;
    }

    @Test
    void differentMachinesAreSaidAtTheTopAndCommitsAreNot() throws IOException {
        ArrayNode base = Fixtures.load();
        Path a = folder("2026-11-25T0100Z-a", base, "6.1.0-28-amd64", "OpenSSL 3.0.15", "aaaa", "ci-1");
        Path b = folder("2026-11-26T0100Z-b", base, "6.12.0-1-amd64", "OpenSSL 3.0.15", "bbbb", "ci-2");
        Fixtures.Run run = Fixtures.cli("compare", a.toString(), b.toString());
        assertEquals(0, run.status(), run.err());
        String top = run.out().substring(0, run.out().indexOf("| Verdict"));
        assertTrue(top.contains("The environments differ"), top);
        assertTrue(top.contains("`kernel.release`: 6.1.0-28-amd64 \u2192 6.12.0-1-amd64"), top);
        assertFalse(top.contains("git.commit") || top.contains("`host`") || top.contains("`date`"), top);

        Path c = folder("2026-11-26T0200Z-c", base, "6.1.0-28-amd64", "OpenSSL 3.5.0", "cccc", "ci-1");
        String out = Fixtures.cli("compare", a.toString(), c.toString()).out();
        assertTrue(out.contains("`backends[openssl].version`: OpenSSL 3.0.15 \u2192 OpenSSL 3.5.0"), out);
        assertFalse(out.contains("kernel.release"), out);

        Path same = folder("2026-11-26T0300Z-d", base, "6.1.0-28-amd64", "OpenSSL 3.0.15", "dddd", "ci-1");
        assertFalse(Fixtures.cli("compare", a.toString(), same.toString()).out().contains("environments differ"));
    }

    @Test
    void jdkOfPlainJmhFilesIsComparedToo() throws IOException {
        ArrayNode other = Fixtures.load();
        other.forEach(r -> ((ObjectNode) r).put("jdkVersion", "21.0.5"));
        Path b = Fixtures.write(dir, "jdk21.json", other);
        String out = Fixtures.cli("compare", Fixtures.fixture().toString(), b.toString()).out();
        assertTrue(out.contains("`jmh.jdkVersion`: 17.0.15 \u2192 21.0.5"), out);
    }

    @Test
    void rowsOnOneSideAreListed() throws IOException {
        ArrayNode base = Fixtures.load();
        ArrayNode cur = Fixtures.load();
        cur.remove(7);
        ObjectNode extra = (ObjectNode) cur.get(0).deepCopy();
        ((ObjectNode) extra.get("params")).put("backend", "kernel");
        cur.add(extra);
        Path b = Fixtures.write(dir, "b.json", base);
        Path c = Fixtures.write(dir, "c.json", cur);
        Fixtures.Run run = Fixtures.cli("compare", b.toString(), c.toString());
        assertTrue(run.out().contains("### Only in baseline (1)\n"), run.out());
        assertTrue(run.out().contains("| ChunkFixtureBenchmark.encryptTime (avgt) | backend=bc-lightweight chunkSize=4096 |"), run.out());
        assertTrue(run.out().contains("### Only in current (1)\n"), run.out());
        assertTrue(run.out().contains("| ChunkFixtureBenchmark.encrypt (thrpt) | backend=kernel chunkSize=64 |"), run.out());
        assertTrue(run.out().contains("1 only in baseline \u00b7 1 only in current"), run.out());
    }

    @Test
    void paramOrderDoesNotMatterButEveryParamDoes() throws IOException {
        ArrayNode cur = Fixtures.load();
        for (JsonNode r : cur) {
            ObjectNode p = (ObjectNode) r.get("params");
            ObjectNode reversed = Json.MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            p.fieldNames().forEachRemaining(names::add);
            for (int i = names.size() - 1; i >= 0; i--) {
                reversed.set(names.get(i), p.get(names.get(i)));
            }
            ((ObjectNode) r).set("params", reversed);
        }
        ((ObjectNode) cur.get(0).get("params")).put("buffer", "direct");
        Comparison c = Fixtures.compare(Fixtures.load(), cur, dir);
        assertEquals(7, c.rows().size());
        assertEquals(1, c.onlyInBaseline().size());
        assertEquals(1, c.onlyInCurrent().size());
    }

    @Test
    void jsonReportAndOutFile() throws IOException {
        ArrayNode base = Fixtures.loadForked();
        Path b = Fixtures.write(dir, "b.json", base);
        Path c = Fixtures.write(dir, "c.json", Fixtures.scaled(base, Fixtures.row("encrypt", "bc-lightweight", "4096"), 0.9));
        Path out = dir.resolve("reports/compare.json");
        Fixtures.Run run = Fixtures.cli("compare", "--json", "--out", out.toString(), b.toString(), c.toString());
        assertEquals(1, run.status(), run.err());
        assertTrue(run.out().startsWith("1 regression(s), "), run.out());
        JsonNode json = Json.MAPPER.readTree(out.toFile());
        assertEquals(1, json.get("summary").get("regression").asInt());
        JsonNode first = json.get("rows").get(0);
        assertEquals("regression", first.get("verdict").asText());
        assertEquals("bc-lightweight", first.get("params").get("backend").asText());
        assertEquals(0.9, first.get("ratio").asDouble(), 1e-9);
        assertTrue(first.get("higherIsBetter").asBoolean());
        assertTrue(first.get("pValue").asDouble() < 0.01);
        assertEquals(40, first.get("current").get("samples").asInt());
        assertEquals(8, first.get("current").get("forks").asInt());
        assertTrue(first.get("mde").asDouble() < 0.10, first.toString());
    }

    @Test
    void pooledRunsOfOneSideAreMerged() throws IOException {
        ArrayNode base = Fixtures.load();
        Path b1 = Fixtures.write(dir, "b1.json", base);
        Path b2 = Fixtures.write(dir, "b2.json", Fixtures.noisyCopy(base, 3));
        Path c1 = Fixtures.write(dir, "c1.json", Fixtures.noisyCopy(base, 4));
        Path c2 = Fixtures.write(dir, "c2.json", Fixtures.noisyCopy(base, 5));
        RunResults pooled = RunResults.load(List.of(b1, b2));
        Trial row = pooled.rows().values().iterator().next();
        assertEquals(4, row.forks().length);
        assertEquals(20, row.sampleCount());
        double mean = java.util.Arrays.stream(row.samples()).average().orElseThrow();
        assertEquals(mean, row.score(), Math.abs(mean) * 1e-12);
        Fixtures.Run run = Fixtures.cli("compare", b1 + "," + b2, c1 + "," + c2);
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Baseline `" + b1 + " + " + b2 + "`"), run.out());
    }

    @Test
    void sampleModeUsesEachIterationsHistogramMean() throws IOException {
        String json = """
                [{"benchmark": "a.B.c", "mode": "sample", "params": {"chunkSize": "64"},
                  "primaryMetric": {"score": 17.5, "scoreError": 1.0, "scoreUnit": "ns/op",
                    "rawDataHistogram": [[ [[10, 2], [20, 2]], [[10, 1], [30, 1]] ]]}}]
                """;
        Path p = dir.resolve("sample.json");
        Files.writeString(p, json);
        Trial r = RunResults.load(p).rows().values().iterator().next();
        assertEquals(1, r.forks().length);
        assertEquals(15.0, r.forks()[0][0], 1e-12);
        assertEquals(20.0, r.forks()[0][1], 1e-12);
    }

    @Test
    void differentUnitsOnTheTwoSidesAreBadInput() throws IOException {
        ArrayNode cur = Fixtures.load();
        ((ObjectNode) cur.get(0).get("primaryMetric")).put("scoreUnit", "ops/ms");
        Path c = Fixtures.write(dir, "c.json", cur);
        Fixtures.Run run = Fixtures.cli("compare", Fixtures.fixture().toString(), c.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("baseline is in ops/s but current is in ops/ms"), run.err());
    }
}
