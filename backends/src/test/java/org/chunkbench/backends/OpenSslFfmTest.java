package org.chunkbench.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the FFM binding does beyond the contract: memory shared between input and output, and reuse of buffers. */
class OpenSslFfmTest {
    private static final String VARIANT = "openssl[binding=ffm]";
    private final byte[] plain = new byte[1024];

    @BeforeEach
    void setUp() {
        FfmSupport.requireFfmJdk();
        new Random(5).nextBytes(plain);
    }

    private static ChunkedCipher open() {
        return Backends.open(VARIANT, CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]), new byte[16]));
    }

    private static byte[] reference(byte[] in) {
        byte[] out = new byte[in.length];
        try (ChunkedCipher c = Backends.open("sunjce", CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]),
                new byte[16]))) {
            c.process(ByteBuffer.wrap(in), ByteBuffer.wrap(out));
        }
        return out;
    }

    @Test
    void inPlaceHeapAndDirect() {
        byte[] buf = plain.clone();
        try (ChunkedCipher c = open()) {
            ByteBuffer b = ByteBuffer.wrap(buf);
            c.process(b.duplicate(), b);
        }
        assertArrayEquals(reference(plain), buf);
        ByteBuffer d = ByteBuffer.allocateDirect(plain.length).put(plain).flip();
        try (ChunkedCipher c = open()) {
            c.process(d.duplicate(), d);
        }
        byte[] got = new byte[plain.length];
        d.flip().get(got);
        assertArrayEquals(reference(plain), got);
    }

    @Test
    void shiftedOverlapIsRejectedBeforeAnyByteIsWritten() {
        byte[] buf = new byte[2048];
        System.arraycopy(plain, 0, buf, 0, plain.length);
        byte[] before = buf.clone();
        try (ChunkedCipher c = open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.process(ByteBuffer.wrap(buf, 0, 1024), ByteBuffer.wrap(buf, 16, 1024).slice()));
            assertTrue(e.getMessage().contains("overlap without being the same region"), e.getMessage());
        }
        assertArrayEquals(before, buf);
    }

    @Test
    void aFailedUpdateBreaksTheInstanceForGood() throws Exception {
        try (ChunkedCipher c = open()) {
            org.chunkbench.backends.openssl.OpenSslSabotage.emptyContext(c);
            IllegalStateException first = assertThrows(IllegalStateException.class,
                    () -> c.process(ByteBuffer.wrap(plain), ByteBuffer.allocate(plain.length)));
            assertTrue(first.getMessage().contains("EVP_CipherUpdate failed"), first.getMessage());
            IllegalStateException later = assertThrows(IllegalStateException.class,
                    () -> c.process(ByteBuffer.wrap(plain, 0, 16), ByteBuffer.allocate(16)));
            assertTrue(later.getMessage().contains("EVP_CipherUpdate failed"), later.getMessage());
        }
    }

    @Test
    void reusedBuffersAtMovingPositionsStayCorrect() {
        // The segment cache keys on buffer, position and length: a moving position must not reuse a stale segment.
        byte[] out = new byte[plain.length];
        ByteBuffer in = ByteBuffer.wrap(plain);
        ByteBuffer o = ByteBuffer.wrap(out);
        try (ChunkedCipher c = open()) {
            for (int p = 0; p < plain.length; p += 64) {
                in.limit(p + 64).position(p);
                c.process(in, o);
            }
        }
        assertArrayEquals(reference(plain), out);
    }
}
