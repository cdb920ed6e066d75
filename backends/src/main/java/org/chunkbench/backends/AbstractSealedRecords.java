package org.chunkbench.backends;

import java.util.Arrays;
import java.util.Objects;

/**
 * What every {@link SealedRecords} shares, done once here so that the checks and messages are the same for every
 * backend: arguments, the record's nonce, the order of sealed indices, and the rule that a record that does not
 * verify leaves only zeros in the caller's output. Subclasses implement {@link #sealRecord} and {@link #openRecord}
 * over their provider and get a fresh nonce for each call.
 *
 * <p>An unexpected failure of a provider (anything but a tag that does not match) breaks the instance, as for
 * {@link AbstractChunkedCipher}: every later call throws an {@link IllegalStateException} naming it.
 */
public abstract class AbstractSealedRecords implements SealedRecords {
    private final String backend;
    private final AeadSpec spec;
    private final byte[] iv;
    private final byte[] nonce = new byte[AeadSpec.IV_BYTES];
    /** The highest index sealed so far; -1 before the first. */
    private long lastSealed = -1;
    /** Null while usable; otherwise why not (closed or broken). */
    private String unusable;
    private boolean closed;

    protected AbstractSealedRecords(String backend, AeadSpec spec) {
        this.backend = backend;
        this.spec = spec;
        this.iv = spec.iv();
    }

    @Override
    public final AeadSpec spec() {
        return spec;
    }

    @Override
    public final String backend() {
        return backend;
    }

    /** Seals {@code len} bytes into ciphertext and tag at {@code out[outOff..outOff + len + 16)}. */
    protected abstract void sealRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws Exception;

    /**
     * Verifies {@code len} bytes (ciphertext and tag) and writes the plaintext at {@code out[outOff..]}; false when
     * the tag does not match (whatever it wrote there is zeroed by the caller).
     */
    protected abstract boolean openRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws Exception;

    /**
     * Null when a record of {@code plainLen} bytes of plaintext can be sealed or opened here, else why not (then
     * refused as an {@link IllegalArgumentException} before anything is written); for a backend with a limit.
     */
    protected String refuseLength(int plainLen) {
        return null;
    }

    /** Wipes key copies; called once by {@link #close()}. */
    protected abstract void release();

    @Override
    public final int seal(long index, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        checkUsable();
        checkIndex(index);
        if (index <= lastSealed) {
            throw new IllegalArgumentException("record " + index + " cannot be sealed after record " + lastSealed
                    + ": records are sealed in increasing order, so that no nonce is used twice");
        }
        checkArguments(aad, in, inOff, len, out, outOff, len + AeadSpec.TAG_BYTES);
        lastSealed = index; // from here on this nonce counts as used, even if the provider fails part-way
        AeadSpec.nonce(iv, index, nonce);
        try {
            sealRecord(nonce, aad, in, inOff, len, out, outOff);
        } catch (Exception | Error e) {
            throw broken("sealing record " + index, e);
        }
        return len + AeadSpec.TAG_BYTES;
    }

    @Override
    public final int open(long index, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        checkUsable();
        checkIndex(index);
        Objects.checkFromIndexSize(inOff, len, in.length);
        if (len < AeadSpec.TAG_BYTES) {
            throw new RecordAuthenticationException(index, "record " + index + " is " + len + " bytes, shorter than its "
                    + AeadSpec.TAG_BYTES + "-byte tag: it was cut short", null);
        }
        int plain = len - AeadSpec.TAG_BYTES;
        checkArguments(aad, in, inOff, len, out, outOff, plain);
        AeadSpec.nonce(iv, index, nonce);
        boolean verified;
        try {
            verified = openRecord(nonce, aad, in, inOff, len, out, outOff);
        } catch (Exception | Error e) {
            Arrays.fill(out, outOff, outOff + plain, (byte) 0);
            throw broken("opening record " + index, e);
        }
        if (!verified) {
            Arrays.fill(out, outOff, outOff + plain, (byte) 0);
            throw new RecordAuthenticationException(index, "record " + index + " failed authentication: its tag does not "
                    + "match its ciphertext, nonce and associated data; none of its plaintext was released", null);
        }
        return plain;
    }

    private static void checkIndex(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("record index " + index + " is negative; records count from 0");
        }
    }

    private void checkArguments(byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff, int outLen) {
        String refused = refuseLength(Math.min(len, outLen));
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        int aadLen = aad == null ? 0 : aad.length;
        if (aadLen != spec.aadLength()) {
            throw new IllegalArgumentException("associated data is " + aadLen + " bytes; this cipher was opened for "
                    + spec.aadLength() + " per record");
        }
        Objects.checkFromIndexSize(inOff, len, in.length);
        Objects.checkIndex(outOff, out.length + 1);
        if (out.length - outOff < outLen) {
            throw new IllegalArgumentException("output has room for " + (out.length - outOff) + " bytes after offset "
                    + outOff + "; this record needs " + outLen);
        }
        if (in == out && inOff != outOff && inOff < outOff + outLen && outOff < inOff + len) {
            throw new IllegalArgumentException("input [" + inOff + ", " + (inOff + len) + ") and output [" + outOff + ", "
                    + (outOff + outLen) + ") overlap in one array; use the same offset (in place) or apart regions");
        }
    }

    private void checkUsable() {
        if (unusable != null) {
            throw new IllegalStateException(backend + " " + AeadSpec.CIPHER + ": " + unusable);
        }
    }

    private IllegalStateException broken(String doing, Throwable e) {
        unusable = "broken by an earlier failure " + doing + ": " + e;
        return new IllegalStateException(backend + " " + AeadSpec.CIPHER + ": " + doing + " failed: " + e.getMessage(), e);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            unusable = "closed";
            Arrays.fill(iv, (byte) 0);
            Arrays.fill(nonce, (byte) 0);
            release();
        }
    }
}
