package org.chunkbench.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The array overloads outside the contract: the default {@code cryptArrays} hands a buffer backend reused views
 * of the caller's arrays, and no path allocates per chunk in steady state.
 */
class ArrayOverloadTest {

    /** A buffer backend that XORs with 0x5a and records the buffers it was handed and their positions. */
    static final class Recording extends AbstractChunkedCipher {
        final List<ByteBuffer> ins = new ArrayList<>();
        final List<ByteBuffer> outs = new ArrayList<>();
        final List<int[]> at = new ArrayList<>();
        boolean record = true;

        Recording(Mode mode) {
            super("recording", mode == Mode.STREAM ? CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]),
                    new byte[16]) : CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(new byte[16])));
        }

        @Override
        protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
            if (record) {
                ins.add(in);
                outs.add(out);
                at.add(new int[] {in.position(), in.remaining(), out.position(), out.remaining()});
            }
            int ip = in.position();
            int op = out.position();
            for (int i = 0; i < len; i++) {
                out.put(op + i, (byte) (in.get(ip + i) ^ 0x5a));
            }
        }

        @Override
        protected void restart(byte[] counterBlock) {
        }

        @Override
        protected void release() {
        }
    }

    @Test
    void defaultPathReusesItsViewsUntilAnArrayChanges() {
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        byte[] c = new byte[48];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) i;
        }
        try (Recording r = new Recording(Mode.STREAM)) {
            r.process(a, 0, 16, b, 0);
            r.process(a, 16, 32, b, 16);
            r.process(a, 48, 16, c, 7);
            r.process(c, 7, 16, c, 7);
            assertSame(r.ins.get(0), r.ins.get(1), "same input array: same view");
            assertSame(r.outs.get(0), r.outs.get(1), "same output array: same view");
            assertSame(r.ins.get(0), r.ins.get(2), "the input array did not change");
            assertNotSame(r.outs.get(1), r.outs.get(2), "another output array: a new view");
            assertNotSame(r.ins.get(2), r.ins.get(3), "another input array: a new view");
            assertSame(r.outs.get(2), r.outs.get(3));
            assertArrayEquals(new int[] {16, 32, 16, 48}, r.at.get(1), "position and remaining as the chunk's");
            assertArrayEquals(new int[] {48, 16, 7, 41}, r.at.get(2));
            for (int i = 0; i < 48; i++) {
                assertEquals((byte) (i ^ 0x5a), b[i]);
            }
            assertEquals((byte) 48, c[7], "in place on c: XORed twice");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sunjce", "bc-lightweight", "recording"})
    void streamChunksOnArraysAllocateNothingInSteadyState(String variant) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes");
        byte[] in = new byte[256];
        byte[] out = new byte[256];
        ChunkedCipher c = variant.equals("recording") ? new Recording(Mode.STREAM)
                : Backends.open(variant, CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]), new byte[16]));
        if (c instanceof Recording) {
            ((Recording) c).record = false;
        }
        try (c) {
            for (int i = 0; i < 20_000; i++) {
                c.process(in, 0, 256, out, 0);
            }
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            int chunks = 10_000;
            for (int i = 0; i < chunks; i++) {
                c.process(in, 0, 256, out, 0);
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            // A ByteBuffer per chunk would be 480,000 bytes here; the counter call itself may allocate a little.
            assertTrue(allocated < 4096, variant + " allocated " + allocated + " bytes over " + chunks + " chunks");
        }
    }
}
