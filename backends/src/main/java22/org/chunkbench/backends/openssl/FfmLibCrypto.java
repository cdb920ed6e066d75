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

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.memory.NativeMemory;

/**
 * {@link LibCrypto} over FFM: each function a downcall handle made once, in this class's initialiser, with
 * pointers as {@code JAVA_LONG} (LP64: a pointer and a long travel alike), so no segment is made per call.
 * {@code EVP_CipherUpdate} is bound twice, both critical (short, never blocks, never calls back into Java: the JVM
 * skips the thread-state transition): on addresses, and on heap segments of the caller's arrays
 * ({@code critical(true)} lets it take them), so heap chunks reach OpenSSL without a copy. The segment of each side
 * is made once and reused while the caller passes the same array, offset and length; that cache is why each cipher
 * has its own instance ({@link #forCipher()}). GCM's per-record {@code EVP_CipherInit_ex} (the nonce only),
 * {@code EVP_CIPHER_CTX_ctrl} (tag get and set) and {@code EVP_CipherFinal_ex} are critical too, for the same reasons. Only binds: the ciphers are {@link OpenSslChunkedCipher} and {@link OpenSslSealedRecords}.
 */
public final class FfmLibCrypto implements LibCrypto {
    static final String LIBRARY;
    static final String LOAD_ERROR;

