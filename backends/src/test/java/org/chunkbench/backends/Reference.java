package org.chunkbench.backends;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Answers the backends are checked against, computed without any code under test. */
public final class Reference {
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    private Reference() {
    }

    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** One-shot SunJCE AES/CTR over the whole input. */
    public static byte[] sunJceOneShot(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding", "SunJCE");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * CTR spelled out from SP 800-38A: keystream block i = AES-ECB(key, (iv + i) mod 2^128), counter arithmetic on
     * BigInteger so that it shares nothing with CounterBlock or any provider's CTR code.
     */
    public static byte[] ctrFromEcb(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            BigInteger counter = new BigInteger(1, iv);
            byte[] out = new byte[data.length];
            for (int off = 0; off < data.length; off += 16) {
                byte[] block = toBlock(counter);
                byte[] ks = ecb.doFinal(block);
                for (int i = 0; i < 16 && off + i < data.length; i++) {
                    out[off + i] = (byte) (data[off + i] ^ ks[i]);
                }
                counter = counter.add(BigInteger.ONE).mod(TWO_128);
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** One-shot SunJCE AES/GCM with a 128-bit tag: ciphertext followed by tag. */
    public static byte[] gcm(byte[] key, byte[] nonce, byte[] aad, byte[] plain) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(plain);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Record i's nonce as TLS 1.3 derives it: the IV's last 8 bytes, read as a big-endian long, XOR i. */
    public static byte[] recordNonce(byte[] iv, long index) {
        byte[] nonce = iv.clone();
        ByteBuffer.wrap(nonce).putLong(4, ByteBuffer.wrap(iv).getLong(4) ^ index);
        return nonce;
    }

    static byte[] toBlock(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] block = new byte[16];
        int n = Math.min(16, raw.length);
        System.arraycopy(raw, raw.length - n, block, 16 - n, n);
        return block;
    }

    /** The counter block at a byte offset, from BigInteger arithmetic. */
    public static byte[] counterAt(byte[] iv, long byteOffset) {
        return toBlock(new BigInteger(1, iv).add(BigInteger.valueOf(byteOffset / 16)).mod(TWO_128));
    }

    public static ByteBuffer buffer(String kind, int size) {
        return kind.equals("direct") ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }
}
