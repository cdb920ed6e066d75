package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REPORT.md's environment table states Linux 7.3's crypto.af_alg_restrict where env.json recorded one. */
class AfAlgRestrictionReportTest {
    @Test
    void theEnvironmentTableNamesTheRestrictionAndWhatItRefused(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ObjectMapper json = new ObjectMapper();
        ObjectNode env = (ObjectNode) json.readTree(dir.resolve("env.json").toFile());
        ObjectNode traits = ((ObjectNode) env.get("afAlg")).putObject("kernelTraits");
        traits.put("kernelRelease", "7.3-amd64").put("afAlg", "available").put("afAlgRestrict", "1")
                .put("afAlgPrivileged", "yes").put("afAlgPrivilegedDetail", "CAP_NET_ADMIN and CAP_SYS_ADMIN in the initial user namespace")
                .put("keyBySerial", "yes").put("zeroCopy", "copy").put("zeroCopyDetail", "4096 of 4096")
                .put("nullCipher", "error 2 (ENOENT): refused by crypto.af_alg_restrict=1");
        traits.putArray("bindable").add("ctr(aes)");
        traits.putObject("refused").put("ctr-aes-aesni", "error 2 (ENOENT): refused").put("ctr(aes-lib)", "error 2 (ENOENT): refused");
        json.writeValue(dir.resolve("env.json").toFile(), env);
        String md = Files.readString(ReportTest.generate(dir).report(), StandardCharsets.UTF_8);
        String row = md.lines().filter(l -> l.startsWith("| AF_ALG restriction |")).findFirst().orElse("");
        assertTrue(row.contains("crypto.af_alg_restrict=1; this process privileged for it: yes"), md);
        assertTrue(row.contains("binds: ctr(aes); refused: ctr-aes-aesni, ctr(aes-lib); null cipher: error 2 (ENOENT)"), row);

        traits.put("afAlgRestrict", "absent");
        json.writeValue(dir.resolve("env.json").toFile(), env);
        md = Files.readString(ReportTest.generate(dir).report(), StandardCharsets.UTF_8);
        assertFalse(md.contains("AF_ALG restriction"), "no row where the kernel has no such sysctl");
    }
}
