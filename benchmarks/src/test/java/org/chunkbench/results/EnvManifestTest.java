package org.chunkbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    /**
     * A folder from before issue 21 has git.directory and jvm's java.home, which the model no longer has: it still
     * reads (unknown fields are ignored), with every other field, and compare still sees the old fields.
     */
    @Test
    void anOlderFileWithGitDirectoryAndJavaHomeStillReads(@TempDir Path tmp) throws Exception {
        String current = Files.readString(fixture());
        String older = current.replace("\"git\" : {\n", "\"git\" : {\n    \"directory\" : \"/home/user/chunkbench\",\n")
                .replace("\"aesFlags\" : {", "\"java.home\" : \"/usr/lib/jvm/java-17-openjdk-amd64\",\n    \"aesFlags\" : {");
        Path old = Files.writeString(tmp.resolve("env.json"), older);
        assertEquals("/home/user/chunkbench", EnvManifest.Read.of(old).fields().get("git.directory"), "the older file has the field");
        assertEquals("/usr/lib/jvm/java-17-openjdk-amd64", EnvManifest.Read.of(old).fields().get("jvm.java.home"));
        EnvManifest m = EnvManifest.read(old);
        assertEquals("348723c70e247f549b6f3b48a6900b846680ef49", m.git().commit());
        assertEquals("348723c", m.git().describe());
        assertEquals("17.0.15+6-Debian-1deb12u1", m.jvm().runtimeVersion());
        assertEquals(12, m.run().trialsCompleted());
        // written again, it is the current file: the two fields are gone, nothing else changed
        Path out = tmp.resolve("again.json");
        m.write(out);
        assertEquals(current, Files.readString(out));
    }

    @Test
    void finishingARunSetsItsStatus() {
        EnvManifest.RunInfo started = EnvManifest.RunInfo.started("chunkbench run", "quick", "2026-12-01T00:00:00Z", 2, 10,
                List.of(), null, Map.of("sunjce", "backend", "none", "control"));
        assertEquals("running", started.status());
        assertEquals(Map.of("sunjce", "backend", "none", "control"), started.finished("t", 9, "9s", 2, List.of(), null).variants(),
                "the record of the variants outlives the run's end");
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
        assertEquals("6.1", EnvManifest.Read.of(foreign).fields().get("kernel.release"));
        assertEquals("17", EnvManifest.Read.of(foreign).fields().get("backends[sunjce].version"));
        assertNull(EnvManifest.read(foreign).os());
        assertTrue(EnvManifest.Read.of(foreign).presentKeys().containsAll(List.of("kernel", "backends")));
        Files.writeString(foreign, "{\"host\": ");
        ResultsException e = assertThrows(ResultsException.class, () -> EnvManifest.read(foreign));
        assertTrue(e.getMessage().startsWith(foreign + " is not valid JSON"), e.getMessage());
    }
}
