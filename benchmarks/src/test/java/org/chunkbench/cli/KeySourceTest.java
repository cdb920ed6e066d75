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
        String launched = CliProcess.launcher(tmp) + " encrypt --backend sunjce --iv " + IV + " --in in --out out ";
        for (String command : new String[] {launched + "--key-fd 3 3<key.bin", launched + "--key-fd 4 4< <(printf '%s\\n' " + KEY + ")",
            "MY_KEY=" + KEY + " " + enc + "--key-env MY_KEY", enc + "--key-fd 0 <key.bin"}) {
            Files.deleteIfExists(tmp.resolve("out"));
            CliProcess.Result r = CliProcess.bash(tmp, command);
            assertEquals(0, r.status(), command + ": " + r.err());
            assertArrayEquals(expected, Files.readAllBytes(tmp.resolve("out")), command);
        }
        // Descriptors the caller did not open are the JVM's own (fd 7 was --in itself, 3-6 the JDK's jars): refused.
        for (int fd : new int[] {3, 4, 5, 6, 7, 987}) {
            CliProcess.Result r = CliProcess.bash(tmp, launched + "--key-fd " + fd);
            assertEquals(2, r.status(), r.err());
            assertEquals("chunkbench: --key-fd " + fd + ": no such open file descriptor (the caller opened 0, 1, 2); open "
                    + "the key on one, for example --key-fd 3 3<key.bin", r.err().strip());
        }
        // java -jar without the launcher's list: only standard input can be proved to be the caller's
        CliProcess.Result bare = CliProcess.bash(tmp, enc + "--key-fd 3 3<key.bin");
        assertEquals(2, bare.status(), bare.err());
        assertEquals("chunkbench: --key-fd 3: cannot tell whether the caller opened it (./chunkbench records the "
                + "descriptors it was given; java -jar does not): run through ./chunkbench, or give the key on standard "
                + "input with --key-fd 0", bare.err().strip());
        CliProcess.Result stdin = CliProcess.bash(tmp, "chunkbench encrypt --backend sunjce --iv " + IV + " --key-fd 0 --out out <key.bin");
        assertEquals(2, stdin.status(), stdin.err());
        assertEquals("chunkbench: --key-fd 0 is standard input, which is also the input to encrypt; give the input with "
                + "--in FILE or the key on another descriptor", stdin.err().strip());
    }

    /** The same rules in process, with the list given as the environment would: 1 and 2 are never a key's. */
    @Test
    void keyFdAcceptsOnlyADescriptorTheCallerHandedOver(@TempDir Path tmp) throws Exception {
        Path in = Files.write(tmp.resolve("in"), plain());
        var saved = KeySource.environment;
        long pid = ProcessHandle.current().pid();
        String[] enc = {"encrypt", "--backend", "sunjce", "--iv", IV, "--in", in.toString(), "--out", tmp.resolve("out").toString()};
        try {
            KeySource.environment = Map.of(Launcher.CALLER_FDS, pid + ":0,1,2")::get;
            for (String fd : new String[] {"3", "4", "5", "6", "7"}) {
                CliTest.Result r = run(CliTest.concat(enc, new String[] {"--key-fd", fd}));
                assertUsageError(r, "--key-fd " + fd + ": no such open file descriptor (the caller opened 0, 1, 2)");
            }
            assertUsageError(run(CliTest.concat(enc, new String[] {"--key-fd", "1"})), "--key-fd 1 is standard output");
            assertUsageError(run(CliTest.concat(enc, new String[] {"--key-fd", "2"})), "--key-fd 2 is standard error");
            // a list left in the environment by another process (another PID) proves nothing
            KeySource.environment = Map.of(Launcher.CALLER_FDS, (pid + 1) + ":0,1,2,7")::get;
            assertUsageError(run(CliTest.concat(enc, new String[] {"--key-fd", "7"})), "--key-fd 7: cannot tell whether the caller opened it");
            KeySource.environment = Map.<String, String>of()::get;
            assertUsageError(run(CliTest.concat(enc, new String[] {"--key-fd", "7"})), "--key-fd 7: cannot tell whether the caller opened it");
        } finally {
            KeySource.environment = saved;
        }
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    /** Character.digit takes Fullwidth and Arabic-Indic digits as hex; a key is ASCII hex, as the IV is. */
    @Test
    void keyHexIsAsciiOnly() {
        String fullwidth = KEY.chars().mapToObj(c -> new String(Character.toChars(c >= 'a' ? c - 'a' + 0xFF41 : c - '0' + 0xFF10)))
                .reduce("", String::concat);
        String arabicIndic = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669".repeat(3) + "\u0660\u0661";
        for (String text : new String[] {fullwidth, arabicIndic}) {
            Main.UsageException e = assertThrows(Main.UsageException.class, () -> KeySource.fromText("--key", text.toCharArray()));
            assertEquals("--key is not hex: character 1 of 32 is not a hex digit (0-9, a-f)", e.getMessage());
            CliTest.Result r = run("encrypt", "--backend", "sunjce", "--iv", IV, "--key", text);
            assertUsageError(r, "--key is not hex: character 1 of 32");
            // mistyped option names: picocli's "Unknown options" message echoes the arguments; not these
            for (String[] args : new String[][] {{"encrypt", "--kye", text, "--backend", "sunjce", "--iv", IV},
                {"encrypt", "--backend", "sunjce", "--iv", IV, "--key-fd", "0", text}}) {
                CliTest.Result u = run(args);
                assertEquals(2, u.status(), u.err());
                assertNoKeyCharacters(u, text);
            }
        }
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
