package org.chunkbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one jmh.json reader: what a trial carries, and what it refuses. */
class JmhResultsTest {
    static final String TRIAL = """
            {"jmhVersion": "1.37", "jdkVersion": "17.0.15", "benchmark": "org.chunkbench.bench.ChunkBenchmark.chunked",
             "mode": "thrpt", "threads": 2, "params": {"backend": "sunjce", "chunkSize": "64"},
             "primaryMetric": {"score": 10.0, "scoreError": 1.0, "scoreConfidence": [9.0, 11.0], "scoreUnit": "ops/s",
                               "rawData": [[9.5, 10.5], [10.0, 10.0]]},
             "secondaryMetrics": {"\\u00b7gc.alloc.rate.norm": {"score": 0.5}}}
            """;

    @Test
    void aTrialCarriesKeyUnitScoreIntervalForksThreadsAndSecondaryMetrics(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("jmh.json");
        Files.writeString(f, "[" + TRIAL + "]");
        JmhResults r = JmhResults.read(f);
        Trial t = r.list().get(0);
        assertEquals("chunked", t.key().method());
        assertEquals("thrpt", t.key().jmhMode());
        assertEquals("64", t.key().param(SweepParam.CHUNK_SIZE));
        assertEquals("ops/s", t.unit());
        assertEquals(10.0, t.score());
        assertEquals(9.0, t.low());
        assertEquals(11.0, t.high());
        assertEquals(2, t.forks().length);
        assertEquals(4, t.sampleCount());
        assertEquals(2, t.threads());
        assertEquals(0.5, t.allocPerOp(), "the middle dot of older JMH versions is dropped");
        assertEquals("17.0.15", r.runInfo().get(JmhResults.JDK_VERSION));
    }

    @Test
    void aDuplicateTrialIsRefused(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("jmh.json");
        Files.writeString(f, "[" + TRIAL + "," + TRIAL + "]");
        ResultsException e = assertThrows(ResultsException.class, () -> JmhResults.read(f));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    /**
     * chunkbench's aes-ctr rows key as the rows of runs from before aes-gcm (no cipher param), so compare and history
     * match them; aes-gcm rows and other benchmarks' params are kept as they are.
     */
    @Test
    void anAesCtrRowKeysAsARowWithoutTheCipherParam(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("jmh.json");
        String ctr = TRIAL.replace("\"chunkSize\": \"64\"", "\"chunkSize\": \"64\", \"cipher\": \"aes-ctr\"");
        String gcm = TRIAL.replace("\"chunkSize\": \"64\"", "\"chunkSize\": \"64\", \"cipher\": \"aes-gcm\"");
        String other = ctr.replace("ChunkBenchmark.chunked", "OtherBenchmark.chunked");
        Files.writeString(f, "[" + ctr + "," + gcm + "," + other + "]");
        java.util.List<Trial> l = JmhResults.read(f).list();
        Files.writeString(f, "[" + TRIAL + "]");
        assertEquals(JmhResults.read(f).list().get(0).key(), l.get(0).key());
        assertEquals("aes-gcm", l.get(1).key().param(SweepParam.CIPHER));
        assertEquals("aes-ctr", l.get(2).key().param(SweepParam.CIPHER), "not chunkbench's benchmark: its params as they are");
    }
}
