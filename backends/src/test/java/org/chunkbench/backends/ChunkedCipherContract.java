package org.chunkbench.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every backend passes, the kernel one included: a subclass names the variant and nothing else.
 * Answers come from NIST SP 800-38A, one-shot SunJCE, CTR built from AES-ECB with BigInteger counters, and the
 * {@code openssl enc} command.
 */
public abstract class ChunkedCipherContract {

    /** The backend variant under test, as {@link Backends#open(String, CipherSpec)} takes it. */
    protected abstract String variant();

    /**
     * Backends that depend on the machine (the kernel's AF_ALG) return true: when unavailable their tests are
     * skipped with the reason printed. For every other backend unavailability is a failure.
     */
    protected boolean mayBeUnavailable() {
        return false;
    }

    /**
     * Breaks {@code c}'s engine underneath it, the way a failing native call or a throwing provider would, so that
     * its next chunk fails part-way. Each backend family does it with a real failure of its own engine.
     */
    protected abstract void sabotage(ChunkedCipher c) throws Exception;

    /** The largest chunk the cross-check uses; a backend that runs under emulation may lower it. */
    protected int largestChunk() {
        return 1 << 20;
    }

    @BeforeEach
    void requireBackend() {
        Availability a = Backends.get(BackendSpec.parse(variant()).name()).availability();
        if (!a.available() && mayBeUnavailable()) {
            String why = variant() + " skipped: " + a.reason();
            Assumptions.abort(why);
        }
        assertTrue(a.available(), () -> variant() + " must be available here: " + a.reason());
    }

    // ---- NIST SP 800-38A F.5.1 - F.5.6 ----

    static final String NIST_IV = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
    static final String NIST_PLAIN = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

