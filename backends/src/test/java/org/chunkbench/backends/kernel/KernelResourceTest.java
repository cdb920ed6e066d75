package org.chunkbench.backends.kernel;

import static org.chunkbench.backends.kernel.KernelTestSupport.assumeKernel;
import static org.chunkbench.backends.kernel.KernelTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.CounterBlock;
import org.chunkbench.backends.Direction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Descriptors and keys are released on close; the per-chunk path allocates nothing on the Java heap. */
class KernelResourceTest {
    /** 100 000 as the issue asks; -Dchunkbench.kernel.openCloseCount=N lowers it where time is short. */
    static final int OPEN_CLOSE = Integer.getInteger("chunkbench.kernel.openCloseCount", 100_000);

    @BeforeEach
    void kernel() {
        assumeKernel();
    }

    private static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /** The keyring variant where the kernel has ALG_SET_KEY_BY_KEY_SERIAL (6.2 on), else the splice path alone. */
    static java.util.stream.Stream<String> leakVariants() {
        return java.util.stream.Stream.of("kernel[io=copy]",
                KernelTestSupport.keyBySerialExpected() ? "kernel[io=splice,key=keyring]" : "kernel[io=splice]");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("leakVariants")
    void openAndCloseManyInstancesLeaksNoDescriptor(String variant) {
        // keyring instances cost two more system calls and a key each; a tenth of the count proves the same thing.
        int count = variant.contains("keyring") ? Math.max(1, OPEN_CLOSE / 10) : OPEN_CLOSE;
        AesKey key = AesKey.ofBytes(random(20, 16));
        CipherSpec spec = CipherSpec.perChunkIv(Direction.ENCRYPT, key);
        ByteBuffer in = ByteBuffer.allocateDirect(16);
        ByteBuffer out = ByteBuffer.allocateDirect(16);
        byte[] iv = new byte[16];
        // Warm up once so that lazily opened JDK and JNA descriptors (jars, /proc files) are already counted.
        try (ChunkedCipher c = Backends.open(variant, spec)) {
            c.process(iv, in.clear(), out.clear());
        }
        int before = openFds();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ChunkedCipher c = Backends.open(variant, spec);
            if (i % 1000 == 0) {
                c.process(iv, in.clear(), out.clear()); // now and then use it, so the op socket holds state when closed
            }
            c.close();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int after = openFds();
        System.out.printf("%s: opened and closed %d instances in %d ms; /proc/self/fd %d before, %d after%n",
                variant, count, ms, before, after);
        assertTrue(before > 0, "/proc/self/fd is readable");
        assertEquals(before, after, "descriptors after " + count + " open/close cycles");
    }

    /**
     * Per chunk, nothing may be allocated: the msghdr and control messages are patched in place and JNA's direct
     * calls take primitives. Measured with the JVM's per-thread allocation counter over many chunks, direct buffers.
     */
    @ParameterizedTest
    @ValueSource(strings = {"kernel[io=copy]", "kernel[io=splice]"})
    void processAllocatesNothingPerChunk(String variant) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        byte[] keyBytes = random(21, 16);
        ByteBuffer in = ByteBuffer.allocateDirect(4096);
        ByteBuffer out = ByteBuffer.allocateDirect(4096);
        byte[] ctr = new byte[16];
        byte[] iv = random(22, 16);
        int chunks = 20_000;
        try (ChunkedCipher c = Backends.open(variant, CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(keyBytes)))) {
            for (int i = 0; i < chunks; i++) { // warm-up: JIT, JNA's first-call set-up
                CounterBlock.add(iv, i * 256L, ctr);
                c.process(ctr, in.clear(), out.clear());
            }
            long a0 = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < chunks; i++) {
                CounterBlock.add(iv, i * 256L, ctr);
                c.process(ctr, in.clear(), out.clear());
            }
            long allocated = mx.getThreadAllocatedBytes(tid) - a0;
            System.out.printf("%s: %d bytes allocated over %d chunks%n", variant, allocated, chunks);
            // A single object per chunk would be >= 16 bytes x 20 000; allow a little for the counter read itself.
            assertTrue(allocated < 16L * chunks / 10, variant + " allocated " + allocated + " bytes over " + chunks + " chunks");
        }
        // And the output of the last chunk is still right: nothing was optimised away.
        byte[] plain = new byte[4096];
        CounterBlock.add(iv, (chunks - 1) * 256L, ctr);
        byte[] expected = KernelTestSupport.sunJce(javax.crypto.Cipher.ENCRYPT_MODE, keyBytes, ctr, plain);
        byte[] got = new byte[4096];
        out.flip().get(got);
        assertArrayEquals(expected, got);
    }
}
