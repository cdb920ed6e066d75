package org.chunkbench.backends.openssl;

import java.nio.charset.StandardCharsets;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.memory.NativeMemory;

/**
 * {@link LibCrypto} by JNA direct mapping. Pointers are passed as {@code long} addresses: primitive arguments keep
 * the per-chunk call free of marshalling and allocation. JNA would pin or copy a Java array per call, so heap chunks
 * are staged ({@link #arraysInPlace()} is false).
 */
final class JnaLibCrypto implements LibCrypto {
    static final JnaLibCrypto INSTANCE = new JnaLibCrypto();
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
                Native.register(JnaLibCrypto.class, lib);
                loaded = lib.getFile() == null ? name : lib.getFile().getPath();
                break;
            } catch (UnsatisfiedLinkError e) {
                errors.append(errors.length() == 0 ? "" : "; ").append(name).append(": ").append(e.getMessage());
            }
        }
        LIBRARY = loaded;
        LOAD_ERROR = loaded == null ? "OpenSSL's libcrypto could not be loaded (" + errors + ")" : null;
    }

    private JnaLibCrypto() {
    }

    private static native long OpenSSL_version_num();

    private static native Pointer OpenSSL_version(int type);

    private static native long EVP_aes_128_ctr();

    private static native long EVP_aes_192_ctr();

    private static native long EVP_aes_256_ctr();

    private static native long EVP_aes_128_gcm();

    private static native long EVP_aes_192_gcm();

    private static native long EVP_aes_256_gcm();

    private static native long EVP_enc_null();

    private static native long EVP_CIPHER_CTX_new();

    private static native void EVP_CIPHER_CTX_free(long ctx);

    private static native int EVP_CipherInit_ex(long ctx, long cipher, long engine, long key, long iv, int enc);

    private static native int EVP_CipherUpdate(long ctx, long out, long outLen, long in, int inLen);

    private static native int EVP_CIPHER_CTX_ctrl(long ctx, int type, int arg, long ptr);

    private static native int EVP_CipherFinal_ex(long ctx, long out, long outLen);

    private static native long ERR_get_error();

    private static native void ERR_error_string_n(long error, byte[] buf, long len);

    @Override
    public LibCrypto forCipher() {
        return this;
    }

    @Override
    public void forget() {
        // nothing cached
    }

    @Override
    public String binding() {
        return Binding.JNA.spelling();
    }

    @Override
    public String loadError() {
        return LOAD_ERROR;
    }

    @Override
    public String version() {
        return OpenSSL_version(0).getString(0) + " (" + LIBRARY
                + String.format(", OPENSSL_VERSION_NUMBER 0x%x)", OpenSSL_version_num());
    }

    @Override
    public NativeMemory memory() {
        return NativeMemory.of(Binding.JNA);
    }

    @Override
    public long aesCtr(int keyBits) {
        return switch (keyBits) {
            case 128 -> EVP_aes_128_ctr();
            case 192 -> EVP_aes_192_ctr();
            default -> EVP_aes_256_ctr();
        };
    }

    @Override
    public long aesGcm(int keyBits) {
        return switch (keyBits) {
            case 128 -> EVP_aes_128_gcm();
            case 192 -> EVP_aes_192_gcm();
            default -> EVP_aes_256_gcm();
        };
    }

    @Override
    public long encNull() {
        return EVP_enc_null();
    }

    @Override
    public long cipherCtxNew() {
        return EVP_CIPHER_CTX_new();
    }

    @Override
    public void cipherCtxFree(long ctx) {
        EVP_CIPHER_CTX_free(ctx);
    }

    @Override
    public int cipherInit(long ctx, long cipher, long key, long iv, int enc) {
        return EVP_CipherInit_ex(ctx, cipher, 0, key, iv, enc);
    }

    @Override
    public int cipherNewIv(long ctx, long iv) {
        return EVP_CipherInit_ex(ctx, 0, 0, 0, iv, -1);
    }

    @Override
    public int cipherUpdate(long ctx, long out, long outLen, long in, int inLen) {
        return EVP_CipherUpdate(ctx, out, outLen, in, inLen);
    }

    @Override
    public int cipherCtxCtrl(long ctx, int type, int arg, long ptr) {
        return EVP_CIPHER_CTX_ctrl(ctx, type, arg, ptr);
    }

    @Override
    public int cipherFinal(long ctx, long out, long outLen) {
        return EVP_CipherFinal_ex(ctx, out, outLen);
    }

    @Override
    public boolean arraysInPlace() {
        return false;
    }

    @Override
    public int cipherUpdate(long ctx, byte[] out, int outOff, long outLen, byte[] in, int inOff, int inLen) {
        throw new UnsupportedOperationException("binding=jna stages heap chunks (arraysInPlace is false)");
    }

    @Override
    public String lastError() {
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
        return new String(buf, 0, n, StandardCharsets.US_ASCII);
    }
}
