package org.chunkbench.backends.openssl;

import java.util.Map;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;

/**
 * The {@code openssl-null[binding=jna|ffm]} control: the {@code openssl} backend's own cipher class of that
 * binding ({@link OpenSslChunkedCipher} over that binding's {@link LibCrypto}) with {@code EVP_enc_null()} in place of
 * {@code EVP_aes_N_ctr()}, so it stages heap chunks (JNA) or passes them in place (FFM), calls {@code EVP_CipherUpdate}
 * and (in per-chunk-iv mode) {@code EVP_CipherInit_ex} exactly as the backend does, and its output equals its
 * input. The difference between the backend and this control is the cost of AES inside OpenSSL.
 */
public final class OpenSslControls {
    /** Its own instance, so the availability of each binding is probed once, as the backend's is. */
    private static final OpenSslBackend BACKEND = new OpenSslBackend();

    private OpenSslControls() {
    }

    /** {@code binding} is {@code jna} or {@code ffm}; FFM is unavailable on JDK &lt; 22 ("needs JDK 22 or newer"). */
    public static Availability nullCipherAvailability(String binding) {
        return BACKEND.availability(Binding.requested("openssl", Map.of(Binding.OPTION, binding)));
    }

    /** {@code spelled} is the control's name in results, for example {@code openssl-null[binding=jna]}. */
    public static ChunkedCipher openNullCipher(String spelled, CipherSpec spec, String binding) {
        return BACKEND.openNullCipher(Binding.requested("openssl", Map.of(Binding.OPTION, binding)), spelled, spec);
    }
}
