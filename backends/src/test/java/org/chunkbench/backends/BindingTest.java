package org.chunkbench.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** binding=jna|ffm: the default, the spelling in results, and the reason FFM is missing on an old JDK. */
class BindingTest {
    private static CipherSpec spec() {
        return CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]), new byte[16]);
    }

    @Test
    void resultsSpellTheBindingThatRuns() {
        String expected = FfmSupport.jdkHasFfm() ? "openssl[binding=ffm]" : "openssl[binding=jna]";
        assertEquals(expected, Backends.canonical("openssl"));
        assertEquals("openssl[binding=jna]", Backends.canonical("openssl[binding=jna]"));
        try (ChunkedCipher c = Backends.open("openssl", spec())) {
            assertEquals(expected, c.backend());
        }
        try (ChunkedCipher c = Backends.open("openssl[binding=jna]", spec())) {
            assertEquals("openssl[binding=jna]", c.backend());
        }
    }

    @Test
    void ffmOnOldJdkIsUnavailableWithTheReason() {
        if (FfmSupport.jdkHasFfm()) {
            try (ChunkedCipher c = Backends.open("openssl[binding=ffm]", spec())) {
                assertEquals("openssl[binding=ffm]", c.backend());
            }
            return;
        }
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.open("openssl[binding=ffm]", spec()));
        assertTrue(e.getMessage().contains("needs JDK 22 or newer"), e.getMessage());
    }

    @Test
    void unknownBindingIsAUsageError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.open("openssl[binding=jni]", spec()));
        assertTrue(e.getMessage().contains("allowed: jna, ffm"), e.getMessage());
    }

    @Test
    void bothBindingsGiveTheSameBytes() {
        if (!FfmSupport.jdkHasFfm()) {
            FfmSupport.requireFfmJdk();
        }
        byte[] plain = new byte[4096 + 7];
        new java.util.Random(11).nextBytes(plain);
        byte[] a = new byte[plain.length];
        byte[] b = new byte[plain.length];
        try (ChunkedCipher jna = Backends.open("openssl[binding=jna]", spec());
                ChunkedCipher ffm = Backends.open("openssl[binding=ffm]", spec())) {
            jna.process(ByteBuffer.wrap(plain), ByteBuffer.wrap(a));
            ffm.process(ByteBuffer.wrap(plain).asReadOnlyBuffer(), ByteBuffer.allocateDirect(b.length).put(b).clear());
        }
        try (ChunkedCipher ffm = Backends.open("openssl[binding=ffm]", spec())) {
            ByteBuffer d = ByteBuffer.allocateDirect(plain.length);
            ffm.process(ByteBuffer.wrap(plain), d);
            d.flip().get(b);
        }
        assertEquals(java.util.HexFormat.of().formatHex(a), java.util.HexFormat.of().formatHex(b));
    }
}
