package org.chunkbench.backends.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;

/** openssl[cipher=null]: the openssl backend's path with EVP_enc_null(), whose output is its input. */
class OpenSslNullControlTest {
    @ParameterizedTest
    @CsvSource({"STREAM,false", "STREAM,true", "PER_CHUNK_IV,false", "PER_CHUNK_IV,true"})
    void outputEqualsInput(Mode mode, boolean direct) {
        Availability a = Controls.get("openssl").availability();
        if (!a.available()) {
            System.out.println("openssl[cipher=null] test skipped: " + a.reason());
        }
        assumeTrue(a.available(), a::reason);
        AesKey key = AesKey.ofBytes(ControlsTest.random(32, 9));
        CipherSpec spec = mode == Mode.STREAM ? CipherSpec.stream(Direction.ENCRYPT, key, new byte[16])
                : CipherSpec.perChunkIv(Direction.ENCRYPT, key);
        try (ChunkedCipher c = Controls.open("openssl[cipher=null]", spec);
                ChunkedCipher aes = org.chunkbench.backends.Backends.open("openssl", spec)) {
            assertEquals("openssl[cipher=null]", c.backend());
            for (int n : new int[] {16, 1024, 65536, 256 * 1024 + 48, 1 << 20}) {
                byte[] data = ControlsTest.random(n, n);
                ByteBuffer out = direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
                ByteBuffer aesOut = ByteBuffer.allocate(n);
                if (mode == Mode.STREAM) {
                    c.process(ControlsTest.buffer(data, direct, 0), out);
                    aes.process(ControlsTest.buffer(data, false, 0), aesOut);
                } else {
                    c.process(new byte[16], ControlsTest.buffer(data, direct, 0), out);
                    aes.process(new byte[16], ControlsTest.buffer(data, false, 0), aesOut);
                }
                assertEquals(n, out.position());
                assertArrayEquals(data, ControlsTest.bytes(out, 0, n), "chunk of " + n);
                // the same class with AES does change the bytes: the control really swapped the cipher
                assertFalse(java.util.Arrays.equals(data, aesOut.array()), "AES output equals input at " + n);
            }
        }
    }
}
