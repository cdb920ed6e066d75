package org.chunkbench.backends;

import java.util.Objects;

/**
 * What to open for AES-GCM sealed records ({@link SealedRecords}): the key, the 12-byte IV from which every record's
 * nonce is derived, and the fixed number of associated-data bytes every record carries (0 for none; 13 in the
 * benchmark, a TLS record header).
 */
public record AeadSpec(AesKey key, byte[] iv, int aadLength) {
    /** The cipher's name on the command line and in results. */
    public static final String CIPHER = "aes-gcm";
    /** GCM's nonce: 96 bits, the size GCM uses without hashing it. */
    public static final int IV_BYTES = 12;
    /** The tag appended to every record: the full 128 bits. */
    public static final int TAG_BYTES = 16;
    /** A bound on the associated data of one record, far above a TLS header, so that a typo is caught. */
    public static final int MAX_AAD = 1 << 16;

    public AeadSpec {
        Objects.requireNonNull(key, "key");
        if (iv == null || iv.length != IV_BYTES) {
            throw new IllegalArgumentException("the IV of " + CIPHER + " is " + (iv == null ? "missing" : iv.length + " bytes")
                    + "; it needs exactly " + IV_BYTES + " (24 hex digits)");
        }
        if (aadLength < 0 || aadLength > MAX_AAD) {
            throw new IllegalArgumentException("associated data of " + aadLength + " bytes per record is not allowed; use 0 to "
                    + MAX_AAD);
        }
        iv = iv.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    /**
     * The nonce of record {@code index}: the IV with the index XORed, big-endian, into its last 8 bytes (as TLS 1.3
     * derives record nonces). Written into {@code nonce} (12 bytes), so that a caller can reuse one array.
     */
    public static void nonce(byte[] iv, long index, byte[] nonce) {
        System.arraycopy(iv, 0, nonce, 0, IV_BYTES);
        for (int i = 0; i < 8; i++) {
            nonce[IV_BYTES - 1 - i] ^= (byte) (index >>> (8 * i));
        }
    }
}
