package org.chunkbench.backends.openssl;

import java.lang.reflect.Field;

import org.chunkbench.backends.ChunkedCipher;

/**
 * Test support: gives an openssl cipher of either binding a fresh EVP_CIPHER_CTX with no cipher set, through the
 * cipher's own binding, so its next EVP_CipherUpdate fails for real inside OpenSSL.
 */
public final class OpenSslSabotage {
    private OpenSslSabotage() {
    }

    public static void emptyContext(ChunkedCipher c) throws Exception {
        LibCrypto lib = (LibCrypto) field(OpenSslChunkedCipher.class, "lib").get(c);
        Object owner = field(OpenSslChunkedCipher.class, "ctx").get(c);
        Field handle = field(owner.getClass(), "handle");
        long fresh = lib.cipherCtxNew();
        if (fresh == 0) {
            throw new AssertionError("EVP_CIPHER_CTX_new failed");
        }
        lib.cipherCtxFree((long) handle.get(owner));
        handle.set(owner, fresh); // freed by the cipher's close(), like the one it replaces
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
