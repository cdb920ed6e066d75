package org.chunkbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare flags a change of the kernel's AF_ALG traits (env.json afAlg.kernelTraits) between two runs. */
class KernelTraitsDiffTest {
    @Test
    void aChangedKernelTraitIsAnEnvironmentDifference() {
        Map<String, String> base = Map.of("afAlg.kernelTraits.kernelRelease", "6.1.0-57-amd64",
                "afAlg.kernelTraits.keyBySerial", "no", "afAlg.kernelTraits.zeroCopy", "copy");
        Map<String, String> head = Map.of("afAlg.kernelTraits.kernelRelease", "6.1.0-57-amd64",
                "afAlg.kernelTraits.keyBySerial", "yes", "afAlg.kernelTraits.zeroCopy", "copy");
        assertEquals(List.of(new EnvDiff.Difference("afAlg.kernelTraits.keyBySerial", "no", "yes")),
                EnvDiff.between(base, head));
    }

    @Test
    void aDeniedAfAlgIsAnEnvironmentDifference() {
        List<EnvDiff.Difference> d = EnvDiff.between(Map.of("afAlg.kernelTraits.afAlg", "available"),
                Map.of("afAlg.kernelTraits.afAlg", "denied"));
        assertEquals(1, d.size());
    }

    @TempDir
    Path dir;

    /** history names a change of the AF_ALG traits in the run's label, and says nothing where they stay the same. */
    @Test
    void historyLabelsARunWhoseAfAlgTraitsChanged() throws IOException {
        Path a = run("2026-12-01T0100Z-a", "yes", "ctr-aes-aesni");
        Path b = run("2026-12-01T0200Z-b", "yes", "ctr-aes-aesni");
        Path c = run("2026-12-01T0300Z-c", "no", "ctr-aes-aesni-avx");
        List<RunResults> runs = List.of(RunResults.load(a), RunResults.load(b), RunResults.load(c));
        assertFalse(History.runLabel(runs, 0).contains("AF_ALG"), History.runLabel(runs, 0));
        assertFalse(History.runLabel(runs, 1).contains("AF_ALG"), "unchanged traits are not repeated: " + History.runLabel(runs, 1));
        String changed = History.runLabel(runs, 2);
        assertTrue(changed.contains("AF_ALG available, key by serial no, splice copy, ctr(aes) ctr-aes-aesni-avx"), changed);
    }

    /** Linux 7.3's crypto.af_alg_restrict changed between two runs: compare names it, as it does the other traits. */
    @Test
    void aChangedAfAlgRestrictIsAnEnvironmentDifference() throws IOException {
        Path before = run("2026-12-03T0100Z-a", "yes", "ctr-aes-aesni-avx", "1", "ctr(aes)");
        Path after = run("2026-12-03T0200Z-b", "yes", "ctr-aes-aesni-avx", "0", "ctr(aes)", "ctr-aes-aesni-avx");
        List<EnvDiff.Difference> d = EnvDiff.between(RunResults.load(before).env(), RunResults.load(after).env());
        assertTrue(d.contains(new EnvDiff.Difference("afAlg.kernelTraits.afAlgRestrict", "1", "0")), d.toString());
        assertTrue(d.contains(new EnvDiff.Difference("afAlg.kernelTraits.bindable", "ctr(aes)", "ctr(aes), ctr-aes-aesni-avx")),
                d.toString());
    }

    /** history labels the run where the sysctl changed; a kernel without it (6.12, older folders) adds nothing. */
    @Test
    void historyLabelsAChangedAfAlgRestrict() throws IOException {
        Path a = run("2026-12-03T0100Z-a", "yes", "ctr-aes-aesni-avx");
        Path b = run("2026-12-03T0200Z-b", "yes", "ctr-aes-aesni-avx", "absent");
        Path c = run("2026-12-03T0300Z-c", "yes", "ctr-aes-aesni-avx", "1", "ctr(aes)");
        Path d = run("2026-12-03T0400Z-d", "yes", "ctr-aes-aesni-avx", "0", "ctr(aes)", "ctr-aes-aesni-avx");
        List<RunResults> runs = List.of(RunResults.load(a), RunResults.load(b), RunResults.load(c), RunResults.load(d));
        assertFalse(History.runLabel(runs, 1).contains("AF_ALG"), "an absent sysctl changes nothing: " + History.runLabel(runs, 1));
        assertTrue(History.runLabel(runs, 2).contains("af_alg_restrict 1, binds ctr(aes))"), History.runLabel(runs, 2));
        assertTrue(History.runLabel(runs, 3).contains("af_alg_restrict 0, binds ctr(aes) ctr-aes-aesni-avx)"),
                History.runLabel(runs, 3));
    }

    private Path run(String name, String keyBySerial, String topDriver) throws IOException {
        return run(name, keyBySerial, topDriver, null);
    }

    private Path run(String name, String keyBySerial, String topDriver, String restrict, String... bindable) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        ObjectMapper json = new ObjectMapper();
        try (InputStream jmh = getClass().getResourceAsStream("/fixtures/smoke/jmh.json");
             InputStream env = getClass().getResourceAsStream("/fixtures/smoke/env.json")) {
            Files.write(d.resolve("jmh.json"), jmh.readAllBytes());
            ObjectNode e = (ObjectNode) json.readTree(env);
            ObjectNode traits = ((ObjectNode) e.get("afAlg")).putObject("kernelTraits");
            traits.put("kernelRelease", "6.12.117+deb12-amd64").put("afAlg", "available").put("keyBySerial", keyBySerial)
                    .put("zeroCopy", "copy").putArray("ctrAesDrivers").addObject().put("driver", topDriver).put("priority", 400);
            if (restrict != null) {
                traits.put("afAlgRestrict", restrict).put("afAlgPrivileged", restrict.equals("absent") ? "n/a" : "yes");
                for (String n : bindable) {
                    traits.withArray("bindable").add(n);
                }
            }
            json.writeValue(d.resolve("env.json").toFile(), e);
        }
        return d;
    }
}
