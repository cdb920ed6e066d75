package org.chunkbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.chunkbench.backends.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    static final String KEY = "2b7e151628aed2a6abf7158809cf4f3c";
    static final String IV = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sunjce", "bc", "bc-lightweight", "conscrypt", "openssl"})
    void encryptFileEqualsReferenceAndDecryptRestoresIt(String backend, @TempDir Path tmp) throws Exception {
        byte[] data = new byte[200_003];
        new Random(5).nextBytes(data);
        Path in = Files.write(tmp.resolve("in.bin"), data);
        Path enc = tmp.resolve("enc.bin");
        Path dec = tmp.resolve("dec.bin");
        for (String mode : new String[] {"stream", "per-chunk-iv"}) {
            Result r = run("encrypt", "--backend", backend, "--key", KEY, "--iv", IV, "--chunk", "4096", "--mode", mode,
                    "--in", in.toString(), "--out", enc.toString());
            assertEquals(0, r.status(), r.err());
            assertArrayEquals(Reference.ctrFromEcb(Reference.hex(KEY), Reference.hex(IV), data), Files.readAllBytes(enc),
                    backend + " " + mode);
            r = run("decrypt", "--backend", backend, "--key", KEY, "--iv", IV, "--chunk", "65536", "--mode", mode,
                    "--in", enc.toString(), "--out", dec.toString());
            assertEquals(0, r.status(), r.err());
            assertArrayEquals(data, Files.readAllBytes(dec), backend + " " + mode + " round trip");
        }
    }

    @Test
    void backendsListsEveryBackendWithStatus() {
        Result r = run("backends");
        assertEquals(0, r.status(), r.err());
        for (String name : new String[] {"sunjce", "bc", "bc-lightweight", "conscrypt", "openssl"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains("available")), r.out());
        }
    }

    static void assertUsageError(Result r, String... parts) {
        assertEquals(Main.EXIT_USAGE, r.status(), r.err());
        assertTrue(r.err().startsWith("chunkbench: "), r.err());
        for (String p : parts) {
            assertTrue(r.err().contains(p), "stderr should mention '" + p + "': " + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }

    @Test
    void errorsAreOneLineWithUsageStatus(@TempDir Path tmp) throws Exception {
        Path in = Files.write(tmp.resolve("in.bin"), new byte[64]);
        String[] base = {"--key", KEY, "--iv", IV, "--in", in.toString(), "--out", tmp.resolve("o").toString()};
        assertUsageError(run(concat(new String[] {"encrypt", "--backend", "nosuch"}, base)), "unknown backend 'nosuch'", "sunjce");
        assertUsageError(run("encrypt", "--backend", "sunjce", "--key", "abc", "--iv", IV, "--in", in.toString()), "--key is not hex");
        assertUsageError(run("encrypt", "--backend", "sunjce", "--key", KEY + "00", "--iv", IV, "--in", in.toString()),
                "17 bytes", "16, 24 or 32");
        assertUsageError(run("encrypt", "--backend", "sunjce", "--key", KEY, "--iv", "00ff", "--in", in.toString()), "--iv is 2 bytes");
        assertUsageError(run(concat(new String[] {"encrypt", "--backend", "sunjce", "--chunk", "100"}, base)), "--chunk 100", "multiple of 16");
        assertUsageError(run(concat(new String[] {"encrypt", "--backend", "sunjce", "--mode", "ecb"}, base)), "unknown mode 'ecb'");
        assertUsageError(run("encrypt", "--backend", "sunjce", "--key", KEY, "--iv", IV, "--in", tmp.resolve("missing").toString()),
                "no such file");
        assertUsageError(run("encrypt", "--bogus", "--backend", "sunjce", "--key", KEY, "--iv", IV), "Unknown option");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Result r = run("encrypt", "--verbose", "--backend", "nosuch", "--key", KEY, "--iv", IV);
        assertEquals(Main.EXIT_USAGE, r.status());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
