package org.chunkbench.backends.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.chunkbench.backends.AbstractSealedRecords;
import org.chunkbench.backends.AeadSpec;

/**
 * A provider's {@code AES/GCM/NoPadding}, one {@code init} and {@code doFinal} per record. Sealing and opening use two
 * {@link Cipher} objects, so that opening a record never counts as a use of its nonce in a provider's own
 * nonce-reuse check. The {@code init} per record (with its {@link GCMParameterSpec}) is the JCA's per-record
 * allocation, which its API gives no way around.
 *
 * <p>Conscrypt (BoringSSL's {@code EVP_AEAD_CTX_open}) zeroes everything from the output offset to the end of the
 * output array when a tag does not match, not only the record's region, which would wipe bytes the caller still
 * holds there. For it, a record whose region does not end the caller's array is opened into the end of an array
 * kept here, so that the region ends the array, and copied out once verified.
 */
final class JcaSealedRecords extends AbstractSealedRecords {
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final byte[] keyBytes;
    private final SecretKeySpec key;
    private final Cipher sealer;
    private final Cipher opener;
    /** Whether the provider may write past the plaintext when a record fails (Conscrypt). */
    private final boolean zeroesToArrayEnd;
    /** Conscrypt's records are opened into its end when the caller's region does not end the caller's array. */
    private byte[] scratch = new byte[0];

    JcaSealedRecords(String backend, Provider provider, AeadSpec spec, boolean zeroesToArrayEnd) {
        super(backend, spec);
        this.zeroesToArrayEnd = zeroesToArrayEnd;
        this.keyBytes = spec.key().copyBytes();
        try {
            this.key = new SecretKeySpec(keyBytes, "AES");
            this.sealer = cipher(backend, provider);
            this.opener = cipher(backend, provider);
            // A key size the provider does not take is refused here, before any record (Conscrypt has no AES-192-GCM).
            // Initialising to decrypt uses no nonce.
            opener.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(AeadSpec.TAG_BYTES * 8, new byte[AeadSpec.IV_BYTES]));
        } catch (java.security.InvalidKeyException e) {
            Arrays.fill(keyBytes, (byte) 0);
            throw new IllegalArgumentException(backend + " " + AeadSpec.CIPHER + " does not take an AES-" + spec.key().bits()
                    + " key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            Arrays.fill(keyBytes, (byte) 0);
            throw new IllegalStateException(backend + ": cannot get " + TRANSFORMATION + ": " + e.getMessage(), e);
        }
    }

    static Cipher cipher(String backend, Provider provider) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance(TRANSFORMATION, provider);
        if (c.getProvider() != provider) {
            throw new IllegalStateException(backend + ": the JCA returned a cipher from " + c.getProvider().getName()
                    + " instead of " + provider.getName());
        }
        return c;
    }

    /** One record's start: the nonce, and the associated data when there is some. */
    private void start(Cipher c, int opmode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        c.init(opmode, key, new GCMParameterSpec(AeadSpec.TAG_BYTES * 8, nonce));
        if (aad != null && aad.length > 0) {
            c.updateAAD(aad);
        }
    }

    @Override
    protected void sealRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        start(sealer, Cipher.ENCRYPT_MODE, nonce, aad);
        int n = sealer.doFinal(in, inOff, len, out, outOff);
        if (n != len + AeadSpec.TAG_BYTES) {
            throw new IllegalStateException("provider wrote " + n + " bytes for a record of " + len);
        }
    }

    @Override
    protected boolean openRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        start(opener, Cipher.DECRYPT_MODE, nonce, aad);
        int plain = len - AeadSpec.TAG_BYTES;
        boolean viaScratch = zeroesToArrayEnd && out.length - outOff > plain;
        if (viaScratch && scratch.length < plain) {
            scratch = new byte[plain];
        }
        int n;
        try {
            n = viaScratch ? opener.doFinal(in, inOff, len, scratch, scratch.length - plain)
                    : opener.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            return false;
        }
        if (viaScratch) {
            System.arraycopy(scratch, scratch.length - plain, out, outOff, plain);
            Arrays.fill(scratch, scratch.length - plain, scratch.length, (byte) 0);
        }
        if (n != len - AeadSpec.TAG_BYTES) {
            throw new IllegalStateException("provider wrote " + n + " bytes for a record of " + len);
        }
        return true;
    }

    @Override
    protected void release() {
        Arrays.fill(keyBytes, (byte) 0);
        Arrays.fill(scratch, (byte) 0);
    }
}
