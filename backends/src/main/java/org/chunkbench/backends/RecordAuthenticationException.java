package org.chunkbench.backends;

/**
 * A record did not verify: its tag, ciphertext, nonce (record index or IV) or associated data is not what was sealed,
 * or it is shorter than its tag. The one error {@link SealedRecords#open} throws for a bad record, whatever the
 * backend; the caller's output region for that record has been zeroed, so none of its plaintext is handed out.
 */
public final class RecordAuthenticationException extends RuntimeException {
    private final long record;

    public RecordAuthenticationException(long record, String message, Throwable cause) {
        super(message, cause);
        this.record = record;
    }

    /** The index of the record that failed (counting from 0). */
    public long record() {
        return record;
    }
}
