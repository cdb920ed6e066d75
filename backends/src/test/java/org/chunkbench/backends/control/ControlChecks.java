package org.chunkbench.backends.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.Mode;

/**
 * What every identity control (output = input: {@code syscall}, {@code openssl-null},
 * {@code kernel-null}, either binding) must do, for the tests of each; public so the kernel
 * tests (another package, run in the VM) use the same checks.
 */
public final class ControlChecks {
    /** Chunk sizes across the 64 KiB pieces of the kernel paths and the 256 KiB stage of openssl's JNA path. */
    public static final int[] SIZES = {16, 1024, 4096, 65536, 65536 + 16, 3 * 65536 + 48, 256 * 1024 + 48, 1 << 20};

    private ControlChecks() {
    }

    public static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static ByteBuffer allocate(int n, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
    }

    private static void process(ChunkedCipher c, Mode mode, ByteBuffer in, ByteBuffer out, long seed) {
        if (mode == Mode.STREAM) {
            c.process(in, out);
        } else {
            c.process(random(16, seed), in, out);
        }
    }

    /**
     * Every chunk of {@link #SIZES} comes back unchanged at an offset of 5 in the output, which advances by the chunk;
     * the bytes before the chunk are untouched.
     */
    public static void returnsInput(ChunkedCipher c, Mode mode, boolean directIn, boolean directOut) {
        for (int n : SIZES) {
            byte[] data = random(n, n);
            ByteBuffer in = allocate(n, directIn).put(data).flip();
            ByteBuffer out = allocate(n + 5, directOut);
            byte[] head = random(5, ~n);
            out.put(head);
            process(c, mode, in, out, n);
            assertEquals(n, in.position(), c.backend() + ": input position at " + n);
            assertEquals(5 + n, out.position(), c.backend() + ": output position at " + n);
            byte[] got = new byte[n + 5];
            out.flip().get(got);
            assertArrayEquals(head, java.util.Arrays.copyOf(got, 5), c.backend() + ": bytes before the chunk at " + n);
            assertArrayEquals(data, java.util.Arrays.copyOfRange(got, 5, n + 5), c.backend() + ": chunk of " + n + " changed");
        }
    }

    /** {@code process(buf, buf)} on one heap and one direct buffer, across pieces: the bytes are unchanged. */
    public static void worksInPlace(ChunkedCipher c, Mode mode) {
        for (boolean direct : new boolean[] {false, true}) {
            int n = 3 * 65536 + 48;
            byte[] data = random(n, 77);
            ByteBuffer b = allocate(n, direct).put(data).flip();
            process(c, mode, b.duplicate(), b, 1);
            assertEquals(n, b.position());
            byte[] got = new byte[n];
            b.flip().get(got);
            assertArrayEquals(data, got, c.backend() + ": in place, direct=" + direct);
        }
    }

    /** Input and output shifted by 16 bytes in one array are refused before any byte is written. */
    public static void refusesShiftedOverlap(ChunkedCipher c, Mode mode) {
        byte[] array = random(4096 + 16, 5);
        byte[] before = array.clone();
        ByteBuffer in = ByteBuffer.wrap(array, 0, 4096);
        ByteBuffer out = ByteBuffer.wrap(array, 16, 4096).slice();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> process(c, mode, in, out, 2));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
        assertArrayEquals(before, array, c.backend() + ": wrote before refusing the overlap");
    }

    /** close() twice is fine; any work after it is an IllegalStateException. */
    public static void closesOnce(ChunkedCipher c) {
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)),
                c.backend() + " worked after close");
    }
}
