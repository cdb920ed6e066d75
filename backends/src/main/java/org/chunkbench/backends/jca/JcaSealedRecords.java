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
 */
final class JcaSealedRecords extends AbstractSealedRecords {
    static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final byte[] keyBytes;
    private final SecretKeySpec key;
    private final Cipher sealer;
    private final Cipher opener;

    JcaSealedRecords(String backend, Provider provider, AeadSpec spec) {
        super(backend, spec);
        this.keyBytes = spec.key().copyBytes();
        try {
            this.key = new SecretKeySpec(keyBytes, "AES");
            this.sealer = cipher(backend, provider);
            this.opener = cipher(backend, provider);
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

    @Override
    protected void sealRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        sealer.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(AeadSpec.TAG_BYTES * 8, nonce));
        if (aad != null && aad.length > 0) {
            sealer.updateAAD(aad);
        }
        int n = sealer.doFinal(in, inOff, len, out, outOff);
        if (n != len + AeadSpec.TAG_BYTES) {
            throw new IllegalStateException("provider wrote " + n + " bytes for a record of " + len);
        }
    }

    @Override
    protected boolean openRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        opener.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(AeadSpec.TAG_BYTES * 8, nonce));
        if (aad != null && aad.length > 0) {
            opener.updateAAD(aad);
        }
        int n;
        try {
            n = opener.doFinal(in, inOff, len, out, outOff);
        } catch (AEADBadTagException e) {
            return false;
        }
        if (n != len - AeadSpec.TAG_BYTES) {
            throw new IllegalStateException("provider wrote " + n + " bytes for a record of " + len);
        }
        return true;
    }

    @Override
    protected void release() {
        Arrays.fill(keyBytes, (byte) 0);
    }
}
