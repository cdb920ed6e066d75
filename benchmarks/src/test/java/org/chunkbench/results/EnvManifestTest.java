package org.chunkbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env.json as a typed record: what run wrote reads back and writes out unchanged, and a foreign file still compares. */
class EnvManifestTest {
    static Path fixture() throws Exception {
        return Path.of(EnvManifestTest.class.getResource("/fixtures/smoke/env.json").toURI());
    }

    @Test
    void aFileRunWroteRoundTripsByteForByte(@TempDir Path tmp) throws Exception {
        EnvManifest m = EnvManifest.read(fixture());
        assertEquals("vm", m.host());
        assertEquals("6.18.44-fc-v669", m.os().kernelRelease());
        assertEquals("17.0.15+6-Debian-1deb12u1", m.jvm().runtimeVersion());
        assertEquals(12, m.run().trialsCompleted());
        assertEquals(List.of("64", "4096"), m.run().jmh().params().get(SweepParam.CHUNK_SIZE.jmhName()));
        Path out = tmp.resolve("env.json");
        m.write(out);
        assertEquals(Files.readString(fixture()), Files.readString(out));
    }

    @Test
    void finishingARunSetsItsStatus() {
        EnvManifest.RunInfo started = EnvManifest.RunInfo.started("chunkbench run", "quick", "2026-12-01T00:00:00Z", 2, 10,
                List.of(), null);
        assertEquals("running", started.status());
        assertNull(started.trialsCompleted());
        assertEquals("complete", started.finished("t", 9, "9s", 2, List.of(), null).status());
        assertEquals("incomplete", started.finished("t", 9, "9s", 1, List.of(new EnvManifest.FailedTrial("x", "boom")), null)
                .status());
        assertEquals("incomplete", started.finished("t", 9, "9s", 0, List.of(), "JMH stopped").status());
    }

    @Test
    void aForeignFileKeepsEveryFieldForComparingAndFailsOneLineWhenBroken(@TempDir Path tmp) throws Exception {
        Path foreign = tmp.resolve("env.json");
        Files.writeString(foreign, "{\"kernel\": {\"release\": \"6.1\"}, \"backends\": [{\"name\": \"sunjce\", \"version\": \"17\"}]}");
        assertEquals("6.1", EnvManifest.fields(foreign).get("kernel.release"));
        assertEquals("17", EnvManifest.fields(foreign).get("backends[sunjce].version"));
        assertNull(EnvManifest.read(foreign).os());
        assertTrue(EnvManifest.presentKeys(foreign).containsAll(List.of("kernel", "backends")));
        Files.writeString(foreign, "{\"host\": ");
        ResultsException e = assertThrows(ResultsException.class, () -> EnvManifest.read(foreign));
        assertTrue(e.getMessage().startsWith(foreign + " is not valid JSON"), e.getMessage());
    }
}
