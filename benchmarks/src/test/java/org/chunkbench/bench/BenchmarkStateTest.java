package org.chunkbench.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.chunkbench.backends.CounterBlock;
import org.chunkbench.backends.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's states outside JMH: setup checks against SunJCE, and each step is one whole chunk. */
class BenchmarkStateTest {
    static <T extends ChunkBenchmark.Common> T params(T s, int chunk, String mode, String buffer, String op) {
        s.chunkSize = chunk;
        s.mode = mode;
        s.buffer = buffer;
        s.keyBits = 256;
        s.op = op;
        s.cipher = "aes-ctr";
        return s;
    }

    static <T extends ChunkBenchmark.Common> T gcm(T s, int chunk, String op) {
        params(s, chunk, "record", "heap", op);
        s.cipher = "aes-gcm";
        return s;
    }

    @ParameterizedTest
    @CsvSource({"sunjce,stream,heap", "sunjce,per-chunk-iv,direct", "bc,stream,direct", "bc-lightweight,per-chunk-iv,heap",
        "conscrypt,stream,heap", "conscrypt,per-chunk-iv,direct", "openssl,stream,direct", "openssl,per-chunk-iv,heap"})
    void everyBackendPassesTheSetupCheckAndStepsOneChunk(String backend, String mode, String buffer) throws Exception {
        ChunkBenchmark.Chunked s = params(new ChunkBenchmark.Chunked(), 64, mode, buffer, "decrypt");
        s.backend = backend;
        s.open();
        try {
            byte[] before = s.counter.clone();
            if (buffer.equals("heap")) {
                // Heap buffers go through the array overloads on their backing arrays, as the baseline does.
                assertSame(s.in.array(), s.inArray);
                byte[] previous = s.outArray.clone();
                assertSame(s.outArray, s.step(), "the step's result is the output array");
                assertFalse(java.util.Arrays.equals(previous, s.outArray), "one step writes the next chunk");
            } else {
                ByteBuffer out = (ByteBuffer) s.step();
                assertEquals(64, out.position(), "one step is one whole chunk");
            }
            if (mode.equals("per-chunk-iv")) {
                byte[] expected = new byte[16];
                CounterBlock.add(before, 4, expected);
                assertArrayEquals(expected, s.counter, "the counter block advances in place by the chunk's blocks");
            }
        } finally {
            s.close();
        }
        assertThrows(IllegalStateException.class, s::step, "closed at teardown");
    }

