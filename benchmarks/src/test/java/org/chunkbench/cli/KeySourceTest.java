package org.chunkbench.cli;

import static org.chunkbench.cli.CliTest.IV;
import static org.chunkbench.cli.CliTest.KEY;
import static org.chunkbench.cli.CliTest.assertUsageError;
import static org.chunkbench.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Keys off the command line: --key-file, --key-fd, --key-env; one source per call; no key character in any message. */
class KeySourceTest {
    private static byte[] plain() {
        byte[] d = new byte[10_000];
        new Random(3).nextBytes(d);
        return d;
    }

    private static void assertEncryptsWith(byte[] key, Path tmp, String... keyArgs) throws Exception {
        Path in = Files.write(tmp.resolve("in"), plain());
        Path out = tmp.resolve("out");
        Files.deleteIfExists(out);
        String[] base = {"encrypt", "--backend", "sunjce", "--iv", IV, "--in", in.toString(), "--out", out.toString()};
        CliTest.Result r = run(CliTest.concat(base, keyArgs));
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(Reference.ctrFromEcb(key, Reference.hex(IV), plain()), Files.readAllBytes(out), String.join(" ", keyArgs));
    }

    @Test
    void keyFileTakesRawBytesOrHexTextWithAnOptionalNewline(@TempDir Path tmp) throws Exception {
        for (int bytes : new int[] {16, 24, 32}) {
            byte[] key = new byte[bytes];
            new Random(bytes).nextBytes(key);
            String hex = HexFormat.of().formatHex(key);
            for (byte[] content : new byte[][] {key, hex.getBytes(StandardCharsets.US_ASCII), (hex + "\n").getBytes(StandardCharsets.US_ASCII),
                    (hex.toUpperCase() + "\r\n").getBytes(StandardCharsets.US_ASCII)}) {
                Path f = Files.write(tmp.resolve("key"), content);
                assertEncryptsWith(key, tmp, "--key-file", f.toString());
            }
        }
    }

    @Test
    void keyFileOfAnotherSizeOrNotHexIsAUsageErrorThatShowsNoContent(@TempDir Path tmp) throws Exception {
        Path f = Files.write(tmp.resolve("key"), (KEY + "00\n").getBytes(StandardCharsets.US_ASCII));
        CliTest.Result r = run("encrypt", "--backend", "sunjce", "--iv", IV, "--key-file", f.toString());
        assertUsageError(r, "--key-file " + f + " holds 35 bytes (34 hex digits)", "16, 24 or 32 raw bytes, or 32, 48 or 64 hex digits");
        assertNoKeyCharacters(r, KEY);
        Files.write(f, new byte[1000]);
        assertUsageError(run("encrypt", "--backend", "sunjce", "--iv", IV, "--key-file", f.toString()), "holds more than 256 bytes");
        assertUsageError(run("encrypt", "--backend", "sunjce", "--iv", IV, "--key-file", tmp.resolve("missing").toString()), "no such file");
        assertUsageError(run("encrypt", "--backend", "sunjce", "--iv", IV, "--key-file", tmp.toString()), "is a directory");
    }

    @Test
    void keyEnvReadsHexFromTheNamedVariable(@TempDir Path tmp) throws Exception {
        var saved = KeySource.environment;
        try {
            KeySource.environment = Map.of("CHUNKBENCH_TEST_KEY", KEY + "\n")::get;
            assertEncryptsWith(Reference.hex(KEY), tmp, "--key-env", "CHUNKBENCH_TEST_KEY");
            assertUsageError(run("encrypt", "--backend", "sunjce", "--iv", IV, "--key-env", "NOT_SET_HERE"),
                    "--key-env NOT_SET_HERE: no such environment variable");
            KeySource.environment = Map.of("K", KEY.substring(0, 30) + "xyz")::get;
            CliTest.Result r = run("encrypt", "--backend", "sunjce", "--iv", IV, "--key-env", "K");
            assertUsageError(r, "--key-env K is not hex: character 31 of 33 is not a hex digit");
            assertNoKeyCharacters(r, KEY);
        } finally {
            KeySource.environment = saved;
        }
    }

    /** The real environment and real descriptors: a file on fd 3, and a pipe (process substitution) on fd 4. */
    @Test
    void keyFdAndKeyEnvInARealProcess(@TempDir Path tmp) throws Exception {
        Files.write(tmp.resolve("in"), plain());
        Files.write(tmp.resolve("key.bin"), Reference.hex(KEY));
        byte[] expected = Reference.ctrFromEcb(Reference.hex(KEY), Reference.hex(IV), plain());
        String enc = "chunkbench encrypt --backend sunjce --iv " + IV + " --in in --out out ";
        for (String keyArgs : new String[] {"--key-fd 3 3<key.bin", "--key-fd 4 4< <(printf '%s\\n' " + KEY + ")",
            "--key-env MY_KEY"}) {
            Files.deleteIfExists(tmp.resolve("out"));
            CliProcess.Result r = CliProcess.bash(tmp, "MY_KEY=" + KEY + " " + enc + keyArgs);
            assertEquals(0, r.status(), keyArgs + ": " + r.err());
            assertArrayEquals(expected, Files.readAllBytes(tmp.resolve("out")), keyArgs);
        }
        CliProcess.Result closed = CliProcess.bash(tmp, enc + "--key-fd 987");
        assertEquals(2, closed.status(), closed.err());
        assertEquals("chunkbench: --key-fd 987: no such open file descriptor", closed.err().strip());
    }

