package org.chunkbench.cli;

import static org.chunkbench.cli.CliTest.IV;
import static org.chunkbench.cli.CliTest.KEY;
import static org.chunkbench.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.chunkbench.backends.Reference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** encrypt/decrypt lose nothing: not the input, not an existing output, not a write error. */
class CryptFilesTest {
    private static final byte[] PRECIOUS = "an existing file the user wants to keep\n".getBytes(StandardCharsets.UTF_8);

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        new Random(n).nextBytes(d);
        return d;
    }

    private static CliTest.Result encrypt(Path in, Path out, String... more) {
        String[] base = {"encrypt", "--backend", "sunjce", "--key", KEY, "--iv", IV, "--in", in.toString(), "--out", out.toString()};
        return run(CliTest.concat(base, more));
    }

    /** An existing output holding PRECIOUS, with these permissions. */
    private static Path precious(Path tmp, String mode) throws IOException {
        Path out = Files.write(tmp.resolve("out"), PRECIOUS);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(mode));
        return out;
    }

    private static void assertEncrypted(byte[] plain, Path out, CliTest.Result r) throws IOException {
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(Reference.ctrFromEcb(Reference.hex(KEY), Reference.hex(IV), plain), Files.readAllBytes(out));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anOutputThatIsTheInputIsRefusedByIdentityNotName(@TempDir Path tmp) throws Exception {
        byte[] original = data(100_000);
        Path f = Files.write(tmp.resolve("f"), original);
        Path hard = Files.createLink(tmp.resolve("hard"), f);
        Path soft = Files.createSymbolicLink(tmp.resolve("soft"), f);
        Path viaDotDot = tmp.resolve("sub").resolve("..").resolve("f");
        Files.createDirectory(tmp.resolve("sub"));
        for (Path[] inOut : new Path[][] {{f, f}, {f, hard}, {hard, f}, {soft, f}, {f, soft}, {f, viaDotDot}}) {
            CliTest.Result r = encrypt(inOut[0], inOut[1]);
            CliTest.assertUsageError(r, "is the same file as --in", "give another output file");
            assertArrayEquals(original, Files.readAllBytes(f), "input kept: --in " + inOut[0] + " --out " + inOut[1]);
        }
        assertEquals(List.of("f", "hard", "soft", "sub"), names(tmp), "no temporary file left");
    }

    /** The same through the shell's redirections: {@code --in - < f --out f} and {@code --in f >> f}. */
    @Test
    void standardInputOrOutputThatIsTheOtherFileIsRefused(@TempDir Path tmp) throws Exception {
        byte[] original = data(50_000);
        Path f = Files.write(tmp.resolve("f"), original);
        String enc = "chunkbench encrypt --backend sunjce --key " + KEY + " --iv " + IV;
        CliProcess.Result in = CliProcess.bash(tmp, enc + " --in - --out f < f");
        assertEquals(2, in.status(), in.err());
        assertEquals("chunkbench: --out f is the same file as standard input; writing it would destroy the input; "
                + "give another output file", in.err().strip());
        CliProcess.Result out = CliProcess.bash(tmp, enc + " --in f --out - >> f");
        assertEquals(2, out.status(), out.err());
        assertEquals("chunkbench: standard output is the same file as --in f; redirect it elsewhere", out.err().strip());
        assertArrayEquals(original, Files.readAllBytes(f));
    }

    @Test
    void aSymbolicLinkAsOutputIsRefusedAndNeitherItNorItsTargetChanges(@TempDir Path tmp) throws Exception {
        Path in = Files.write(tmp.resolve("in"), data(5000));
        Path other = Files.write(tmp.resolve("other"), PRECIOUS);
        Path link = Files.createSymbolicLink(tmp.resolve("link"), other);
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        CliTest.assertUsageError(encrypt(in, link), "--out " + link + " is a symbolic link", "give the real path");
        CliTest.assertUsageError(encrypt(in, dangling), "--out " + dangling + " is a symbolic link");
        assertArrayEquals(PRECIOUS, Files.readAllBytes(other));
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(dangling));
        assertFalse(Files.exists(tmp.resolve("nowhere"), LinkOption.NOFOLLOW_LINKS), "nothing created through a dangling link");
        CliTest.assertUsageError(encrypt(in, tmp), "is a directory");
        CliTest.assertUsageError(encrypt(in, tmp.resolve("no/such/dir/out")), "does not exist");
    }

    @Test
    void aDirectoryOrFifoAsInputFailsBeforeAnyOutputExists(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Path existing = Files.write(tmp.resolve("existing"), PRECIOUS);
        Path fresh = tmp.resolve("fresh");
        for (Path out : new Path[] {existing, fresh}) {
            CliTest.assertUsageError(encrypt(dir, out), "--in " + dir + " is a directory", "or - for standard input");
        }
        Path fifo = tmp.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor(), "mkfifo");
        for (Path out : new Path[] {existing, fresh}) {
            // Opening a FIFO for reading waits for a writer: the check must come before any open.
            CliTest.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> encrypt(fifo, out));
            CliTest.assertUsageError(r, "--in " + fifo + " is a FIFO (named pipe), not a regular file", "--in - <");
        }
        assertArrayEquals(PRECIOUS, Files.readAllBytes(existing));
        assertFalse(Files.exists(fresh), "no output file created");
        assertEquals(List.of("dir", "existing", "fifo"), names(tmp));
        // A device reads like a file: /dev/null is an empty input.
        CliTest.Result r = encrypt(Path.of("/dev/null"), fresh);
        assertEquals(0, r.status(), r.err());
        assertEquals(0, Files.size(fresh));
    }

    @Test
    void anUnreadableInputFailsBeforeAnyOutputExists(@TempDir Path tmp) throws Exception {
        Path in = Files.write(tmp.resolve("in"), data(100));
        Files.setPosixFilePermissions(in, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(in)) {
            // Root reads a mode-000 file. A write-only sysctl is refused even to root (procfs checks the table's mode).
            in = Path.of("/proc/sys/vm/drop_caches");
        }
        Assumptions.assumeFalse(Files.isReadable(in), "running as root (uid 0 reads a mode-000 file) and /proc/sys/vm/"
                + "drop_caches is readable or absent, so an unreadable input cannot be made here");
        Path out = tmp.resolve("out");
        CliTest.assertUsageError(encrypt(in, out), "--in " + in + ": permission denied");
        assertFalse(Files.exists(out));
    }

    /** Fails while reading after 3 chunks have been written: the temporary file goes, the target stays. */
    @Test
    void aFailureMidStreamLeavesTheExistingOutputAndNoTemporaryFile(@TempDir Path tmp) throws Exception {
        Path out = Files.write(tmp.resolve("out"), PRECIOUS);
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(data(3 * 4096 + 100)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("simulated read error");
            }
        });
        InputStream saved = System.in;
        CliTest.Result r;
        try {
            System.setIn(failing);
            r = run("encrypt", "--backend", "sunjce", "--key", KEY, "--iv", IV, "--chunk", "4096", "--in", "-", "--out", out.toString());
        } finally {
            System.setIn(saved);
        }
        assertEquals(Main.EXIT_FAILURE, r.status(), r.err());
        assertEquals("chunkbench: reading standard input after 12288 bytes: simulated read error", r.err().strip());
        assertArrayEquals(PRECIOUS, Files.readAllBytes(out), "existing output untouched");
        assertEquals(List.of("out"), names(tmp), "temporary file removed");
    }

    @Test
    void aSuccessReplacesTheOutputWholeAndKeepsItsPermissions(@TempDir Path tmp) throws Exception {
        byte[] plain = data(70_001);
        Path in = Files.write(tmp.resolve("in"), plain);
        Path out = precious(tmp, "rw-r-----");
        assertEncrypted(plain, out, encrypt(in, out, "--chunk", "4096"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals(List.of("in", "out"), names(tmp));
    }

    /** Standard output's errors are the descriptor's: a full disk and a closed pipe each give status 1 and one line. */
    @Test
    void writeErrorsOnStandardOutputExitOneWithOneLine(@TempDir Path tmp) throws Exception {
        Files.write(tmp.resolve("in"), data(4 << 20));
        String enc = "chunkbench encrypt --backend sunjce --key " + KEY + " --iv " + IV + " --in in --out -";
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full on this system");
        CliProcess.Result full = CliProcess.bash(tmp, enc + " >/dev/full");
        assertEquals(1, full.status(), full.err());
        assertEquals("chunkbench: writing standard output: No space left on device", full.err().strip());
        // pipefail: the status is the tool's, not head's. head exits after one byte, closing the pipe.
        CliProcess.Result pipe = CliProcess.bash(tmp, enc + " | head -c 1 >/dev/null");
        assertEquals(1, pipe.status(), pipe.err());
        assertEquals("chunkbench: writing standard output: Broken pipe", pipe.err().strip());
        // /dev/stdout is a link to a pipe here, not to a file: written directly, like -.
        CliProcess.Result viaLink = CliProcess.bash(tmp, enc.replace("--out -", "--out /dev/stdout")
                + " | cmp -s - <(openssl enc -aes-128-ctr -K " + KEY + " -iv " + IV + " -in in)");
        assertEquals(0, viaLink.status(), "--out /dev/stdout: " + viaLink.err());
        CliProcess.Result ok = CliProcess.bash(tmp, enc + " | cmp -s - <(openssl enc -aes-128-ctr -K " + KEY + " -iv " + IV + " -in in)");
        assertEquals(0, ok.status(), "standard output equals openssl enc: " + ok.err());
    }

    /** cp, a shell's > and openssl enc refuse a write-protected file; the rename would replace it regardless. */
    @Test
    void aReadOnlyOutputIsRefusedUnlessForce(@TempDir Path tmp) throws Exception {
        byte[] plain = data(5000);
        Path in = Files.write(tmp.resolve("in"), plain);
        Path out = precious(tmp, "r--r--r--");
        for (String command : new String[] {"encrypt", "decrypt"}) {
            CliTest.Result r = run(command, "--backend", "sunjce", "--key", KEY, "--iv", IV, "--in", in.toString(),
                    "--out", out.toString());
            assertEquals(Main.EXIT_USAGE, r.status(), r.err());
            assertEquals("chunkbench: --out " + out + " is write-protected (mode 0444); give --force to replace it, "
                    + "or another file", r.err().strip());
            assertArrayEquals(PRECIOUS, Files.readAllBytes(out));
            assertEquals(List.of("in", "out"), names(tmp));
        }
        assertEncrypted(plain, out, encrypt(in, out, "--force"));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)), "mode kept");
        // a writable output needs no --force, and a missing one neither
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(0, encrypt(in, out).status());
        assertEquals(0, encrypt(in, tmp.resolve("new")).status());
    }

    /** A name that fits NAME_MAX in UTF-8 but not with the temporary file's prefix and suffix once was an error naming only that file. */
    @Test
    void aLongMultibyteOutputNameIsWritten(@TempDir Path tmp) throws Exception {
        byte[] plain = data(1000);
        Path in = Files.write(tmp.resolve("in"), plain);
        Path out = tmp.resolve("\u00e9".repeat(125)); // 250 bytes of UTF-8
        assertEncrypted(plain, out, encrypt(in, out));
        assertEquals(2, names(tmp).size(), names(tmp).toString());
    }

    /** A failure at the rename (here the target became a directory meanwhile) names the target, never the temporary file. */
    @Test
    void aFailureAtTheRenameNamesTheTarget(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        IOException e;
        try (SafeOutput o = SafeOutput.open("--out", out)) {
            o.stream().write(PRECIOUS);
            Files.createDirectories(out.resolve("sub"));
            e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, o::commit);
            assertFalse(e.getMessage().contains(o.temp().getFileName().toString()), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("--out " + out + ": "), e.getMessage());
        assertEquals(List.of("out"), names(tmp), "temporary file removed");
    }
}
