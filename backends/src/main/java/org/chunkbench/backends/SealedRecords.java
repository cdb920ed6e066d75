package org.chunkbench.backends;

/**
 * AES-GCM over records: each chunk is one sealed record, its ciphertext followed by a 16-byte tag. Obtained with
 * {@link Backend#openAead}, kept apart from {@link ChunkedCipher} so that the CTR path does not change.
 *
 * <p>Record {@code i} (counting from 0) uses the nonce {@link AeadSpec#nonce}: the IV with {@code i} XORed
 * big-endian into its last 8 bytes. {@link #seal} takes indices in increasing order only, so that a nonce is never
 * used twice for sealing within one instance's life; {@link #open} takes any index. Every record carries exactly
 * {@link AeadSpec#aadLength()} bytes of associated data ({@code aad} may be null when that is 0).
 *
 * <p>{@link #open} releases no unverified plaintext: a record whose tag, ciphertext, nonce or associated data was
 * changed throws {@link RecordAuthenticationException} naming the record, and the region of {@code out} that would
 * have held its plaintext is zeroed first (some providers decrypt before they check). The instance stays usable.
 *
 * <p>Arrays only; {@code in} and {@code out} may be the same region (in place) or apart, any other overlap is an
 * {@link IllegalArgumentException}, as are too little room in {@code out} and associated data of the wrong size,
 * found before anything is written. One thread at a time; {@link #close()} wipes the key copies, may be repeated,
 * and any use after it is an {@link IllegalStateException}.
 */
public interface SealedRecords extends AutoCloseable {

    AeadSpec spec();

    /** The backend variant that produced it, for example {@code sunjce}. */
    String backend();

    /**
     * Seals record {@code index}: {@code len} bytes of {@code in} become {@code len + 16} bytes at {@code out[outOff..]}
     * (ciphertext, then tag). Returns {@code len + 16}. An index not above every index sealed before is refused.
     */
    int seal(long index, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff);

    /**
     * Opens record {@code index}: {@code len} bytes of {@code in} (ciphertext, then tag) are verified and their
     * {@code len - 16} bytes of plaintext written at {@code out[outOff..]}. Returns {@code len - 16}.
     *
     * @throws RecordAuthenticationException if the record does not verify (or is shorter than its tag); the output
     *         region is zeroed
     */
    int open(long index, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff);

    @Override
    void close();
}
