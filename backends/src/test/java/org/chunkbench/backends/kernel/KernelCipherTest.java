package org.chunkbench.backends.kernel;

import static org.chunkbench.backends.kernel.KernelTestSupport.assumeKernel;
import static org.chunkbench.backends.kernel.KernelTestSupport.hex;
import static org.chunkbench.backends.kernel.KernelTestSupport.random;
import static org.chunkbench.backends.kernel.KernelTestSupport.sunJce;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.crypto.Cipher;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.Chunker;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The kernel backend against NIST vectors and SunJCE, for every driver, I/O path and key source present. */
class KernelCipherTest {
    static final byte[] NIST_KEY_128 = hex("2b7e151628aed2a6abf7158809cf4f3c");
    static final byte[] NIST_KEY_256 = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
    static final byte[] NIST_IV = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    static final byte[] NIST_PLAIN = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
    /** SP 800-38A F.5.1 (CTR-AES128.Encrypt) and F.5.5 (CTR-AES256.Encrypt). */
    static final byte[] NIST_CIPHER_128 = hex("874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
            + "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
    static final byte[] NIST_CIPHER_256 = hex("601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
            + "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6");

    /**
     * Chunk sizes that matter to the implementation: one block, odd multiples of 16, one page, just under, at and
     * over one piece (64 KiB, where the chunk starts to go in several sendmsg/splice calls with MSG_MORE), several
     * pieces and 1 MiB + 16.
     */
    static final int[] CHUNKS = {16, 48, 4096, 65520, 65536, 65552, 3 * 65536 + 32, (1 << 20) + 16};

    @BeforeEach
    void kernel() {
        assumeKernel();
    }

    static Stream<String> variants() {
        return KernelTestSupport.variants().stream();
    }

    static Stream<Arguments> variantsAndModes() {
        return KernelTestSupport.variants().stream().flatMap(v -> Stream.of(Arguments.of(v, Mode.STREAM),
                Arguments.of(v, Mode.PER_CHUNK_IV)));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void nistVectorsBothDirections(String variant) {
        assertArrayEquals(NIST_CIPHER_128, run(variant, Direction.ENCRYPT, Mode.STREAM, NIST_KEY_128, NIST_IV, NIST_PLAIN, 16, false));
        assertArrayEquals(NIST_PLAIN, run(variant, Direction.DECRYPT, Mode.STREAM, NIST_KEY_128, NIST_IV, NIST_CIPHER_128, 32, true));
        assertArrayEquals(NIST_CIPHER_256, run(variant, Direction.ENCRYPT, Mode.PER_CHUNK_IV, NIST_KEY_256, NIST_IV, NIST_PLAIN, 16, true));
    }

    /**
     * Stream mode sends the IV once and relies on the kernel leaving the next counter in the socket's IV after
     * each read; per-chunk-iv sends one with every chunk. Both must equal one-shot SunJCE for every chunk size,
     * each followed by a ragged last chunk, and across the 2^128 counter wrap (the IV starts 3 blocks before it).
     */
    @ParameterizedTest
    @MethodSource("variantsAndModes")
    void equalsSunJceForEveryChunkSize(String variant, Mode mode) {
        byte[] key = random(1, 24);
        byte[] ivNearWrap = hex("fffffffffffffffffffffffffffffffd");
        for (int chunk : CHUNKS) {
            boolean big = chunk > 65552;
            // Big chunks once each (the VM is slow), small ones several times to cross chunk boundaries.
            int len = big ? chunk + 5 : 4 * chunk + 5;
            byte[] plain = random(chunk, len);
            byte[] expected = sunJce(Cipher.ENCRYPT_MODE, key, ivNearWrap, plain);
            byte[] got = run(variant, Direction.ENCRYPT, mode, key, ivNearWrap, plain, chunk, (chunk / 16) % 2 == 0);
            assertArrayEquals(expected, got, variant + " " + mode + " chunk " + chunk);
        }
    }

    @Test
    void streamModeHoldsForEveryMultipleOf16UpTo1KiB() {
        byte[] key = random(2, 16);
        byte[] iv = random(3, 16);
        for (String io : List.of("copy", "splice")) {
            String variant = "kernel[io=" + io + "]";
            for (int chunk = 16; chunk <= 1024; chunk += 16) {
                byte[] plain = random(chunk, 3 * chunk + 7);
                assertArrayEquals(sunJce(Cipher.ENCRYPT_MODE, key, iv, plain),
                        run(variant, Direction.ENCRYPT, Mode.STREAM, key, iv, plain, chunk, false), variant + " chunk " + chunk);
            }
        }
    }

    @Test
    void mixedChunkSizesInOneStream() {
        byte[] key = random(4, 32);
        byte[] iv = random(5, 16);
        int[] sizes = {16, 65536 + 48, 32, 200_000 - 200_000 % 16, 4096, 131_072, 11};
        int total = Arrays.stream(sizes).sum();
        byte[] plain = random(6, total);
        byte[] expected = sunJce(Cipher.ENCRYPT_MODE, key, iv, plain);
        for (String variant : List.of("kernel[io=copy]", "kernel[io=splice]")) {
            byte[] got = new byte[total];
            try (ChunkedCipher c = Backends.open(variant, CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(key), iv))) {
                int off = 0;
                for (int s : sizes) {
                    ByteBuffer out = ByteBuffer.wrap(got, off, s);
                    c.process(ByteBuffer.wrap(plain, off, s), out);
                    assertEquals(off + s, out.position());
                    off += s;
                }
            }
            assertArrayEquals(expected, got, variant);
        }
    }

    @Test
    void aesniAndGenericDriversAgree() {
        List<String> drivers = KernelTestSupport.drivers();
        byte[] key = random(7, 32);
        byte[] iv = random(8, 16);
        byte[] plain = random(9, (1 << 20) + 100);
        byte[] reference = null;
        for (String d : drivers) {
            byte[] got = run("kernel[driver=" + d + "]", Direction.ENCRYPT, Mode.STREAM, key, iv, plain, 65536, true);
            if (reference == null) {
                reference = got;
            } else {
                assertArrayEquals(reference, got, d + " disagrees with " + drivers.get(0));
            }
        }
        assertArrayEquals(sunJce(Cipher.ENCRYPT_MODE, key, iv, plain), reference);
    }

    @Test
    void unknownDriverListsTheAvailableOnes() {
        CipherSpec spec = CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(NIST_KEY_128), NIST_IV);
        AfAlgException e = assertThrows(AfAlgException.class, () -> Backends.open("kernel[driver=ctr(no-such-aes)]", spec));
        assertEquals(Errno.ENOENT, e.errno());
        assertTrue(e.getMessage().startsWith("bind(skcipher, \"ctr(no-such-aes)\") failed with error 2 (ENOENT): "
                + "algorithm or driver not available; available here: ctr(aes)"), e.getMessage());
        // The generic C driver by this kernel's name for it, and never a name this kernel cannot bind.
        assertTrue(e.getMessage().contains(KernelTestSupport.genericDriver()), e.getMessage());
        if (KernelTestSupport.kernelAtLeast(7, 0)) {
            assertFalse(e.getMessage().contains("aes-generic"), e.getMessage());
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseIsAnError() {
        ChunkedCipher c = Backends.open("kernel", CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(NIST_KEY_128)));
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, () -> c.process(NIST_IV, ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
    }

    @Test
    void badOptionsAreRejectedBeforeAnyCall() {
        CipherSpec spec = CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(NIST_KEY_128), NIST_IV);
        assertThrows(IllegalArgumentException.class, () -> Backends.open("kernel[io=mmap]", spec));
        assertThrows(IllegalArgumentException.class, () -> Backends.open("kernel[key=serial]", spec));
    }

    /** Runs {@code data} through one cipher in chunks of {@code chunk}, direct or heap buffers (the contract's Chunker). */
    static byte[] run(String variant, Direction dir, Mode mode, byte[] key, byte[] iv, byte[] data, int chunk, boolean direct) {
        try {
            return Chunker.run(variant, dir, mode, key, iv, data, chunk, direct ? "direct" : "heap");
        } catch (BackendUnavailableException e) {
            throw new AssertionError(variant + ": " + e.getMessage(), e);
        }
    }
}
