package org.chunkbench.backends.openssl;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libcrypto (OpenSSL 3.x) functions the backend calls, bound by JNA direct mapping. Pointers are passed
 * as {@code long} addresses: primitive arguments keep the per-chunk call free of marshalling and allocation.
 */
final class LibCrypto {
    /** The library that was bound, or null; {@link #LOAD_ERROR} says why not. */
    static final String LIBRARY;
    static final String LOAD_ERROR;

    static {
        String loaded = null;
        StringBuilder errors = new StringBuilder();
        // Debian ships libcrypto.so.3 in libssl3; the unversioned name exists only with libssl-dev installed.
        for (String name : new String[] {"libcrypto.so.3", "crypto"}) {
            try {
                NativeLibrary lib = NativeLibrary.getInstance(name);
                Native.register(LibCrypto.class, lib);
                loaded = lib.getFile() == null ? name : lib.getFile().getPath();
                break;
            } catch (UnsatisfiedLinkError e) {
                errors.append(errors.length() == 0 ? "" : "; ").append(name).append(": ").append(e.getMessage());
            }
        }
        LIBRARY = loaded;
        LOAD_ERROR = loaded == null ? "OpenSSL's libcrypto could not be loaded (" + errors + ")" : null;
    }

    private LibCrypto() {
    }

    static final int OPENSSL_VERSION = 0;

    static native long OpenSSL_version_num();

    static native Pointer OpenSSL_version(int type);

    static native long EVP_aes_128_ctr();

    static native long EVP_aes_192_ctr();

    static native long EVP_aes_256_ctr();

    /** The identity cipher (output = input, no key, no IV): the {@code openssl[cipher=null]} control. */
    static native long EVP_enc_null();

    static native long EVP_CIPHER_CTX_new();

    static native void EVP_CIPHER_CTX_free(long ctx);

    static native int EVP_CipherInit_ex(long ctx, long cipher, long engine, long key, long iv, int enc);

    static native int EVP_CipherUpdate(long ctx, long out, long outLen, long in, int inLen);

    static native long ERR_get_error();

    static native void ERR_error_string_n(long error, byte[] buf, long len);

    /** The oldest queued OpenSSL error as text (and the queue cleared), for messages that name the failed call. */
    static String lastError() {
        long code = ERR_get_error();
        if (code == 0) {
            return "no OpenSSL error queued";
        }
        byte[] buf = new byte[256];
        ERR_error_string_n(code, buf, buf.length);
        while (ERR_get_error() != 0) {
            // drain the rest so the next failure reports its own error
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