    static Stream<Arguments> nistVectors() {
        return Stream.of(
                Arguments.of("F.5.1/F.5.2 CTR-AES128", "2b7e151628aed2a6abf7158809cf4f3c",
                        "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
                                + "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee"),
                Arguments.of("F.5.3/F.5.4 CTR-AES192", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
                        "1abc932417521ca24f2b0459fe7e6e0b090339ec0aa6faefd5ccc2c6f4ce8e94"
                                + "1e36b26bd1ebc670d1bd1d665620abf74f78a7f6d29809585a97daec58c6b050"),
                Arguments.of("F.5.5/F.5.6 CTR-AES256", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
                        "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
                                + "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nistVectors")
    void nistVectors(String name, String keyHex, String cipherHex) {
        byte[] key = Reference.hex(keyHex);
        byte[] iv = Reference.hex(NIST_IV);
        byte[] plain = Reference.hex(NIST_PLAIN);
        byte[] cipher = Reference.hex(cipherHex);
        for (Mode mode : Mode.values()) {
            for (int chunk : new int[] {16, 32, 64}) {
                for (String buf : new String[] {"heap", "direct"}) {
                    String where = name + " " + mode + " chunk " + chunk + " " + buf;
                    assertArrayEquals(cipher, Chunker.run(variant(), Direction.ENCRYPT, mode, key, iv, plain, chunk, buf),
                            where + " encrypt");
                    assertArrayEquals(plain, Chunker.run(variant(), Direction.DECRYPT, mode, key, iv, cipher, chunk, buf),
                            where + " decrypt");
                }
            }
        }
    }

    // ---- random data against one-shot SunJCE, every combination ----

    static Stream<Arguments> combinations() {
        List<Arguments> list = new ArrayList<>();
        for (int bits : new int[] {128, 192, 256}) {
            for (Mode mode : Mode.values()) {
                for (Direction dir : Direction.values()) {
                    for (String buf : new String[] {"heap", "direct"}) {
                        list.add(Arguments.of(bits, mode, dir, buf));
                    }
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "AES-{0} {1} {2} {3}")
    @MethodSource("combinations")
    void matchesOneShotSunJce(int bits, Mode mode, Direction dir, String buf) {
        Random rnd = new Random(bits * 31L + mode.ordinal() * 7L + dir.ordinal() * 3L + buf.length());
        byte[] key = new byte[bits / 8];
        byte[] iv = new byte[16];
        rnd.nextBytes(key);
        rnd.nextBytes(iv);
        for (int chunk : new int[] {16, 48, 4096, 65536, largestChunk()}) {
            // Two and a half chunks, then a ragged tail of 5 bytes: covers steady state and the last-chunk rule.
            int length = Math.max(2 * chunk + chunk / 2, 4096) / 16 * 16 + 5;
            byte[] data = new byte[length];
            rnd.nextBytes(data);
            byte[] expected = Reference.sunJceOneShot(key, iv, data);
            byte[] actual = Chunker.run(variant(), dir, mode, key, iv, data, chunk, buf);
            assertArrayEquals(expected, actual, variant() + " AES-" + bits + " " + mode + " " + dir + " " + buf
                    + " chunk " + chunk + " length " + length);
        }
    }

    // ---- counter wrap ----

    @ParameterizedTest(name = "iv {0}")
    @ValueSource(strings = {
        "0123456789abcdef fffffffffffffffd", // low 64 bits overflow into the high half
        "ffffffffffffffff fffffffffffffffe", // all 128 bits wrap to zero
        "00000000000000000000000000000000",
    })
    void counterWrapsLikeSp80038a(String ivText) {
        byte[] iv = Reference.hex(ivText.replace(" ", ""));
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] data = new byte[16 * 8 + 3];
        new Random(7).nextBytes(data);
        byte[] expected = Reference.ctrFromEcb(key, iv, data);
        for (Mode mode : Mode.values()) {
            for (int chunk : new int[] {16, 48, 4096}) {
                assertArrayEquals(expected, Chunker.run(variant(), Direction.ENCRYPT, mode, key, iv, data, chunk, "direct"),
                        "wrap from " + ivText + " " + mode + " chunk " + chunk);
            }
        }
    }

    // ---- the independent oracle: the openssl command ----

    static String opensslMissing() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? null : "'openssl version' failed";
        } catch (IOException e) {
            return "the openssl command is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static byte[] opensslEnc(int bits, byte[] key, byte[] iv, Path in, Path out) throws Exception {
        HexFormat hex = HexFormat.of();
        Process p = new ProcessBuilder("openssl", "enc", "-aes-" + bits + "-ctr", "-K", hex.formatHex(key), "-iv",
                hex.formatHex(iv), "-in", in.toString(), "-out", out.toString()).redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError("openssl enc failed: " + msg);
        }
        return Files.readAllBytes(out);
    }

    /** How the oracle's own skip reason starts; CI fails when a Surefire report holds one (.ci/run). */
    static final String ORACLE_SKIP = "no openssl oracle: ";

    @Test
    void matchesOpensslCommand(@TempDir Path tmp) throws Exception {
        String missing = opensslMissing();
        if (missing != null) {
            Assumptions.abort(ORACLE_SKIP + missing);
        }
        Random rnd = new Random(11);
        byte[] data = new byte[3 * 65536 + 21];
        rnd.nextBytes(data);
        Path in = tmp.resolve("plain.bin");
        Files.write(in, data);
        for (int bits : new int[] {128, 192, 256}) {
            byte[] key = new byte[bits / 8];
            byte[] iv = new byte[16];
            rnd.nextBytes(key);
            rnd.nextBytes(iv);
            byte[] expected = opensslEnc(bits, key, iv, in, tmp.resolve("openssl-" + bits + ".bin"));
            for (Mode mode : Mode.values()) {
                for (int chunk : new int[] {16, 4096, 65536}) {
                    assertArrayEquals(expected, Chunker.run(variant(), Direction.ENCRYPT, mode, key, iv, data, chunk, "heap"),
                            "openssl enc -aes-" + bits + "-ctr vs " + variant() + " " + mode + " chunk " + chunk);
                }
            }
        }
    }

    // ---- bad input: each error says what is wrong and what is allowed ----

    private ChunkedCipher open(Mode mode) {
        AesKey key = AesKey.ofBytes(new byte[16]);
        return Backends.open(variant(), mode == Mode.STREAM
                ? CipherSpec.stream(Direction.ENCRYPT, key, new byte[16]) : CipherSpec.perChunkIv(Direction.ENCRYPT, key));
    }

    static void assertMessage(Throwable t, String... parts) {
        for (String part : parts) {
            assertTrue(t.getMessage() != null && t.getMessage().contains(part),
                    () -> "message '" + t.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void rejectsWrongKeyLength() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> AesKey.ofBytes(new byte[20])),
                "20 bytes", "16, 24 or 32");
    }

    @Test
    void rejectsIvNot16Bytes() {
        AesKey key = AesKey.ofBytes(new byte[16]);
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> CipherSpec.stream(Direction.ENCRYPT, key, new byte[12])), "12 bytes", "exactly 16");
        try (ChunkedCipher c = open(Mode.PER_CHUNK_IV)) {
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> c.process(new byte[8], ByteBuffer.allocate(16), ByteBuffer.allocate(16))), "8 bytes", "exactly 16");
        }
    }

    @Test
    void rejectsChunkAfterRaggedOne() {
        try (ChunkedCipher c = open(Mode.STREAM)) {
            c.process(ByteBuffer.allocate(20), ByteBuffer.allocate(20));
            Throwable t = assertThrows(IllegalStateException.class,
                    () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
            assertMessage(t, "20 bytes", "multiple of 16");
        }
    }

    @Test
    void rejectsShortOutput() {
        try (ChunkedCipher c = open(Mode.STREAM)) {
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> c.process(ByteBuffer.allocate(64), ByteBuffer.allocate(32))), "32 bytes", "64 bytes");
        }
    }

    @Test
    void rejectsWrongModeCall() {
        try (ChunkedCipher c = open(Mode.STREAM)) {
            assertMessage(assertThrows(IllegalStateException.class,
                    () -> c.process(new byte[16], ByteBuffer.allocate(16), ByteBuffer.allocate(16))), "stream mode");
        }
        try (ChunkedCipher c = open(Mode.PER_CHUNK_IV)) {
            assertMessage(assertThrows(IllegalStateException.class,
                    () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16))), "per-chunk-iv");
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseThrows() {
        ChunkedCipher c = open(Mode.STREAM);
        c.process(ByteBuffer.allocate(32), ByteBuffer.allocate(32));
        c.close();
        assertDoesNotThrow(c::close);
        assertMessage(assertThrows(IllegalStateException.class,
                () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16))), "closed");
    }

    @Test
    void inPlaceOnOneBufferWorks() {
        byte[] key = new byte[16];
        byte[] iv = Reference.hex(NIST_IV);
        byte[] data = new byte[4096];
        new Random(3).nextBytes(data);
        byte[] expected = Reference.sunJceOneShot(key, iv, data);
        for (String kind : new String[] {"heap", "direct"}) {
            ByteBuffer buf = Reference.buffer(kind, data.length);
            buf.put(data).flip();
            try (ChunkedCipher c = Backends.open(variant(), CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(key), iv))) {
                c.process(buf, buf.duplicate());
            }
            byte[] actual = new byte[data.length];
            buf.flip().get(actual);
            assertArrayEquals(expected, actual, "in place, " + kind);
        }
    }

    @Test
    void arrayOverloadsMatchBuffers() {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        byte[] data = new byte[100];
        new Random(9).nextBytes(data);
        byte[] expected = Reference.sunJceOneShot(key, iv, data);
        byte[] out = new byte[110];
        try (ChunkedCipher c = Backends.open(variant(), CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(key), iv))) {
            c.process(data, 0, 64, out, 3);
            c.process(data, 64, 36, out, 3 + 64);
        }
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 3, 103), "stream mode on arrays");
        byte[] out2 = new byte[100];
        try (ChunkedCipher c = Backends.open(variant(), CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(key)))) {
            c.process(Reference.counterAt(iv, 32), data, 32, 32, out2, 32);
            c.process(Reference.counterAt(iv, 0), data, 0, 32, out2, 0);
            c.process(Reference.counterAt(iv, 64), data, 64, 36, out2, 64);
        }
        assertArrayEquals(expected, out2, "per-chunk-iv mode on arrays");
    }

    @Test
    void readOnlyOutputIsRejected() {
        try (ChunkedCipher c = open(Mode.STREAM)) {
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16).asReadOnlyBuffer())), "read-only");
        }
    }

    // ---- never a silent wrong answer: in place, read-only input, overlap, broken instances ----

    /** Larger than every backend's internal piece (64 KiB scratch or kernel piece, 256 KiB openssl staging). */
    private int bigChunk() {
        return largestChunk() + 48;
    }

    private static CipherSpec spec(Mode mode, byte[] key, byte[] iv) {
        return mode == Mode.STREAM ? CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(key), iv)
                : CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(key));
    }

    private static void step(ChunkedCipher c, Mode mode, byte[] iv, long offset, ByteBuffer in, ByteBuffer out) {
        if (mode == Mode.STREAM) {
            c.process(in, out);
        } else {
            c.process(Reference.counterAt(iv, (int) offset), in, out);
        }
    }

    @Test
    void inPlaceOnTheSameBufferObjectMatchesOutOfPlace() {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        for (int chunk : new int[] {4096, bigChunk()}) {
            byte[] data = new byte[2 * chunk];
            new Random(chunk).nextBytes(data);
            for (Mode mode : Mode.values()) {
                for (String kind : new String[] {"heap", "direct"}) {
                    byte[] expected = Chunker.run(variant(), Direction.ENCRYPT, mode, key, iv, data, chunk, kind);
                    ByteBuffer buf = Reference.buffer(kind, chunk);
                    byte[] actual = new byte[data.length];
                    try (ChunkedCipher c = Backends.open(variant(), spec(mode, key, iv))) {
                        for (int off = 0; off < data.length; off += chunk) {
                            buf.clear();
                            buf.put(data, off, chunk).flip();
                            step(c, mode, iv, off, buf, buf);
                            assertEquals(chunk, buf.position(), "in place advances the one buffer once");
                            buf.flip().get(actual, off, chunk);
                        }
                    }
                    assertArrayEquals(expected, actual, variant() + " process(buf, buf) " + mode + " " + kind + " chunk " + chunk);
                }
            }
        }
    }

    @Test
    void readOnlyInputWorks() {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        for (int chunk : new int[] {64, bigChunk()}) {
            byte[] data = new byte[2 * chunk];
            new Random(chunk + 1).nextBytes(data);
            byte[] expected = Reference.sunJceOneShot(key, iv, data);
            for (String inKind : new String[] {"heap", "direct"}) {
                for (String outKind : new String[] {"heap", "direct"}) {
                    ByteBuffer src = Reference.buffer(inKind, data.length);
                    src.put(data).flip();
                    ByteBuffer out = Reference.buffer(outKind, data.length);
                    try (ChunkedCipher c = Backends.open(variant(), spec(Mode.STREAM, key, iv))) {
                        for (int off = 0; off < data.length; off += chunk) {
                            ByteBuffer in = src.asReadOnlyBuffer().position(off).limit(off + chunk);
                            c.process(in, out);
                            assertEquals(0, in.remaining());
                        }
                    }
                    byte[] actual = new byte[data.length];
                    out.flip().get(actual);
                    assertArrayEquals(expected, actual, variant() + " read-only " + inKind + " input into " + outKind
                            + " chunk " + chunk);
                }
            }
        }
    }

    /** Input at 0 and output at {@code shift} (may be negative) in one backing store: the right answer or a clear error. */
    @ParameterizedTest(name = "{0} shift {1}")
    @MethodSource("overlaps")
    void overlapIsCorrectOrRejected(String kind, int shift, boolean readOnlyInput) {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        int len = bigChunk();
        byte[] data = new byte[len];
        new Random(len + shift).nextBytes(data);
        byte[] expected = Reference.sunJceOneShot(key, iv, data);
        int inAt = Math.max(0, -shift);
        int outAt = inAt + shift;
        ByteBuffer store = Reference.buffer(kind, len + Math.abs(shift));
        store.put(inAt, data);
        ByteBuffer in = store.duplicate().position(inAt).limit(inAt + len);
        if (readOnlyInput) {
            in = in.asReadOnlyBuffer();
        }
        ByteBuffer out = store.duplicate().position(outAt).limit(outAt + len);
        String where = variant() + " " + kind + (readOnlyInput ? " read-only input" : "") + ", output " + shift
                + " bytes after the input, chunk " + len;
        try (ChunkedCipher c = Backends.open(variant(), spec(Mode.STREAM, key, iv))) {
            IllegalArgumentException rejected = null;
            try {
                c.process(in, out);
            } catch (IllegalArgumentException e) {
                rejected = e;
            }
            if (rejected == null) {
                byte[] actual = new byte[len];
                store.get(outAt, actual);
                assertArrayEquals(expected, actual, where + ": accepted, so the output must be right");
                return;
            }
            assertMessage(rejected, "overlap", "same region");
            byte[] left = new byte[len];
            store.get(inAt, left);
            assertArrayEquals(data, left, where + ": rejected, so nothing may have been written");
            // A rejection happens before any work: the instance goes on from the start of the stream.
            ByteBuffer fresh = ByteBuffer.allocate(len);
            c.process(ByteBuffer.wrap(data), fresh);
            assertArrayEquals(expected, fresh.array(), where + ": the cipher after the rejection");
        }
    }

    static Stream<Arguments> overlaps() {
        List<Arguments> list = new ArrayList<>();
        for (String kind : new String[] {"heap", "direct"}) {
            for (int shift : new int[] {16, -16, 4096, 65536 + 16}) {
                list.add(Arguments.of(kind, shift, false));
            }
        }
        list.add(Arguments.of("heap", 16, true));
        list.add(Arguments.of("heap", 65536 + 16, true));
        return list.stream();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heap", "direct"})
    void failurePartWayBreaksTheInstance(String kind) throws Exception {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        int len = bigChunk();
        ChunkedCipher c = Backends.open(variant(), spec(Mode.STREAM, key, iv));
        try {
            c.process(Reference.buffer(kind, 4096), Reference.buffer(kind, 4096));
            sabotage(c);
            RuntimeException first = assertThrows(RuntimeException.class,
                    () -> c.process(Reference.buffer(kind, len), Reference.buffer(kind, len)), "the sabotaged chunk fails");
            for (int i = 0; i < 2; i++) {
                IllegalStateException later = assertThrows(IllegalStateException.class,
                        () -> c.process(Reference.buffer(kind, 16), Reference.buffer(kind, 16)), "every later chunk");
                assertMessage(later, "broken", first.toString());
            }
        } finally {
            assertDoesNotThrow(c::close, "a broken cipher still closes");
        }
        assertMessage(assertThrows(IllegalStateException.class,
                () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16))), "closed");
    }

    // ---- the array overloads: the same contract without ByteBuffers ----

    /**
     * One stream through the array overloads with everything a caller may vary between chunks: other arrays,
     * offsets, in place, a ByteBuffer chunk in between, and a ragged last chunk; then nothing more is taken.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void arrayChunksAcrossArraysOffsetsAndInPlaceMatchOneShot(Mode mode) {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        int chunk = 4096;
        byte[] data = new byte[3 * chunk + 32 + 20];
        new Random(11).nextBytes(data);
        byte[] expected = Reference.sunJceOneShot(key, iv, data);
        byte[] out = new byte[data.length];
        try (ChunkedCipher c = Backends.open(variant(), spec(mode, key, iv))) {
            arrayStep(c, mode, iv, 0, data, 0, chunk, out, 0);
            byte[] a = new byte[chunk + 5];
            System.arraycopy(data, chunk, a, 5, chunk);
            byte[] b = new byte[chunk + 9];
            arrayStep(c, mode, iv, chunk, a, 5, chunk, b, 9);
            System.arraycopy(b, 9, out, chunk, chunk);
            byte[] p = java.util.Arrays.copyOfRange(data, 2 * chunk, 3 * chunk);
            arrayStep(c, mode, iv, 2 * chunk, p, 0, chunk, p, 0);
            System.arraycopy(p, 0, out, 2 * chunk, chunk);
            step(c, mode, iv, 3 * chunk, ByteBuffer.wrap(data, 3 * chunk, 32), ByteBuffer.wrap(out, 3 * chunk, 32));
            arrayStep(c, mode, iv, 3 * chunk + 32, data, 3 * chunk + 32, 20, out, 3 * chunk + 32);
            assertArrayEquals(expected, out, variant() + " " + mode + " through the array overloads");
            Throwable t = assertThrows(IllegalStateException.class, () -> arrayStep(c, mode, iv, 0, data, 0, 16, out, 0));
            assertMessage(t, "20 bytes", "multiple of 16");
        }
    }

    static Stream<Mode> modes() {
        return Stream.of(Mode.values());
    }

    private static void arrayStep(ChunkedCipher c, Mode mode, byte[] iv, long offset, byte[] in, int inOff, int len,
                                  byte[] out, int outOff) {
        if (mode == Mode.STREAM) {
            c.process(in, inOff, len, out, outOff);
        } else {
            c.process(Reference.counterAt(iv, (int) offset), in, inOff, len, out, outOff);
        }
    }

    @Test
    void arrayInPlaceMatchesBuffers() {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        for (int chunk : new int[] {16, 4096, bigChunk()}) {
            byte[] data = new byte[2 * chunk];
            new Random(chunk + 2).nextBytes(data);
            for (Mode mode : Mode.values()) {
                byte[] expected = Chunker.run(variant(), Direction.ENCRYPT, mode, key, iv, data, chunk, "heap");
                byte[] store = new byte[chunk + 3];
                byte[] actual = new byte[data.length];
                try (ChunkedCipher c = Backends.open(variant(), spec(mode, key, iv))) {
                    for (int off = 0; off < data.length; off += chunk) {
                        System.arraycopy(data, off, store, 3, chunk);
                        arrayStep(c, mode, iv, off, store, 3, chunk, store, 3);
                        System.arraycopy(store, 3, actual, off, chunk);
                    }
                }
                assertArrayEquals(expected, actual, variant() + " in place on one array, " + mode + ", chunk " + chunk);
            }
        }
    }

    /** Within one array, anything but the same region is refused before any work, whatever the backend. */
    @ParameterizedTest(name = "shift {0}")
    @ValueSource(ints = {16, -16, 4096, 65536 + 16, 1})
    void arrayOverlapIsRejectedBeforeAnyWork(int shift) {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        int len = bigChunk();
        byte[] data = new byte[len];
        new Random(len - shift).nextBytes(data);
        byte[] expected = Reference.sunJceOneShot(key, iv, data);
        int inAt = Math.max(0, -shift);
        int outAt = inAt + shift;
        byte[] store = new byte[len + Math.abs(shift)];
        System.arraycopy(data, 0, store, inAt, len);
        byte[] before = store.clone();
        for (Mode mode : Mode.values()) {
            try (ChunkedCipher c = Backends.open(variant(), spec(mode, key, iv))) {
                Throwable t = assertThrows(IllegalArgumentException.class,
                        () -> arrayStep(c, mode, iv, 0, store, inAt, len, store, outAt));
                assertMessage(t, "overlap", "same region", shift + " bytes after");
                assertArrayEquals(before, store, variant() + " " + mode + " shift " + shift + ": nothing may be written");
                byte[] fresh = new byte[len];
                arrayStep(c, mode, iv, 0, data, 0, len, fresh, 0);
                assertArrayEquals(expected, fresh, variant() + " " + mode + ": the cipher after the rejection");
            }
        }
    }

    @Test
    void arrayBoundsAndShortOutputAreRefusedBeforeAnyWork() {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        byte[] data = new byte[64];
        new Random(5).nextBytes(data);
        byte[] expected = Reference.sunJceOneShot(key, iv, data);
        for (Mode mode : Mode.values()) {
            try (ChunkedCipher c = Backends.open(variant(), spec(mode, key, iv))) {
                byte[] out = new byte[64];
                int[][] bad = {{-1, 16, 0}, {56, 16, 0}, {0, -16, 0}, {0, 16, -1}, {0, 16, 65}, {Integer.MAX_VALUE, 16, 0}};
                for (int[] b : bad) {
                    assertThrows(IndexOutOfBoundsException.class, () -> arrayStep(c, mode, iv, 0, data, b[0], b[1], out, b[2]),
                            () -> variant() + " " + mode + " inOff=" + b[0] + " len=" + b[1] + " outOff=" + b[2]);
                }
                assertMessage(assertThrows(IllegalArgumentException.class,
                        () -> arrayStep(c, mode, iv, 0, data, 0, 64, out, 32)), "32 bytes left", "64 bytes");
                assertMessage(assertThrows(IllegalArgumentException.class,
                        () -> arrayStep(c, mode, iv, 0, data, 0, 64, new byte[16], 0)), "16 bytes left", "64 bytes");
                if (mode == Mode.PER_CHUNK_IV) {
                    assertMessage(assertThrows(IllegalArgumentException.class,
                            () -> c.process(new byte[8], data, 0, 16, out, 0)), "8 bytes", "exactly 16");
                }
                assertArrayEquals(new byte[64], out, "nothing written by a refused call");
                arrayStep(c, mode, iv, 0, data, 0, 64, out, 0);
                assertArrayEquals(expected, out, variant() + " " + mode + ": the cipher after the refusals");
            }
        }
    }

    @Test
    void arrayWrongModeAndClosedAreRefused() {
        byte[] a = new byte[16];
        try (ChunkedCipher c = open(Mode.STREAM)) {
            assertMessage(assertThrows(IllegalStateException.class,
                    () -> c.process(new byte[16], a, 0, 16, new byte[16], 0)), "stream mode");
            c.process(a, 0, 16, new byte[16], 0);
        }
        try (ChunkedCipher c = open(Mode.PER_CHUNK_IV)) {
            assertMessage(assertThrows(IllegalStateException.class,
                    () -> c.process(a, 0, 16, new byte[16], 0)), "per-chunk-iv");
            c.process(new byte[16], a, 0, 16, new byte[16], 0);
        }
        for (Mode mode : Mode.values()) {
            ChunkedCipher c = open(mode);
            arrayStep(c, mode, new byte[16], 0, a, 0, 16, new byte[16], 0);
            c.close();
            assertDoesNotThrow(c::close);
            assertMessage(assertThrows(IllegalStateException.class,
                    () -> arrayStep(c, mode, new byte[16], 16, a, 0, 16, new byte[16], 0)), "closed");
        }
    }

    @Test
    void arrayFailurePartWayBreaksTheInstance() throws Exception {
        byte[] key = Reference.hex("000102030405060708090a0b0c0d0e0f");
        byte[] iv = Reference.hex(NIST_IV);
        int len = bigChunk();
        ChunkedCipher c = Backends.open(variant(), spec(Mode.STREAM, key, iv));
        try {
            c.process(new byte[4096], 0, 4096, new byte[4096], 0);
            sabotage(c);
            RuntimeException first = assertThrows(RuntimeException.class,
                    () -> c.process(new byte[len], 0, len, new byte[len], 0), "the sabotaged chunk fails");
            for (int i = 0; i < 2; i++) {
                IllegalStateException later = assertThrows(IllegalStateException.class,
                        () -> c.process(new byte[16], 0, 16, new byte[16], 0), "every later chunk on arrays");
                assertMessage(later, "broken", first.toString());
                later = assertThrows(IllegalStateException.class,
                        () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)), "and on buffers");
                assertMessage(later, "broken", first.toString());
            }
        } finally {
            assertDoesNotThrow(c::close, "a broken cipher still closes");
        }
        assertMessage(assertThrows(IllegalStateException.class,
                () -> c.process(new byte[16], 0, 16, new byte[16], 0)), "closed");
    }
}
