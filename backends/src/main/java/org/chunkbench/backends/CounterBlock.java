package org.chunkbench.backends;

/**
 * The 16-byte CTR counter block of NIST SP 800-38A as {@code openssl enc -aes-N-ctr} uses it: the whole
 * 128-bit block is one big-endian counter that wraps from ff..ff to 00..00.
 */
public final class CounterBlock {
    public static final int SIZE = 16;

    private CounterBlock() {
    }

    static void check(byte[] iv) {
        if (iv == null) {
            throw new IllegalArgumentException("IV is missing; AES-CTR needs a 16-byte initial counter block");
        }
        if (iv.length != SIZE) {
            throw new IllegalArgumentException("IV is " + iv.length + " bytes; AES-CTR needs exactly 16 (one counter block)");
        }
    }

    /** Writes {@code iv + blocks} (mod 2^128) into {@code dst}; {@code iv} and {@code dst} may be the same array. */
    public static void add(byte[] iv, long blocks, byte[] dst) {
        check(iv);
        check(dst);
        long carry = 0;
        long addend = blocks;
        for (int i = SIZE - 1; i >= 0; i--) {
            long sum = (iv[i] & 0xffL) + (addend & 0xffL) + carry;
            dst[i] = (byte) sum;
            carry = sum >>> 8;
            addend >>>= 8;
        }
    }

    /** The counter block for the chunk that starts {@code byteOffset} bytes into the stream (a multiple of 16). */
    public static byte[] atOffset(byte[] iv, long byteOffset) {
        if (byteOffset < 0 || byteOffset % SIZE != 0) {
            throw new IllegalArgumentException("offset " + byteOffset + " is not a non-negative multiple of 16");
        }
        byte[] out = new byte[SIZE];
        add(iv, byteOffset / SIZE, out);
        return out;
    }
}