    @Test
    void exactlyOneKeySource(@TempDir Path tmp) throws Exception {
        Path f = Files.write(tmp.resolve("key"), Reference.hex(KEY));
        assertUsageError(run("encrypt", "--backend", "sunjce", "--iv", IV), "no key given",
                "--key HEX, --key-file FILE, --key-fd N, --key-env VAR or (kernel) --key-serial N");
        CliTest.Result r = run("encrypt", "--backend", "sunjce", "--iv", IV, "--key", KEY, "--key-file", f.toString());
        assertUsageError(r, "give one key source: --key or --key-file, not both");
        assertNoKeyCharacters(r, KEY);
        assertUsageError(run("encrypt", "--backend", "sunjce", "--iv", IV, "--key-fd", "3", "--key-env", "X", "--key-file", f.toString()),
                "--key-file, --key-fd or --key-env, not both");
    }

    /** Every mistake next to a key: neither output stream shows 6 or more consecutive characters of it. */
    @Test
    void noMessageShowsKeyCharacters(@TempDir Path tmp) throws Exception {
        Path in = Files.write(tmp.resolve("in"), plain());
        String out = tmp.resolve("out").toString();
        String k = "00112233445566778899aabbccddeeff0123456789abcdef";
        List<String[]> cases = new ArrayList<>(List.of(
                new String[] {"encrypt", "--kye", k, "--backend", "sunjce", "--iv", IV},
                new String[] {"encrypt", "--key", k, "--bogus", "--backend", "sunjce", "--iv", IV},
                new String[] {"encrypt", "--bogus", "--key", k, "--backend", "sunjce", "--iv", IV},
                new String[] {"encrypt", "--backend", "sunjce", "--key", k, "--iv", IV, "--in", in.toString(), "--out", out, "stray" + k},
                new String[] {"encrypt", "--backend", "sunjce", "--key", k, "--iv", IV, "--in", in.toString(), "--out", out, k},
                new String[] {"encrypt", "--backend", "sunjce", "--key-bits", k, "--iv", IV},
                new String[] {"encrypt", "--backend", "sunjce", "--iv", k},
                new String[] {"encrypt", "--backend", "sunjce", "--key", k + "zz", "--iv", IV, "--in", in.toString(), "--out", out},
                new String[] {"encrypt", "--backend", "sunjce", "--key", k + "0", "--iv", IV, "--in", in.toString(), "--out", out},
                new String[] {"encrypt", "--backend", "sunjce", "--key", k.substring(0, 40), "--iv", IV, "--in", in.toString(), "--out", out},
                new String[] {"encrypt", "--backend", "sunjce", "--key=" + k + "g", "--iv", IV, "--in", in.toString(), "--out", out},
                new String[] {"encrypt", "--backend", "nosuch", "--key", k, "--iv", IV},
                new String[] {"encrypt", "--backend", "sunjce", "--key", k, "--key", k, "--iv", IV},
                new String[] {"encrypt", "--backend", "kernel", "--key", k, "--iv", IV, "--key-serial", "5"},
                new String[] {"decrypt", "--backend", "sunjce", "--key", k, "--key-env", k, "--iv", IV}));
        for (String[] args : cases) {
            CliTest.Result r = run(args);
            assertTrue(r.status() == 2, String.join(" ", args) + " -> " + r.status() + ": " + r.err());
            assertNoKeyCharacters(r, k);
            // With --verbose, the stack trace's messages are hidden the same way.
            CliTest.Result v = run(CliTest.concat(args, new String[] {"--verbose"}));
            assertNoKeyCharacters(v, k);
        }
    }

    static void assertNoKeyCharacters(CliTest.Result r, String key) {
        for (int i = 0; i + 6 <= key.length(); i++) {
            String part = key.substring(i, i + 6);
            assertFalse(r.err().toLowerCase().contains(part) || r.out().toLowerCase().contains(part),
                    "key characters '" + part + "' shown: " + r.err() + r.out());
        }
    }

    @Test
    void parsedBytesAreWipedAndTheKeyDestroyedOnceTheCipherIsOpen(@TempDir Path tmp) throws Exception {
        char[] text = (KEY + "\n").toCharArray();
        AesKey k = KeySource.fromText("--key", text);
        assertArrayEquals(Reference.hex(KEY), k.copyBytes());
        char[] zero = new char[text.length];
        assertArrayEquals(zero, text, "hex text wiped");
        char[] bad = (KEY + "x").toCharArray();
        assertThrows(Main.UsageException.class, () -> KeySource.fromText("--key", bad));
        assertTrue(new String(bad).chars().allMatch(c -> c == 0), "wiped on error too");

        Path in = Files.write(tmp.resolve("in"), plain());
        AesKey[] used = new AesKey[1];
        CryptCommand cmd = new CryptCommand() {
            @Override
            org.chunkbench.backends.Direction direction() {
                return org.chunkbench.backends.Direction.ENCRYPT;
            }

            @Override
            AesKey key() {
                used[0] = super.key();
                return used[0];
            }
        };
        int status = new CommandLine(cmd).execute("--backend", "sunjce", "--key", KEY, "--iv", IV, "--in", in.toString(),
                "--out", tmp.resolve("out").toString());
        assertEquals(0, status);
        IllegalStateException e = assertThrows(IllegalStateException.class, used[0]::copyBytes);
        assertEquals("key was destroyed", e.getMessage());
        assertTrue(Arrays.equals(Reference.ctrFromEcb(Reference.hex(KEY), Reference.hex(IV), plain()),
                Files.readAllBytes(tmp.resolve("out"))));
    }
}