    private static final MethodHandle OPENSSL_VERSION_NUM;
    private static final MethodHandle OPENSSL_VERSION;
    private static final MethodHandle EVP_AES_128_CTR;
    private static final MethodHandle EVP_AES_192_CTR;
    private static final MethodHandle EVP_AES_256_CTR;
    private static final MethodHandle EVP_ENC_NULL;
    private static final MethodHandle EVP_CIPHER_CTX_NEW;
    private static final MethodHandle EVP_CIPHER_CTX_FREE;
    private static final MethodHandle EVP_CIPHER_INIT_EX;
    private static final MethodHandle EVP_CIPHER_UPDATE;
    private static final MethodHandle EVP_CIPHER_UPDATE_ARRAYS;
    private static final MethodHandle ERR_GET_ERROR;
    private static final MethodHandle ERR_ERROR_STRING_N;
    private static final MethodHandle EVP_AES_128_GCM;
    private static final MethodHandle EVP_AES_192_GCM;
    private static final MethodHandle EVP_AES_256_GCM;
    private static final MethodHandle EVP_CIPHER_CTX_CTRL;
    private static final MethodHandle EVP_CIPHER_FINAL_EX;
    private static final MethodHandle EVP_CIPHER_INIT_EX_IV;

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
        MethodHandle[] h = new MethodHandle[19];
        String error = loaded == null ? "OpenSSL's libcrypto could not be loaded (" + errors + ")" : null;
        if (lookup != null) {
            try {
                Linker.Option critical = Linker.Option.critical(false);
                Linker.Option criticalHeap = Linker.Option.critical(true);
                FunctionDescriptor ptr = FunctionDescriptor.of(JAVA_LONG);
                h[0] = handle(linker, lookup, "OpenSSL_version_num", ptr);
                h[1] = handle(linker, lookup, "OpenSSL_version", FunctionDescriptor.of(ADDRESS, JAVA_INT));
                h[2] = handle(linker, lookup, "EVP_aes_128_ctr", ptr);
                h[3] = handle(linker, lookup, "EVP_aes_192_ctr", ptr);
                h[4] = handle(linker, lookup, "EVP_aes_256_ctr", ptr);
                h[5] = handle(linker, lookup, "EVP_enc_null", ptr);
                h[6] = handle(linker, lookup, "EVP_CIPHER_CTX_new", ptr);
                h[7] = handle(linker, lookup, "EVP_CIPHER_CTX_free", FunctionDescriptor.ofVoid(JAVA_LONG));
                h[8] = handle(linker, lookup, "EVP_CipherInit_ex",
                        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT));
                h[9] = handle(linker, lookup, "EVP_CipherUpdate",
                        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT), critical);
                h[10] = handle(linker, lookup, "EVP_CipherUpdate",
                        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT), criticalHeap);
                h[11] = handle(linker, lookup, "ERR_get_error", FunctionDescriptor.of(JAVA_LONG));
                h[12] = handle(linker, lookup, "ERR_error_string_n", FunctionDescriptor.ofVoid(JAVA_LONG, ADDRESS, JAVA_LONG));
                h[13] = handle(linker, lookup, "EVP_aes_128_gcm", ptr);
                h[14] = handle(linker, lookup, "EVP_aes_192_gcm", ptr);
                h[15] = handle(linker, lookup, "EVP_aes_256_gcm", ptr);
                h[16] = handle(linker, lookup, "EVP_CIPHER_CTX_ctrl",
                        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG), critical);
                h[17] = handle(linker, lookup, "EVP_CipherFinal_ex",
                        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG), critical);
                h[18] = handle(linker, lookup, "EVP_CipherInit_ex",
                        FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT), critical);
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
        EVP_ENC_NULL = h[5];
        EVP_CIPHER_CTX_NEW = h[6];
        EVP_CIPHER_CTX_FREE = h[7];
        EVP_CIPHER_INIT_EX = h[8];
        EVP_CIPHER_UPDATE = h[9];
        EVP_CIPHER_UPDATE_ARRAYS = h[10];
        ERR_GET_ERROR = h[11];
        ERR_ERROR_STRING_N = h[12];
        EVP_AES_128_GCM = h[13];
        EVP_AES_192_GCM = h[14];
        EVP_AES_256_GCM = h[15];
        EVP_CIPHER_CTX_CTRL = h[16];
        EVP_CIPHER_FINAL_EX = h[17];
        EVP_CIPHER_INIT_EX_IV = h[18];
    }

    /** The last array of each side, with its offset, length and segment: reused while they repeat. */
    private byte[] inArray;
    private int inOff;
    private int inLen = -1;
    private MemorySegment inSegment;
    private byte[] outArray;
    private int outOff;
    private int outLen = -1;
    private MemorySegment outSegment;

    /** Loaded by name on JDK 22+ ({@link Binding#loadFfm}): the prototype of which each cipher gets a copy. */
    public FfmLibCrypto() {
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor d,
            Linker.Option... options) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
        return linker.downcallHandle(symbol, d, options);
    }

    @Override
    public LibCrypto forCipher() {
        return new FfmLibCrypto();
    }

    @Override
    public String binding() {
        return Binding.FFM.spelling();
    }

    @Override
    public String loadError() {
        return LOAD_ERROR;
    }

    @Override
    public String version() {
        try {
            MemorySegment s = (MemorySegment) OPENSSL_VERSION.invokeExact(0);
            long num = (long) OPENSSL_VERSION_NUM.invokeExact();
            return s.reinterpret(256).getString(0) + " (" + LIBRARY + String.format(", OPENSSL_VERSION_NUMBER 0x%x)", num);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public NativeMemory memory() {
        return NativeMemory.of(Binding.FFM);
    }

    @Override
    public long aesCtr(int keyBits) {
        try {
            return switch (keyBits) {
                case 128 -> (long) EVP_AES_128_CTR.invokeExact();
                case 192 -> (long) EVP_AES_192_CTR.invokeExact();
                default -> (long) EVP_AES_256_CTR.invokeExact();
            };
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public long aesGcm(int keyBits) {
        try {
            return switch (keyBits) {
                case 128 -> (long) EVP_AES_128_GCM.invokeExact();
                case 192 -> (long) EVP_AES_192_GCM.invokeExact();
                default -> (long) EVP_AES_256_GCM.invokeExact();
            };
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public long encNull() {
        try {
            return (long) EVP_ENC_NULL.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public long cipherCtxNew() {
        try {
            return (long) EVP_CIPHER_CTX_NEW.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public void cipherCtxFree(long ctx) {
        try {
            EVP_CIPHER_CTX_FREE.invokeExact(ctx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int cipherInit(long ctx, long cipher, long key, long iv, int enc) {
        try {
            return (int) EVP_CIPHER_INIT_EX.invokeExact(ctx, cipher, 0L, key, iv, enc);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int cipherNewIv(long ctx, long iv) {
        try {
            return (int) EVP_CIPHER_INIT_EX_IV.invokeExact(ctx, 0L, 0L, 0L, iv, -1);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int cipherUpdate(long ctx, long out, long outLenAddr, long in, int len) {
        try {
            return (int) EVP_CIPHER_UPDATE.invokeExact(ctx, out, outLenAddr, in, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int cipherCtxCtrl(long ctx, int type, int arg, long ptr) {
        try {
            return (int) EVP_CIPHER_CTX_CTRL.invokeExact(ctx, type, arg, ptr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public int cipherFinal(long ctx, long out, long outLenAddr) {
        try {
            return (int) EVP_CIPHER_FINAL_EX.invokeExact(ctx, out, outLenAddr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public boolean arraysInPlace() {
        return true;
    }

    @Override
    public int cipherUpdate(long ctx, byte[] out, int outOff, long outLenAddr, byte[] in, int inOff, int len) {
        if (in != inArray || inOff != this.inOff || len != inLen) {
            inSegment = MemorySegment.ofArray(in).asSlice(inOff, len);
            inArray = in;
            this.inOff = inOff;
            inLen = len;
        }
        if (out != outArray || outOff != this.outOff || len != outLen) {
            outSegment = MemorySegment.ofArray(out).asSlice(outOff, len);
            outArray = out;
            this.outOff = outOff;
            outLen = len;
        }
        try {
            return (int) EVP_CIPHER_UPDATE_ARRAYS.invokeExact(ctx, outSegment, outLenAddr, inSegment, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public void forget() {
        inArray = null;
        outArray = null;
        inSegment = null;
        outSegment = null;
        inLen = -1;
        outLen = -1;
    }

    @Override
    public String lastError() {
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

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
