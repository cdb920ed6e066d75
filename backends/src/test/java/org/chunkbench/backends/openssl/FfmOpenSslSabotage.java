package org.chunkbench.backends.openssl;

import java.lang.reflect.Field;

import org.chunkbench.backends.ChunkedCipher;

/**
 * Test support: gives an FFM openssl cipher a fresh EVP_CIPHER_CTX with no cipher set, so its next
 * EVP_CipherUpdate fails for real. Written with reflection only, so it compiles on JDK 17 (where it is never
 * called): the FFM classes and {@code java.lang.foreign} exist only from JDK 22.
 */
public final class FfmOpenSslSabotage {
    private FfmOpenSslSabotage() {
    }

    public static void emptyContext(ChunkedCipher c) throws Exception {
        Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
        long fresh = LibCrypto.EVP_CIPHER_CTX_new();
        if (fresh == 0) {
            throw new AssertionError("EVP_CIPHER_CTX_new failed");
        }
        Object freshSegment = segment.getMethod("ofAddress", long.class).invoke(null, fresh);
        Field ctx = c.getClass().getDeclaredField("ctx");
        ctx.setAccessible(true);
        Field ownerField = c.getClass().getDeclaredField("owner");
        ownerField.setAccessible(true);
        Object owner = ownerField.get(c);
        Field ownerCtx = owner.getClass().getDeclaredField("ctx");
        ownerCtx.setAccessible(true);
        long old = (long) segment.getMethod("address").invoke(ctx.get(c));
        ctx.set(c, freshSegment);
        ownerCtx.set(owner, freshSegment); // freed by the cipher's close(), like the one it replaces
        LibCrypto.EVP_CIPHER_CTX_free(old);
    }
}
