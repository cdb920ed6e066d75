package org.chunkbench.backends.openssl;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;

/**
 * The {@code openssl[cipher=null]} control: the {@code openssl} backend's own cipher class with
 * {@code EVP_enc_null()} in place of {@code EVP_aes_N_ctr()}, so it stages, calls {@code EVP_CipherUpdate} and
 * (in per-chunk-iv mode) {@code EVP_CipherInit_ex} exactly as the backend does, and its output equals its input.
 * The difference between the backend and this control is the cost of AES inside OpenSSL.
 */
public final class OpenSslControls {
    private OpenSslControls() {
    }

    public static Availability nullCipherAvailability() {
        return new OpenSslBackend().availability();
    }

    /** {@code spelled} is the control's name in results, for example {@code openssl[cipher=null]}. */
    public static ChunkedCipher openNullCipher(String spelled, CipherSpec spec) {
        return new OpenSslChunkedCipher(spelled, spec, LibCrypto.EVP_enc_null());
    }
}
