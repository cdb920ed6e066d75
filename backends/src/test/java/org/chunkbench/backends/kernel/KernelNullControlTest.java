package org.chunkbench.backends.kernel;

import static org.chunkbench.backends.kernel.KernelTestSupport.assumeKernel;
import static org.chunkbench.backends.kernel.KernelTestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.control.Controls;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kernel[driver=ecb(cipher_null)]: the kernel backend's own path with the kernel's null cipher. Where AF_ALG
 * works (the VM) it must open (crypto_null is loaded there) and return every chunk unchanged, across pieces,
 * in both modes and I/O paths, with heap and direct buffers.
 */
class KernelNullControlTest {
    @ParameterizedTest
    @CsvSource({"copy,STREAM,false", "copy,STREAM,true", "copy,PER_CHUNK_IV,false", "splice,STREAM,false",
            "splice,STREAM,true", "splice,PER_CHUNK_IV,true"})
    void outputEqualsInput(String io, Mode mode, boolean direct) {
        assumeKernel();
        Availability a = KernelControls.nullCipherAvailability();
        assertTrue(a.available(), "AF_ALG works but ecb(cipher_null) does not: " + a.reason());
        AesKey key = AesKey.ofBytes(random(3, 16));
        CipherSpec spec = mode == Mode.STREAM ? CipherSpec.stream(Direction.ENCRYPT, key, random(4, 16))
                : CipherSpec.perChunkIv(Direction.ENCRYPT, key);
        String variant = "kernel[driver=ecb(cipher_null),io=" + io + "]";
        try (ChunkedCipher c = Controls.open(variant, spec)) {
            assertEquals(variant, c.backend());
            for (int n : new int[] {16, 4096, 65536, 65536 + 16, 3 * 65536 + 48, 1 << 20}) {
                byte[] data = random(n, n);
                ByteBuffer in = direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
                in.put(data).flip();
                ByteBuffer out = direct ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
                if (mode == Mode.STREAM) {
                    c.process(in, out);
                } else {
                    c.process(random(n, 16), in, out);
                }
                assertEquals(n, out.position());
                byte[] got = new byte[n];
                out.flip().get(got);
                assertArrayEquals(data, got, variant + " " + mode + " chunk of " + n);
            }
        }
    }
}
