package org.chunkbench.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AES-GCM sealed-records contract, for every backend that has it: the published GCM test cases, the record
 * nonce, agreement with one-shot SunJCE on random records (so all backends agree byte for byte), and no plaintext
 * from a record that does not verify. A subclass names its variants ({@link #variants()}); each test runs once per
 * variant. {@code binding=ffm} variants are skipped with {@link FfmSupport}'s reason below JDK 22.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SealedRecordsContract {

    /** The backend variants under test, as {@link Backends#openAead(String, AeadSpec)} takes them. */
    protected abstract List<String> variants();

    /**
     * Backends that depend on the machine (the kernel's AF_ALG) return true: when unavailable their tests are
     * skipped with the reason. For every other backend unavailability is a failure.
     */
    protected boolean mayBeUnavailable() {
        return false;
    }

    /** The largest random record; a backend that runs under emulation may lower it. */
    protected int largestRecord() {
        return 65536;
    }

    static Stream<Arguments> gcmSpecCases() {
        return GcmSpecVectors.cases();
    }

    Stream<Arguments> backendsAndCases() {
        List<Arguments> all = new ArrayList<>();
        for (String b : variants()) {
            gcmSpecCases().forEach(c -> {
                Object[] args = new Object[c.get().length + 1];
                args[0] = b;
                System.arraycopy(c.get(), 0, args, 1, c.get().length);
                all.add(Arguments.of(args));
            });
        }
        return all.stream();
    }

    /** Record 0's nonce is the IV itself, so each test case is record 0 of a cipher opened with its IV. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndCases")
    void theGcmSpecificationTestCasesSealAndOpen(String backend, String name, String key, String iv, String aad,
            String plain, String cipher, String tag) {
        byte[] a = Reference.hex(aad);
        byte[] p = Reference.hex(plain);
        byte[] sealed = new byte[p.length + 16];
        try (SealedRecords r = open(backend, Reference.hex(key), Reference.hex(iv), a.length)) {
            assertEquals(p.length + 16, r.seal(0, a, p, 0, p.length, sealed, 0));
            assertArrayEquals(Reference.hex(cipher + tag), sealed, backend + " " + name);
            byte[] opened = new byte[p.length];
            assertEquals(p.length, r.open(0, a, sealed, 0, sealed.length, opened, 0));
            assertArrayEquals(p, opened, backend + " " + name + " opened");
        }
    }

    /** Record i's nonce is the IV with i XORed big-endian into its last 8 bytes, computed by Reference with ByteBuffer. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void recordNonceIsTheIvXorTheIndex(String backend) {
        Material m = Material.of(1, 33);
        try (SealedRecords r = open(backend, m.key(), m.iv(), m.aad().length)) {
            for (long index : new long[] {0, 1, 255, 256, 1L << 32, (1L << 40) + 5, Long.MAX_VALUE}) {
                byte[] nonce = Reference.recordNonce(m.iv(), index);
                byte[] sealed = new byte[m.plain().length + 16];
                r.seal(index, m.aad(), m.plain(), 0, m.plain().length, sealed, 0);
                assertArrayEquals(Reference.gcm(m.key(), nonce, m.aad(), m.plain()), sealed, backend + " record " + index);
            }
        }
    }

    /** Every backend gives one-shot SunJCE's bytes (so all agree), record by record, at every size, then opens them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void randomRecordsOfEverySizeEqualOneShotSunJceAndOpen(String backend) {
        int[] sizes = {0, 16, 48, 1000, 4096, largestRecord()};
        for (int keyBytes : new int[] {16, 24, 32}) {
            for (int aadLength : new int[] {0, 13}) {
                byte[] key = random(keyBytes, keyBytes);
                byte[] iv = random(12, aadLength);
                if (keyBytes == 24 && backend.equals("conscrypt")) {
                    // BoringSSL has AES-128-GCM and AES-256-GCM only: refused at open, before any record
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> open(backend, key, iv, aadLength));
                    assertTrue(e.getMessage().startsWith("conscrypt aes-gcm does not take an AES-192 key: "), e.getMessage());
                    continue;
                }
                try (SealedRecords r = open(backend, key, iv, aadLength)) {
                    long index = 0;
                    for (int size : sizes) {
                        for (int rep = 0; rep < 2; rep++, index++) {
                            byte[] aad = aadLength == 0 ? null : random(aadLength, (int) index);
                            byte[] plain = random(size, size + rep);
                            byte[] nonce = Reference.recordNonce(iv, index);
                            byte[] sealed = new byte[size + 16 + 7];
                            assertEquals(size + 16, r.seal(index, aad, plain, 0, size, sealed, 7));
                            String what = backend + " AES-" + keyBytes * 8 + " aad " + aadLength + " size " + size;
                            assertArrayEquals(Reference.gcm(key, nonce, aad == null ? new byte[0] : aad, plain),
                                    Arrays.copyOfRange(sealed, 7, sealed.length), what);
                            byte[] opened = new byte[size + 3];
                            assertEquals(size, r.open(index, aad, sealed, 7, size + 16, opened, 3));
                            assertArrayEquals(plain, Arrays.copyOfRange(opened, 3, opened.length), what + " opened");
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void inPlaceSealAndOpen(String backend) {
        byte[] key = random(32, 9);
        byte[] iv = random(12, 10);
        for (int size : new int[] {0, 16, 100, largestRecord()}) {
            byte[] plain = random(size, size);
            byte[] buf = Arrays.copyOf(plain, size + 16);
            try (SealedRecords r = open(backend, key, iv, 0)) {
                r.seal(3, null, buf, 0, size, buf, 0);
                assertArrayEquals(Reference.gcm(key, Reference.recordNonce(iv, 3), new byte[0], plain), buf,
                        backend + " sealed in place " + size);
                assertEquals(size, r.open(3, null, buf, 0, size + 16, buf, 0));
                assertArrayEquals(plain, Arrays.copyOf(buf, size), backend + " opened in place " + size);
            }
        }
    }

    static final byte FILL = (byte) 0x5a;

    /**
     * Each byte of a sealed record (ciphertext and tag) flipped once, each byte of its associated data flipped once,
     * another record index, another IV and a record cut short: every one is the same exception naming the record, and
     * the output region holds zeros, while the bytes around it keep what they had.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void aChangedRecordIsRejectedAndNoneOfItsPlaintextIsReleased(String backend) {
        Material m = Material.of(11, 40);
        long index = 5;
        byte[] sealed = new byte[m.plain().length + 16];
        try (SealedRecords r = open(backend, m.key(), m.iv(), m.aad().length)) {
            r.seal(index, m.aad(), m.plain(), 0, m.plain().length, sealed, 0);
            for (int pos = 0; pos < sealed.length; pos++) {
                byte[] bad = sealed.clone();
                bad[pos] ^= 0x01;
                assertRejected(r, index, index, m.aad(), bad, bad.length, backend + " byte " + pos + " flipped");
            }
            for (int pos = 0; pos < m.aad().length; pos++) {
                byte[] badAad = m.aad().clone();
                badAad[pos] ^= 0x01;
                assertRejected(r, index, index, badAad, sealed, sealed.length, backend + " aad byte " + pos + " flipped");
            }
            for (long other : new long[] {0, 4, 6, index ^ (1L << 40), Long.MAX_VALUE}) {
                assertRejected(r, other, other, m.aad(), sealed, sealed.length, backend + " opened as record " + other);
            }
            for (int len : new int[] {sealed.length - 1, 16, 15, 0}) {
                assertRejected(r, index, index, m.aad(), sealed, len, backend + " cut to " + len + " bytes");
            }
            // the instance is still usable, and the record itself opens
            byte[] opened = new byte[m.plain().length];
            r.open(index, m.aad(), sealed, 0, sealed.length, opened, 0);
            assertArrayEquals(m.plain(), opened);
        }
        byte[] otherIv = m.iv().clone();
        otherIv[0] ^= 0x01;
        try (SealedRecords r = open(backend, m.key(), otherIv, m.aad().length)) {
            assertRejected(r, index, index, m.aad(), sealed, sealed.length, backend + " another IV");
        }
    }

    /** The variants that call native code (openssl, kernel): they promise no allocation per record. */
    Stream<String> nativeVariants() {
        return variants().stream().filter(v -> v.startsWith("openssl") || v.startsWith("kernel"));
    }

    /**
     * Native backends seal and open records without allocating in the steady state (the JCA ones cannot: their
     * {@code init} takes a new {@code GCMParameterSpec} per record). Counted by the JVM for this thread over windows
     * of 5 000 records after a warm-up; the steady state is reached when the JIT has compiled the path (under the
     * kernel VM's emulation that can take several windows, until then FFM's downcalls allocate), so the best of up
     * to 10 windows must be below what one small object per record would cost. {@code @Order(1)}: a subclass that
     * orders its methods ({@code kernel.KernelGcmContractTest}) runs it first, before other tests shape the JIT's
     * profiles of the cipher's calls.
     */
    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeVariants")
    void nativeBackendsAllocateNothingPerRecordInSteadyState(String backend) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes");
        Material m = Material.of(13, 256);
        byte[] sealed = new byte[256 + 16];
        byte[] opened = new byte[256];
        try (SealedRecords r = open(backend, m.key(), m.iv(), m.aad().length)) {
            long index = 0;
            for (; index < 20_000; index++) {
                r.seal(index, m.aad(), m.plain(), 0, 256, sealed, 0);
                r.open(index, m.aad(), sealed, 0, sealed.length, opened, 0);
            }
            long id = Thread.currentThread().getId();
            int records = 5_000;
            List<Long> windows = new ArrayList<>();
            for (int w = 0; w < 10 && (windows.isEmpty() || windows.get(windows.size() - 1) >= 4096); w++) {
                long before = threads.getThreadAllocatedBytes(id);
                for (int i = 0; i < records; i++, index++) {
                    r.seal(index, m.aad(), m.plain(), 0, 256, sealed, 0);
                    r.open(index, m.aad(), sealed, 0, sealed.length, opened, 0);
                }
                windows.add(threads.getThreadAllocatedBytes(id) - before);
            }
            // One 16-byte object per record would be 80,000 bytes a window; the counter call itself may allocate a little.
            long best = windows.stream().mapToLong(Long::longValue).min().getAsLong();
            assertTrue(best < 4096, backend + " allocated, per window of " + records + " records sealed and opened: " + windows);
            assertArrayEquals(m.plain(), opened);
        }
    }

    /**
     * A record of no plaintext is its tag alone, and that tag is still checked: each byte flipped is rejected, with
     * and without associated data, and the instance goes on sealing and opening.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void anEmptyRecordIsItsTagAndTheTagIsChecked(String backend) {
        for (int aadLength : new int[] {0, 13}) {
            Material m = Material.of(12, 0);
            byte[] aad = aadLength == 0 ? null : m.aad();
            try (SealedRecords r = open(backend, m.key(), m.iv(), aadLength)) {
                byte[] tag = new byte[16];
                assertEquals(16, r.seal(0, aad, new byte[0], 0, 0, tag, 0));
                assertArrayEquals(Reference.gcm(m.key(), m.iv(), aad == null ? new byte[0] : aad, new byte[0]), tag);
                for (int pos = 0; pos < 16; pos++) {
                    byte[] bad = tag.clone();
                    bad[pos] ^= 0x01;
                    assertRejected(r, 0, 0, aad, bad, 16, backend + " aad " + aadLength + " tag byte " + pos + " flipped");
                }
                assertEquals(0, r.open(0, aad, tag, 0, 16, new byte[0], 0));
                byte[] sealed = new byte[m.plain().length + 32];
                assertEquals(16, r.seal(1, aad, new byte[0], 0, 0, sealed, 0));
                assertEquals(0, r.open(1, aad, sealed, 0, 16, new byte[0], 0));
            }
        }
    }

    private static void assertRejected(SealedRecords r, long index, long named, byte[] aad, byte[] sealed, int len,
            String what) {
        int plainLen = Math.max(0, len - 16);
        byte[] out = new byte[plainLen + 8];
        Arrays.fill(out, FILL);
        RecordAuthenticationException e = assertThrows(RecordAuthenticationException.class,
                () -> r.open(index, aad, sealed, 0, len, out, 4), what);
        assertEquals(named, e.record(), what);
        assertTrue(e.getMessage().startsWith("record " + named + " "), what + ": " + e.getMessage());
        for (int i = 0; i < out.length; i++) {
            byte expected = i >= 4 && i < 4 + plainLen ? 0 : FILL;
            assertEquals(expected, out[i], what + ": output byte " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void sealingRefusesAnIndexNotAboveTheLastSoNoNonceIsReused(String backend) {
        byte[] plain = random(32, 20);
        byte[] out = new byte[48];
        try (SealedRecords r = open(backend, random(16, 21), random(12, 22), 0)) {
            r.seal(3, null, plain, 0, 32, out, 0);
            byte[] first = out.clone();
            for (long again : new long[] {3, 2, 0}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> r.seal(again, null, plain, 0, 32, out, 0));
                assertEquals("record " + again + " cannot be sealed after record 3: records are sealed in increasing order, "
                        + "so that no nonce is used twice", e.getMessage());
                assertArrayEquals(first, out, "nothing written");
            }
            r.seal(4, null, plain, 0, 32, out, 0);
            // opening an earlier record is no use of its nonce
            byte[] opened = new byte[32];
            r.open(4, null, out, 0, 48, opened, 0);
            r.seal(5, null, plain, 0, 32, out, 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void badArgumentsAreRefusedBeforeAnyWriteAndCloseIsFinal(String backend) {
        byte[] plain = random(32, 30);
        SealedRecords r = open(backend, random(16, 31), random(12, 32), 13);
        byte[] aad = new byte[13];
        byte[] out = new byte[48];
        assertEquals("associated data is 0 bytes; this cipher was opened for 13 per record",
                assertThrows(IllegalArgumentException.class, () -> r.seal(0, null, plain, 0, 32, out, 0)).getMessage());
        assertEquals("output has room for 47 bytes after offset 1; this record needs 48",
                assertThrows(IllegalArgumentException.class, () -> r.seal(0, aad, plain, 0, 32, out, 1)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> r.seal(0, aad, plain, 1, 32, out, 0));
        byte[] one = new byte[100];
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.seal(0, aad, one, 0, 32, one, 8)).getMessage()
                .contains("overlap in one array"));
        assertEquals("record index -1 is negative; records count from 0",
                assertThrows(IllegalArgumentException.class, () -> r.seal(-1, aad, plain, 0, 32, out, 0)).getMessage());
        assertArrayEquals(new byte[48], out, "nothing written");
        r.seal(0, aad, plain, 0, 32, out, 0); // none of the refusals used record 0
        r.close();
        r.close();
        assertEquals(backend + " aes-gcm: closed",
                assertThrows(IllegalStateException.class, () -> r.open(0, aad, out, 0, 48, plain, 0)).getMessage());
    }

    // ---- helpers ----

    /** Opens {@code variant}, after skipping with the reason where it cannot run (see {@link #mayBeUnavailable()}). */
    SealedRecords open(String variant, byte[] key, byte[] iv, int aadLength) {
        if (variant.contains("binding=ffm")) {
            FfmSupport.requireFfmJdk();
        }
        Availability a = Backends.get(BackendSpec.parse(variant).name()).availability();
        if (!a.available() && mayBeUnavailable()) {
            Assumptions.abort(variant + " skipped: " + a.reason());
        }
        assertTrue(a.available(), () -> variant + " must be available here: " + a.reason());
        return Backends.openAead(variant, new AeadSpec(AesKey.ofBytes(key), iv, aadLength));
    }

    /** An AES-128 key, an IV, 13 bytes of associated data and a plaintext, from one seed. */
    record Material(byte[] key, byte[] iv, byte[] aad, byte[] plain) {
        static Material of(int seed, int plainLength) {
            return new Material(random(16, seed), random(12, seed + 1), random(13, seed + 2), random(plainLength, seed + 3));
        }
    }

    static byte[] random(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed * 31L + n).nextBytes(b);
        return b;
    }
}