    /** Whatever the registry holds (the kernel backend included, where AF_ALG exists) passes the same check. */
    @org.junit.jupiter.api.Test
    void everyRegisteredBackendThatIsAvailableRunsBothModes() throws Exception {
        int ran = 0;
        for (org.chunkbench.backends.Backend b : org.chunkbench.backends.Backends.all()) {
            if (!b.availability().available()) {
                System.out.println("SKIPPED benchmark state for " + b.name() + ": " + b.availability().reason());
                continue;
            }
            for (String mode : new String[] {"stream", "per-chunk-iv"}) {
                everyBackendPassesTheSetupCheckAndStepsOneChunk(b.name(), mode, "direct");
                ran++;
            }
        }
        assertTrue(ran >= 2, "sunjce at least is always available");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream", "per-chunk-iv"})
    void baselinePassesTheSameCheck(String mode) throws Exception {
        for (String buffer : new String[] {"heap", "direct"}) {
            ChunkBenchmark.Direct s = params(new ChunkBenchmark.Direct(), 4096, mode, buffer, "encrypt");
            s.open();
            assertTrue(s.step() != null);
            s.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 24, 100})
    void raggedOrEmptyChunksAreRefused(int chunk) {
        ChunkBenchmark.Chunked s = params(new ChunkBenchmark.Chunked(), chunk, "stream", "heap", "encrypt");
        s.backend = "sunjce";
        Exception e = assertThrows(IllegalArgumentException.class, s::open);
        assertTrue(e.getMessage().contains("multiple of 16"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nosuch", "sunjce[io=splice]"})
    void unknownBackendsFailLoudly(String backend) {
        ChunkBenchmark.Chunked s = params(new ChunkBenchmark.Chunked(), 64, "stream", "heap", "encrypt");
        s.backend = backend;
        assertThrows(IllegalArgumentException.class, s::open);
    }

    @org.junit.jupiter.api.Test
    void wrongOutputIsRefusedWithTheFirstDifferingByte() throws Exception {
        byte[] key = Fixture.key(128);
        int chunk = 32;
        byte[] data = new byte[Fixture.VERIFY_CHUNKS * chunk];
        for (int off = 0; off < data.length; off += chunk) {
            System.arraycopy(Fixture.data(chunk), 0, data, off, chunk);
        }
        byte[] good = org.chunkbench.backends.Reference.sunJceOneShot(key, Fixture.iv(), data);
        Fixture.compare("ok", Direction.ENCRYPT, key, chunk, good);
        good[40] ^= 1;
        Exception e = assertThrows(IllegalStateException.class, () -> Fixture.compare("backend x", Direction.ENCRYPT, key, chunk, good));
        assertTrue(e.getMessage().startsWith("backend x: output differs from SunJCE one-shot AES-CTR at byte 40 (chunk 2 of 3)"),
                e.getMessage());
    }

    /**
     * cipher=aes-gcm: every backend that seals records passes the SunJCE check of three sealed records (encrypt) or
     * three openings of record 0 (decrypt), and one step is one whole record with a fresh nonce.
     */
    @ParameterizedTest
    @CsvSource({"sunjce,encrypt", "sunjce,decrypt", "bc,encrypt", "bc-lightweight,decrypt", "conscrypt,encrypt",
        "conscrypt,decrypt"})
    void sealedRecordsPassTheSetupCheckAndStepOneRecord(String backend, String op) throws Exception {
        ChunkBenchmark.Chunked s = gcm(new ChunkBenchmark.Chunked(), 64, op);
        s.backend = backend;
        s.open();
        try {
            boolean sealing = op.equals("encrypt");
            assertEquals(sealing ? 80 : 64, s.outArray.length, "a sealed record is its ciphertext and a 16-byte tag");
            byte[] previous = s.outArray.clone();
            assertSame(s.outArray, s.step());
            // Sealing record 3 under a new nonce changes the output; opening record 0 again gives the same plaintext.
            assertEquals(sealing, !java.util.Arrays.equals(previous, s.outArray));
            assertEquals(sealing ? 4 : 0, s.record, "sealing counts records so that no nonce repeats");
        } finally {
            s.close();
        }
        assertThrows(IllegalStateException.class, s::step, "closed at teardown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"encrypt", "decrypt"})
    void theGcmBaselinePassesTheSameCheck(String op) throws Exception {
        ChunkBenchmark.Direct s = gcm(new ChunkBenchmark.Direct(), 1024, op);
        s.open();
        byte[] previous = s.outArray.clone();
        assertSame(s.outArray, s.step());
        assertEquals(op.equals("encrypt"), !java.util.Arrays.equals(previous, s.outArray));
        s.close();
    }

    @ParameterizedTest
    @CsvSource({"stream,heap", "record,direct"})
    void gcmRefusesCtrModesAndDirectBuffers(String mode, String buffer) {
        ChunkBenchmark.Chunked s = gcm(new ChunkBenchmark.Chunked(), 64, "encrypt");
        s.mode = mode;
        s.buffer = buffer;
        s.backend = "sunjce";
        Exception e = assertThrows(IllegalArgumentException.class, s::open);
        assertTrue(e.getMessage().contains("aes-gcm runs with mode=record and buffer=heap only"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aWrongRecordIsRefusedNamingTheRecord() throws Exception {
        byte[] key = Fixture.key(128);
        int chunk = 32;
        byte[] got = new byte[Fixture.VERIFY_CHUNKS * (chunk + 16)];
        for (int i = 0; i < Fixture.VERIFY_CHUNKS; i++) {
            System.arraycopy(Fixture.sealed(key, chunk, i), 0, got, i * (chunk + 16), chunk + 16);
        }
        Fixture.compareRecords("ok", Direction.ENCRYPT, key, chunk, got);
        got[48 + 40] ^= 1; // record 2 (index 1), byte 40: its tag
        Exception e = assertThrows(IllegalStateException.class, () -> Fixture.compareRecords("backend x", Direction.ENCRYPT, key, chunk, got));
        assertTrue(e.getMessage().startsWith("backend x: output differs from SunJCE AES-GCM at byte 40 of record 2 of 3"),
                e.getMessage());
        // Record 0 sealed again under the same nonce (a backend that reused it) is caught as well.
        System.arraycopy(Fixture.sealed(key, chunk, 0), 0, got, 48, 48);
        assertThrows(IllegalStateException.class, () -> Fixture.compareRecords("backend x", Direction.ENCRYPT, key, chunk, got));
    }
}
