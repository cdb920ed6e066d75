package org.chunkbench.backends.openssl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The libcrypto (OpenSSL 3.x) functions the FFM binding calls, each a downcall handle made once, in this class's
 * initialiser. {@code EVP_CipherUpdate} is a critical downcall: it may take heap segments (so heap arrays reach
 * OpenSSL without a copy), it cannot call back into Java, and the JVM skips the thread-state transition around it.
 * {@code OpenSSL_version_num} is also bound critical: it does nothing but return a constant, so the benchmarks use it
 * to measure the bare cost of a call.
 */
final class FfmLibCrypto {
    static final String LIBRARY;
    static final String LOAD_ERROR;

    static final MethodHandle OPENSSL_VERSION_NUM;
    static final MethodHandle OPENSSL_VERSION;
    static final MethodHandle EVP_AES_128_CTR;
    static final MethodHandle EVP_AES_192_CTR;
    static final MethodHandle EVP_AES_256_CTR;
    /** EVP_enc_null(): the identity cipher of the {@code openssl[binding=ffm,cipher=null]} control. */
    static final MethodHandle EVP_ENC_NULL;
    static final MethodHandle EVP_CIPHER_CTX_NEW;
    static final MethodHandle EVP_CIPHER_CTX_FREE;
    static final MethodHandle EVP_CIPHER_INIT_EX;
    static final MethodHandle EVP_CIPHER_UPDATE;
    static final MethodHandle ERR_GET_ERROR;
    static final MethodHandle ERR_ERROR_STRING_N;
    /** OpenSSL_version_num as an ordinary (non-critical) downcall, to measure what critical saves. */
    static final MethodHandle OPENSSL_VERSION_NUM_PLAIN;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup = null;
        String loaded = null;
        StringBuilder errors = new StringBuilder();
        // Debian ships libcrypto.so.3 in libssl3; the unversioned name exists only with libssl-dev installed.
        for (String name : new String[] {"libcrypto.so.3", "libcrypto.so"}) {
            try {
                lookup = SymbolLookup.libraryLookup(name, Arena.global());
                loaded = name;
                break;
            } catch (IllegalArgumentException e) {
                errors.append(errors.length() == 0 ? "" : "; ").append(name).append(": ").append(e.getMessage());
            }
        }
        MethodHandle[] h = new MethodHandle[13];
        String error = loaded == null ? "OpenSSL's libcrypto could not be loaded (" + errors + ")" : null;
        if (lookup != null) {
            try {
                Linker.Option critical = Linker.Option.critical(true);
                h[0] = handle(linker, lookup, "OpenSSL_version_num", FunctionDescriptor.of(JAVA_LONG), critical);
                h[1] = handle(linker, lookup, "OpenSSL_version", FunctionDescriptor.of(ADDRESS, JAVA_INT));
                h[2] = handle(linker, lookup, "EVP_aes_128_ctr", FunctionDescriptor.of(ADDRESS));
                h[3] = handle(linker, lookup, "EVP_aes_192_ctr", FunctionDescriptor.of(ADDRESS));
                h[4] = handle(linker, lookup, "EVP_aes_256_ctr", FunctionDescriptor.of(ADDRESS));
                h[5] = handle(linker, lookup, "EVP_CIPHER_CTX_new", FunctionDescriptor.of(ADDRESS));
                h[6] = handle(linker, lookup, "EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(ADDRESS));
                h[7] = handle(linker, lookup, "EVP_CipherInit_ex",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT));
                h[8] = handle(linker, lookup, "EVP_CipherUpdate",
                        FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), critical);
                h[9] = handle(linker, lookup, "ERR_get_error", FunctionDescriptor.of(JAVA_LONG));
                h[10] = handle(linker, lookup, "ERR_error_string_n", FunctionDescriptor.ofVoid(JAVA_LONG, ADDRESS, JAVA_LONG));
                h[11] = handle(linker, lookup, "OpenSSL_version_num", FunctionDescriptor.of(JAVA_LONG));
                h[12] = handle(linker, lookup, "EVP_enc_null", FunctionDescriptor.of(ADDRESS));
            } catch (IllegalArgumentException e) {
                error = loaded + " lacks a function the backend needs (OpenSSL 3.x expected): " + e.getMessage();
            }
        }
        LIBRARY = loaded;
        LOAD_ERROR = error;
        OPENSSL_VERSION_NUM = h[0];
        OPENSSL_VERSION = h[1];
        EVP_AES_128_CTR = h[2];
        EVP_AES_192_CTR = h[3];
        EVP_AES_256_CTR = h[4];
        EVP_CIPHER_CTX_NEW = h[5];
        EVP_CIPHER_CTX_FREE = h[6];
        EVP_CIPHER_INIT_EX = h[7];
        EVP_CIPHER_UPDATE = h[8];
        ERR_GET_ERROR = h[9];
        ERR_ERROR_STRING_N = h[10];
        OPENSSL_VERSION_NUM_PLAIN = h[11];
        EVP_ENC_NULL = h[12];
    }

    private FfmLibCrypto() {
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor d,
            Linker.Option... options) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
        return linker.downcallHandle(symbol, d, options);
    }

    static long versionNumCritical() {
        try {
            return (long) OPENSSL_VERSION_NUM.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long versionNumPlain() {
        try {
            return (long) OPENSSL_VERSION_NUM_PLAIN.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** OpenSSL_version(OPENSSL_VERSION) and the number, as the JNA binding reports them. */
    static String version() {
        try {
            MemorySegment s = (MemorySegment) OPENSSL_VERSION.invokeExact(0);
            long num = (long) OPENSSL_VERSION_NUM.invokeExact();
            return s.reinterpret(256).getString(0) + " (" + LIBRARY + String.format(", OPENSSL_VERSION_NUMBER 0x%x)", num);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The oldest queued OpenSSL error as text (and the queue cleared), for messages that name the failed call. */
    static String lastError() {
        try {
            long code = (long) ERR_GET_ERROR.invokeExact();
            if (code == 0) {
                return "no OpenSSL error queued";
            }
            String text;
            try (Arena a = Arena.ofConfined()) {
                MemorySegment buf = a.allocate(256);
                ERR_ERROR_STRING_N.invokeExact(code, buf, 256L);
                text = buf.getString(0, StandardCharsets.US_ASCII);
            }
            while ((long) ERR_GET_ERROR.invokeExact() != 0) {
                // drain the rest so the next failure reports its own error
            }
            return text;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
