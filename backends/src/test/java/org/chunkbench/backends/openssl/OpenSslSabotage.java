package org.chunkbench.backends.openssl;

import java.lang.reflect.Field;

import org.chunkbench.backends.ChunkedCipher;

/** Test support: gives an openssl cipher a fresh EVP_CIPHER_CTX with no cipher set, so EVP_CipherUpdate fails. */
public final class OpenSslSabotage {
    private OpenSslSabotage() {
    }

    public static void emptyContext(ChunkedCipher c) throws Exception {
        Field ctxField = OpenSslChunkedCipher.class.getDeclaredField("ctx");
        ctxField.setAccessible(true);
        Object owner = ctxField.get(c);
        Field handle = owner.getClass().getDeclaredField("handle");
        handle.setAccessible(true);
        long fresh = LibCrypto.EVP_CIPHER_CTX_new();
        if (fresh == 0) {
            throw new AssertionError("EVP_CIPHER_CTX_new failed");
        }
        LibCrypto.EVP_CIPHER_CTX_free((long) handle.get(owner));
        handle.set(owner, fresh); // freed by the cipher's close(), like the one it replaces
    }
}
