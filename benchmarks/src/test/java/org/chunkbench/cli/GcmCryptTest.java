package org.chunkbench.cli;

import static org.chunkbench.cli.CliTest.KEY;
import static org.chunkbench.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.chunkbench.backends.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * encrypt/decrypt --cipher aes-gcm: the format of docs/cli.md (each chunk one record, ciphertext then 16-byte tag, no
 * header), the published GCM test cases, and a decrypt that stops at the first bad record without handing out its
 * plaintext.
 */
class GcmCryptTest {
    static final String IV = "cafebabefacedbaddecaf888";
    static final String AAD = "17030300ff0000000000000001"; // 13 bytes, as a TLS record header

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        new Random(n).nextBytes(d);
        return d;
    }

    private static CliTest.Result gcm(String command, String backend, Path in, Path out, String... more) {
        String[] base = {command, "--cipher", "aes-gcm", "--backend", backend, "--key", KEY, "--iv", IV, "--in", in.toString(),
            "--out", out.toString()};
        return run(CliTest.concat(base, more));
    }

    /** The format, computed record by record with one-shot SunJCE: chunk i sealed with nonce IV xor i. */
    static byte[] expected(byte[] key, byte[] iv, byte[] aad, byte[] plain, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0, i = 0; off < plain.length; off += chunk, i++) {
            byte[] record = Arrays.copyOfRange(plain, off, Math.min(plain.length, off + chunk));
            out.writeBytes(Reference.gcm(key, Reference.recordNonce(iv, i), aad, record));
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sunjce", "bc", "bc-lightweight", "conscrypt", "openssl"})
    void encryptWritesTheDocumentedRecordsAndDecryptRestoresThem(String backend, @TempDir Path tmp) throws Exception {
        for (int size : new int[] {200_003, 3 * 4096, 1}) {
            byte[] plain = data(size);
            Path in = Files.write(tmp.resolve("in"), plain);
            Path enc = tmp.resolve("enc");
            Path dec = tmp.resolve("dec");
            CliTest.Result r = gcm("encrypt", backend, in, enc, "--chunk", "4096", "--aad", AAD);
            assertEquals(0, r.status(), r.err());
            assertArrayEquals(expected(Reference.hex(KEY), Reference.hex(IV), Reference.hex(AAD), plain, 4096),
                    Files.readAllBytes(enc), backend + " " + size);
            r = gcm("decrypt", backend, enc, dec, "--chunk", "4096", "--aad", AAD);
            assertEquals(0, r.status(), r.err());
            assertArrayEquals(plain, Files.readAllBytes(dec), backend + " " + size + " round trip");
        }
    }

    /** Each published case is one record: a chunk of 64 bytes holds its whole plaintext. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.chunkbench.backends.GcmSpecVectors#cases")
    void theGcmSpecificationTestCasesThroughEncryptAndDecrypt(String name, String key, String iv, String aad, String plain,
            String cipher, String tag, @TempDir Path tmp) throws Exception {
        Path in = Files.write(tmp.resolve("in"), Reference.hex(plain));
        Path enc = tmp.resolve("enc");
        Path dec = tmp.resolve("dec");
        for (String backend : new String[] {"sunjce", "bc", "bc-lightweight", "conscrypt", "openssl"}) {
            String[] common = {"--cipher", "aes-gcm", "--backend", backend, "--key", key, "--iv", iv, "--chunk", "64"};
            String[] withAad = aad.isEmpty() ? common : CliTest.concat(common, new String[] {"--aad", aad});
            CliTest.Result r = run(CliTest.concat(new String[] {"encrypt", "--in", in.toString(), "--out", enc.toString()}, withAad));
            assertEquals(0, r.status(), r.err());
            // Test Cases 1 and 13 have no plaintext: an empty input is zero records, so no tag is written for them
            byte[] want = plain.isEmpty() ? new byte[0] : Reference.hex(cipher + tag);
            assertArrayEquals(want, Files.readAllBytes(enc), backend + " " + name);
            r = run(CliTest.concat(new String[] {"decrypt", "--in", enc.toString(), "--out", dec.toString()}, withAad));
            assertEquals(0, r.status(), r.err());
            assertArrayEquals(Reference.hex(plain), Files.readAllBytes(dec), backend + " " + name + " decrypted");
        }
    }

    @Test
    void anEmptyInputIsZeroRecordsAndAnEmptyOutput(@TempDir Path tmp) throws Exception {
        Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
        for (String command : new String[] {"encrypt", "decrypt"}) {
            Path out = tmp.resolve(command + ".out");
            CliTest.Result r = gcm(command, "sunjce", empty, out);
            assertEquals(0, r.status(), r.err());
            assertEquals(0, Files.size(out), command);
        }
    }

    private static final byte[] PRECIOUS = "an existing file the user wants to keep\n".getBytes(StandardCharsets.UTF_8);

    /**
     * A byte changed in record 2 (of 5), a tag cut short, the wrong associated data, --chunk or IV: decrypt exits 1 with
     * one line naming the record, leaves an existing --out as it was and no temporary file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sunjce", "bc", "bc-lightweight", "conscrypt", "openssl"})
    void decryptStopsAtTheFirstBadRecordAndWritesNoFile(String backend, @TempDir Path tmp) throws Exception {
        byte[] plain = data(4 * 4096 + 100);
        Path in = Files.write(tmp.resolve("in"), plain);
        Path enc = tmp.resolve("enc");
        assertEquals(0, gcm("encrypt", backend, in, enc, "--chunk", "4096", "--aad", AAD).status());
        byte[] sealed = Files.readAllBytes(enc);
        int record = 4096 + 16;

        byte[] flipped = sealed.clone();
        flipped[2 * record + 100] ^= 0x01;
        assertRejected(backend, tmp, flipped, 2, 2 * record, 3 * record, "--chunk", "4096", "--aad", AAD);
        byte[] tagFlipped = sealed.clone();
        tagFlipped[3 * record - 1] ^= (byte) 0x80;
        assertRejected(backend, tmp, tagFlipped, 2, 2 * record, 3 * record, "--chunk", "4096", "--aad", AAD);
        byte[] cut = Arrays.copyOf(sealed, 4 * record + 10); // the last record shorter than a tag
        assertRejected(backend, tmp, cut, 4, 4 * record, 4 * record + 10, "--chunk", "4096", "--aad", AAD);
        assertRejected(backend, tmp, sealed, 0, 0, record, "--chunk", "4096", "--aad", AAD.replace("ff", "fe"));
        assertRejected(backend, tmp, sealed, 0, 0, record, "--chunk", "4096");
        assertRejected(backend, tmp, sealed, 0, 0, 8192 + 16, "--chunk", "8192", "--aad", AAD);
        byte[] swapped = sealed.clone(); // records 1 and 2 exchanged: each is checked under its own index
        System.arraycopy(sealed, 2 * record, swapped, record, record);
        System.arraycopy(sealed, record, swapped, 2 * record, record);
        assertRejected(backend, tmp, swapped, 1, record, 2 * record, "--chunk", "4096", "--aad", AAD);
    }

    private static void assertRejected(String backend, Path tmp, byte[] sealed, long index, long from, long to,
            String... more) throws Exception {
        Path bad = Files.write(tmp.resolve("bad"), sealed);
        Path out = Files.write(tmp.resolve("out"), PRECIOUS);
        CliTest.Result r = gcm("decrypt", backend, bad, out, more);
        assertEquals(Main.EXIT_FAILURE, r.status(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("chunkbench: --in " + bad + ": record " + index + " "), err);
        assertTrue(err.endsWith("(record at bytes " + from + " to " + to + "); stopped there: --out " + out
                + " was not written"), err);
        assertArrayEquals(PRECIOUS, Files.readAllBytes(out), "existing output untouched");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
                    "no temporary file left");
        }
        Files.delete(out);
        assertEquals(Main.EXIT_FAILURE, gcm("decrypt", backend, bad, out, more).status());
        assertFalse(Files.exists(out), "no output file appears");
    }

    /** On standard output, the records before the bad one (verified) are written, and nothing of it or after it. */
    @Test
    void onStandardOutputOnlyVerifiedRecordsAreWritten(@TempDir Path tmp) throws Exception {
        byte[] plain = data(5 * 4096);
        Path in = Files.write(tmp.resolve("in"), plain);
        Path enc = tmp.resolve("enc");
        assertEquals(0, gcm("encrypt", "sunjce", in, enc, "--chunk", "4096").status());
        byte[] sealed = Files.readAllBytes(enc);
        sealed[3 * (4096 + 16) + 5] ^= 0x01;
        Files.write(enc, sealed);
        CliProcess.Result r = CliProcess.bash(tmp, "chunkbench decrypt --cipher aes-gcm --backend sunjce --key " + KEY + " --iv "
                + IV + " --chunk 4096 --in enc --out - > plain.out");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().strip().startsWith("chunkbench: --in enc: record 3 failed authentication"), r.err());
        assertTrue(r.err().strip().endsWith("stopped there: earlier records, all verified, were written to standard output"),
                r.err());
        assertArrayEquals(Arrays.copyOf(plain, 3 * 4096), Files.readAllBytes(tmp.resolve("plain.out")));
    }

    @Test
    void optionsOfTheOtherCipherAreRefused(@TempDir Path tmp) throws Exception {
        Path in = Files.write(tmp.resolve("in"), data(64));
        Path out = tmp.resolve("out");
        String[] files = {"--in", in.toString(), "--out", out.toString()};
        CliTest.assertUsageError(run(CliTest.concat(new String[] {"encrypt", "--cipher", "aes-gcm", "--backend", "sunjce",
            "--key", KEY, "--iv", CliTest.IV}, files)), "--iv is 16 bytes", "AES-GCM needs exactly 12 (24 hex digits)");
        CliTest.assertUsageError(gcm("encrypt", "sunjce", in, out, "--mode", "stream"), "--mode applies to aes-ctr only");
        CliTest.assertUsageError(run(CliTest.concat(new String[] {"encrypt", "--backend", "sunjce", "--key", KEY, "--iv",
            CliTest.IV, "--aad", AAD}, files)), "--aad applies to --cipher aes-gcm only");
        CliTest.assertUsageError(run(CliTest.concat(new String[] {"encrypt", "--cipher", "aes-ccm", "--backend", "sunjce",
            "--key", KEY, "--iv", IV}, files)), "unknown cipher 'aes-ccm'", "aes-ctr or aes-gcm");
        CliTest.assertUsageError(gcm("encrypt", "sunjce", in, out, "--aad", "xyz"), "--aad is not hex");
        // the kernel's CTR-only options are refused for aes-gcm; where AF_ALG is out of reach, that is said first
        CliTest.Result r = gcm("encrypt", "kernel", in, out, "--driver", "ctr(aes)");
        if (org.chunkbench.backends.Backends.get("kernel").availability().available()) {
            CliTest.assertUsageError(r, "kernel: option driver=ctr(aes) applies to aes-ctr only; aes-gcm binds aead gcm(aes)");
        } else {
            assertEquals(Main.EXIT_FAILURE, r.status(), r.err());
            assertTrue(r.err().startsWith("chunkbench: backend kernel is not available: "), r.err());
        }
        assertFalse(Files.exists(out));
    }
}
