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
}
