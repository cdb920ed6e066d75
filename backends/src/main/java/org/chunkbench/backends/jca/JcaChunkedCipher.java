package org.chunkbench.backends.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.chunkbench.backends.ArrayChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;

/**
 * One {@link Cipher} from one provider object. Stream mode: initialised once, then {@code update} per chunk.
 * Per-chunk-iv mode: {@code init} with the chunk's counter block before each chunk; that {@code init} (with its
 * {@code IvParameterSpec}) is the provider's per-chunk allocation, which the JCA API gives no way around.
 */
final class JcaChunkedCipher extends ArrayChunkedCipher {
    static final String TRANSFORMATION = "AES/CTR/NoPadding";

    private final Cipher cipher;
    private final int opmode;
    private final byte[] keyBytes;
    private final SecretKeySpec key;

    JcaChunkedCipher(String backend, Provider provider, CipherSpec spec) {
        super(backend, spec);
        this.opmode = spec.direction() == Direction.ENCRYPT ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        this.keyBytes = spec.key().copyBytes();
        try {
            this.key = new SecretKeySpec(keyBytes, "AES");
            this.cipher = Cipher.getInstance(TRANSFORMATION, provider);
            if (cipher.getProvider() != provider) {
                throw new IllegalStateException(backend + ": the JCA returned a cipher from " + cipher.getProvider().getName()
                        + " instead of " + provider.getName());
            }
            if (spec.mode() == Mode.STREAM) {
                cipher.init(opmode, key, new IvParameterSpec(spec.iv()));
            }
        } catch (GeneralSecurityException e) {
            Arrays.fill(keyBytes, (byte) 0);
            throw new IllegalStateException(backend + ": cannot initialise " + TRANSFORMATION + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void restart(byte[] counterBlock) {
        try {
            cipher.init(opmode, key, new IvParameterSpec(counterBlock));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(backend() + ": init with a new counter block failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void cryptArrays(byte[] in, int inOff, int len, byte[] out, int outOff) {
        int n;
        try {
            // Bouncy Castle's JCA CTR holds back a partial block in update() until doFinal. A chunk that is not a
            // multiple of 16 is by contract the last one, so finishing it with doFinal is right for every provider.
            n = (len & 15) == 0 ? cipher.update(in, inOff, len, out, outOff) : cipher.doFinal(in, inOff, len, out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(backend() + ": provider reported a short buffer: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(backend() + ": doFinal on the last chunk failed: " + e.getMessage(), e);
        }
        if (n != len) {
            // CTR is a stream mode: a provider that holds back bytes would break chunked output.
            throw new IllegalStateException(backend() + ": provider returned " + n + " bytes for a chunk of " + len);
        }
    }

    @Override
    protected void release() {
        super.release();
        Arrays.fill(keyBytes, (byte) 0);
    }
}
