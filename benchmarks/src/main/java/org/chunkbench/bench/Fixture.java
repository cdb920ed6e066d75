package org.chunkbench.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.BufferKind;
import org.chunkbench.backends.Direction;

/** The bytes every trial works on, and the SunJCE check it must pass before it is timed. */
final class Fixture {
    /** Chunks compared with SunJCE before timing: more than one, so that carrying the counter is checked too. */
    static final int VERIFY_CHUNKS = 3;

    private Fixture() {
    }

    static byte[] key(int bits) {
        AesKey.checkBits(bits);
        byte[] k = new byte[bits / 8];
        new SplittableRandom(bits).nextBytes(k);
        return k;
    }

    /**
     * The initial counter block. Its low 64 bits are zero, so no run carries out of them (2^64 blocks is far
     * beyond any trial); where a carry would happen does not matter to throughput anyway, and the contract suite
     * checks that every backend carries through all 128 bits.
     */
    static byte[] iv() {
        return HexFormat.of().parseHex("f0f1f2f3f4f5f6f70000000000000000");
    }

    /** Associated data per sealed record: 13 bytes, the size of a TLS 1.2 record header. */
    static final int AAD_BYTES = 13;

    static byte[] aad() {
        byte[] a = new byte[AAD_BYTES];
        new SplittableRandom(AAD_BYTES).nextBytes(a);
        return a;
    }

    /** The IV sealed records' nonces derive from ({@link AeadSpec#nonce}). */
    static byte[] gcmIv() {
        return HexFormat.of().parseHex("cafebabefacedbaddecaf888");
    }

    /** SunJCE's sealing of the fixture data of {@code chunkSize} bytes as record {@code index}: ciphertext then tag. */
    static byte[] sealed(byte[] key, int chunkSize, long index) throws GeneralSecurityException {
        byte[] nonce = new byte[AeadSpec.IV_BYTES];
        AeadSpec.nonce(gcmIv(), index, nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", sunJce());
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(AeadSpec.TAG_BYTES * 8, nonce));
        c.updateAAD(aad());
        return c.doFinal(data(chunkSize));
    }

    /**
     * Throws with the first differing byte unless {@code got} holds {@link #VERIFY_CHUNKS} results that SunJCE
     * agrees with: records 0, 1, 2 of the fixture data sealed (encrypt), or its plaintext opened each time (decrypt).
     */
    static void compareRecords(String what, Direction direction, byte[] key, int chunkSize, byte[] got)
            throws GeneralSecurityException {
        int each = got.length / VERIFY_CHUNKS;
        byte[] expected = new byte[got.length];
        for (int i = 0; i < VERIFY_CHUNKS; i++) {
            byte[] one = direction == Direction.ENCRYPT ? sealed(key, chunkSize, i) : data(chunkSize);
            System.arraycopy(one, 0, expected, i * each, each);
        }
        int at = Arrays.mismatch(expected, got);
        if (at >= 0) {
            throw new IllegalStateException(what + ": output differs from SunJCE AES-GCM at byte " + at % each + " of record "
                    + (at / each + 1) + " of " + VERIFY_CHUNKS + ": got " + String.format("%02x", got[at]) + ", expected "
                    + String.format("%02x", expected[at]) + "; refusing to time a wrong result");
        }
    }

    static byte[] data(int size) {
        byte[] d = new byte[size];
        new SplittableRandom(size).nextBytes(d);
        return d;
    }

    static ByteBuffer buffer(String kind, int size) {
        return BufferKind.parse(kind).allocate(size);
    }

    static Provider sunJce() {
        Provider p = Security.getProvider("SunJCE");
        if (p == null) {
            throw new IllegalStateException("this JDK has no SunJCE provider, which every trial is checked against");
        }
        return p;
    }

    /** Throws with the first differing byte if {@code got} is not SunJCE's one-shot answer for the fixture data. */
    static void compare(String what, Direction direction, byte[] key, int chunkSize, byte[] got) throws GeneralSecurityException {
        byte[] chunk = data(chunkSize);
        byte[] input = new byte[got.length];
        for (int off = 0; off < input.length; off += chunkSize) {
            System.arraycopy(chunk, 0, input, off, chunkSize);
        }
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding", sunJce());
        c.init(direction == Direction.ENCRYPT ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                new SecretKeySpec(key, "AES"), new IvParameterSpec(iv()));
        byte[] expected = c.doFinal(input);
        int at = Arrays.mismatch(expected, got);
        if (at >= 0) {
            throw new IllegalStateException(what + ": output differs from SunJCE one-shot AES-CTR at byte " + at
                    + " (chunk " + (at / chunkSize + 1) + " of " + VERIFY_CHUNKS + "): got "
                    + String.format("%02x", got[at]) + ", expected " + String.format("%02x", expected[at])
                    + "; refusing to time a wrong result");
        }
    }
}
