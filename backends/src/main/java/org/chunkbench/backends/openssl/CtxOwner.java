package org.chunkbench.backends.openssl;

/**
 * One {@code EVP_CIPHER_CTX}, freed once, whether from the cipher's close() or, as a safety net, from its Cleaner.
 * Captures no cipher, so that the Cleaner can run once the cipher is unreachable.
 */
final class CtxOwner implements Runnable {
    private final LibCrypto lib;
    long handle;

    private CtxOwner(LibCrypto lib, long handle) {
        this.lib = lib;
        this.handle = handle;
    }

    /** EVP_CIPHER_CTX_new, its failure named for {@code backend}. */
    static CtxOwner create(LibCrypto lib, String backend) {
        long handle = lib.cipherCtxNew();
        if (handle == 0) {
            throw new IllegalStateException(backend + ": EVP_CIPHER_CTX_new failed: " + lib.lastError());
        }
        return new CtxOwner(lib, handle);
    }

    @Override
    public void run() {
        if (handle != 0) {
            lib.cipherCtxFree(handle); // EVP_CIPHER_CTX_free also cleanses the key schedule
            handle = 0;
        }
    }
}
