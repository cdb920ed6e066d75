package org.chunkbench.backends.openssl;

import org.chunkbench.backends.memory.NativeMemory;

/**
 * The libcrypto (OpenSSL 3.x) calls of the {@code openssl} backend, binding-neutral: pointers are {@code long}
 * addresses, results are returned as C returns them, and what went wrong is text from OpenSSL's error queue
 * ({@link #lastError()}). {@link OpenSslChunkedCipher} (CTR) and {@link OpenSslSealedRecords} (GCM) are written once over it; {@link JnaLibCrypto} (JNA direct
 * mapping) and {@code FfmLibCrypto} (src/main/java22, FFM downcall handles) only bind the calls. Both
 * implementations are final classes and each cipher holds its binding in a final field, so in a JVM that uses one
 * binding (a JMH fork) the call in the per-chunk loop is monomorphic and inlined.
 */
interface LibCrypto {
    /**
     * The instance a new cipher holds: {@code this} where the binding keeps no state (JNA), a fresh one where it
     * caches per caller (FFM: the segments of the last arrays), so ciphers on different threads share nothing.
     */
    LibCrypto forCipher();

    /** Drops what the instance caches of a caller's memory (the cipher closes). */
    void forget();

    /** {@code jna} or {@code ffm}, as spelled in results. */
    String binding();

    /** Why libcrypto could not be bound, or null. */
    String loadError();

    /** OpenSSL_version(OPENSSL_VERSION) and the library file, for {@code chunkbench backends}. */
    String version();

    NativeMemory memory();

    /** EVP_aes_128_ctr() and so on for 128, 192, 256; 0 (NULL) is OpenSSL's failure. */
    long aesCtr(int keyBits);

    /** EVP_aes_128_gcm() and so on for 128, 192, 256; 0 (NULL) is OpenSSL's failure. */
    long aesGcm(int keyBits);

    /** EVP_enc_null(): the identity cipher of the {@code openssl-null} control. */
    long encNull();

    long cipherCtxNew();

    void cipherCtxFree(long ctx);

    int cipherInit(long ctx, long cipher, long key, long iv, int enc);

    /**
     * {@code EVP_CipherInit_ex(ctx, NULL, NULL, NULL, iv, -1)}: a new IV (a GCM record's nonce), the key and direction
     * kept. Per record on the GCM path, so FFM binds it critical; the CTR path's restart keeps {@link #cipherInit}.
     */
    int cipherNewIv(long ctx, long iv);

    /** EVP_CipherUpdate on native memory: direct buffers and staging. */
    int cipherUpdate(long ctx, long out, long outLen, long in, int inLen);

    /**
     * Whether {@link #cipherUpdate(long, byte[], int, long, byte[], int, int)} reaches OpenSSL without copying the
     * arrays (FFM: a critical downcall takes heap segments). Where false the cipher stages heap chunks instead.
     */
    boolean arraysInPlace();

    /** EVP_CipherUpdate on Java arrays in place; only called where {@link #arraysInPlace()}. */
    int cipherUpdate(long ctx, byte[] out, int outOff, long outLen, byte[] in, int inOff, int inLen);

    /** EVP_CIPHER_CTX_ctrl with a pointer argument given as an address (0 for NULL); 1 is success. */
    int cipherCtxCtrl(long ctx, int type, int arg, long ptr);

    /** EVP_CipherFinal_ex on native memory; 1 is success (for AEAD decryption, 0 when the tag does not match). */
    int cipherFinal(long ctx, long out, long outLen);

    /** The oldest queued OpenSSL error as text, and the queue cleared, for messages that name the failed call. */
    String lastError();
}
