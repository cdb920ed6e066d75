package org.chunkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.Backends;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The kernel options of encrypt/decrypt, and what the tool says where the kernel backend cannot run. */
class KernelCliTest {
    private static BackendSpec variant(String... args) {
        CryptCommand.Encrypt cmd = new CryptCommand.Encrypt();
        new CommandLine(cmd).parseArgs(args);
        return cmd.variant();
    }

    @Test
    void kernelOptionsFoldIntoTheVariant() {
        assertEquals("kernel[driver=ctr(aes-generic),io=splice,key=keyring]", variant("--backend", "kernel", "--iv", CliTest.IV,
                "--driver", "ctr(aes-generic)", "--io", "splice", "--key-source", "keyring").toString());
        assertEquals("kernel[io=splice,key=serial]",
                variant("--backend", "kernel[io=splice]", "--iv", CliTest.IV, "--key-serial", "12345").toString());
        assertEquals("kernel", variant("--backend", "kernel", "--iv", CliTest.IV).toString());
    }

    @Test
    void kernelOptionsAreUsageErrorsElsewhereOrInConflict() {
        CliTest.Result r = CliTest.run("encrypt", "--backend", "sunjce", "--io", "splice", "--key", CliTest.KEY, "--iv", CliTest.IV);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("apply only to --backend kernel"), r.err());
        r = CliTest.run("encrypt", "--backend", "kernel[io=copy]", "--io", "splice", "--key", CliTest.KEY, "--iv", CliTest.IV);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("io=copy") && r.err().contains("splice"), r.err());
        r = CliTest.run("encrypt", "--backend", "kernel", "--key-serial", "5", "--key", CliTest.KEY, "--iv", CliTest.IV);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--key or --key-serial, not both"), r.err());
    }

    /** Where AF_ALG is missing or blocked (the build hosts), one line with the failed call and its errno, status 1. */
    @Test
    void unavailableKernelIsOneLineWithTheReason() {
        Availability a = Backends.get("kernel").availability();
        CliTest.Result backends = CliTest.run("backends");
        assertTrue(backends.out().lines().anyMatch(l -> l.startsWith("kernel ")
                && l.contains(a.available() ? "available" : "unavailable")), backends.out());
        if (a.available()) {
            assertTrue(backends.out().contains("ctr(aes) binds "), backends.out());
            return;
        }
        assertTrue(backends.out().contains("not available: " + a.reason()), backends.out());
        CliTest.Result r = CliTest.run("encrypt", "--backend", "kernel", "--key", CliTest.KEY, "--iv", CliTest.IV, "--in", "/dev/null");
        assertEquals(1, r.status());
        assertEquals("chunkbench: backend kernel is not available: " + a.reason(), r.err().strip());
    }
}
