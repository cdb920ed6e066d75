package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: REPORT.md stays a readable size whatever jmh.json and env.json hold (the crossover table grew as n²). */
class ReportSizeTest {
    static final long FEW_MB = 4L << 20;

    @Test
    void threeThousandBackendsMakeAReportOfAFewMegabytes(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ArrayNode jmh = Fixtures.jmh(dir);
        ArrayNode many = jmh.arrayNode();
        for (int chunk : new int[] {64, 4096}) {
            many.add(Fixtures.entry(jmh, "sunjce", chunk));
            ObjectNode template = Fixtures.entry(jmh, "bc", chunk);
            for (int i = 0; i < 3000; i++) {
                ObjectNode e = template.deepCopy();
                ((ObjectNode) e.path("params")).put("backend", "b" + i);
                ((ObjectNode) e.path("primaryMetric")).put("score", e.path("primaryMetric").path("score").asDouble() * (1 + i % 7 / 10.0));
                many.add(e);
            }
        }
        Fixtures.writeJmh(dir, many);
        ReportTest.generate(dir);
        long size = Files.size(dir.resolve("REPORT.md"));
        assertTrue(size < FEW_MB, "REPORT.md of 3000 backends is " + (size >> 10) + " KiB");
        String md = Files.readString(dir.resolve("REPORT.md"));
        assertTrue(md.contains("## Crossovers\n") && md.contains("3001 backends, more than 50: each against `sunjce` only"), md);
        assertTrue(md.contains("| `b2999` | always |") || md.contains("| `b2999` | never |") || md.contains("| `b2999` | 4 KiB |"),
                "the summary keeps a row per backend");
        assertTrue(md.contains("2801 more series at this size, not listed; data/summary.tsv has them all"), "chunk tables are capped");
        assertEquals(6002, Files.readAllLines(dir.resolve("data/summary.tsv")).size() - 1, "the data keeps every trial");
    }

    @Test
    void aHugeValueInEnvJsonIsCut(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ObjectNode env = Fixtures.env(dir);
        String huge = "h".repeat(3 << 20);
        env.put("host", huge);
        ((ObjectNode) env.path("cpu")).put("model", huge);
        ArrayNode failed = ((ObjectNode) env.path("run")).putArray("failedTrials");
        for (int i = 0; i < 100_000; i++) {
            failed.addObject().put("trial", "t" + i).put("message", "failed");
        }
        Fixtures.JSON.writeValue(dir.resolve("env.json").toFile(), env);
        ReportTest.generate(dir);
        long size = Files.size(dir.resolve("REPORT.md"));
        assertTrue(size < FEW_MB, "REPORT.md is " + (size >> 10) + " KiB");
        assertTrue(Files.readString(dir.resolve("REPORT.md")).contains("more line(s) of this section left out"), "the cut is said");
        assertEquals(List.of(), FolderCheck.check(dir).stream().filter(p -> p.startsWith("REPORT.md")).toList(),
                "the cut report keeps every section the check looks for");
    }
}
