package org.chunkbench.backends.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.FfmSupport;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.openssl.OpenSslSabotage;

/**
 * openssl-null[binding=jna|ffm]: the openssl backend's path of that binding with EVP_enc_null(), whose output
 * is its input. The FFM cases skip on JDK &lt; 22 with the reason printed and must run on JDK 22+ (.ci/ffm.sh).
 */
class OpenSslNullControlTest {
    private static String variant(String binding) {
        return "openssl-null[binding=" + binding + "]";
    }

    private static CipherSpec spec(Mode mode) {
        AesKey key = AesKey.ofBytes(ControlsTest.random(32, 9));
        return mode == Mode.STREAM ? CipherSpec.stream(Direction.ENCRYPT, key, new byte[16])
                : CipherSpec.perChunkIv(Direction.ENCRYPT, key);
    }

    private static ChunkedCipher open(String binding, Mode mode) {
        if (binding.equals("ffm")) {
            FfmSupport.requireFfmJdk();
        }
        Availability a = Controls.get("openssl-null").availability(Map.of("binding", binding));
        assumeTrue(a.available(), a::reason);
        ChunkedCipher c = Controls.open(variant(binding), spec(mode));
        assertEquals(variant(binding), c.backend());
        return c;
    }

    @ParameterizedTest
    @CsvSource({"jna,STREAM,false", "jna,STREAM,true", "jna,PER_CHUNK_IV,false", "jna,PER_CHUNK_IV,true",
            "ffm,STREAM,false", "ffm,STREAM,true", "ffm,PER_CHUNK_IV,false", "ffm,PER_CHUNK_IV,true"})
    void outputEqualsInput(String binding, Mode mode, boolean direct) {
        try (ChunkedCipher c = open(binding, mode);
                ChunkedCipher aes = Backends.open("openssl[binding=" + binding + "]", spec(mode))) {
            ControlChecks.returnsInput(c, mode, direct, direct);
            ControlChecks.returnsInput(c, mode, direct, !direct);
            // the same class with AES does change the bytes: the control really swapped the cipher
            byte[] data = ControlsTest.random(1024, 1);
            ByteBuffer aesOut = ByteBuffer.allocate(1024);
            if (mode == Mode.STREAM) {
                aes.process(ByteBuffer.wrap(data), aesOut);
            } else {
                aes.process(new byte[16], ByteBuffer.wrap(data), aesOut);
            }
            assertFalse(java.util.Arrays.equals(data, aesOut.array()), "AES output equals input");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jna", "ffm"})
    void worksInPlaceAndRefusesAShiftedOverlap(String binding) {
        try (ChunkedCipher c = open(binding, Mode.STREAM)) {
            ControlChecks.worksInPlace(c, Mode.STREAM);
            ControlChecks.refusesShiftedOverlap(c, Mode.STREAM);
            ControlChecks.returnsInput(c, Mode.STREAM, true, false);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jna", "ffm"})
    void closesOnce(String binding) {
        ControlChecks.closesOnce(open(binding, Mode.PER_CHUNK_IV));
    }

    /** A real failure inside OpenSSL (a context with no cipher): named, and the control is unusable after it. */
    @ParameterizedTest
    @ValueSource(strings = {"jna", "ffm"})
    void aFailedCallNamesTheCall(String binding) throws Exception {
        try (ChunkedCipher c = open(binding, Mode.STREAM)) {
            OpenSslSabotage.emptyContext(c);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
            assertTrue(e.getMessage().startsWith(variant(binding) + ": EVP_CipherUpdate failed"), e.getMessage());
            IllegalStateException later = assertThrows(IllegalStateException.class,
                    () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
            assertTrue(later.getMessage().contains("EVP_CipherUpdate failed"), later.getMessage());
        }
    }
}
