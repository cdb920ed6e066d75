package org.chunkbench.backends.openssl;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.ffm.BufferSegments;

/**
 * One {@code EVP_CIPHER_CTX} over FFM. Per chunk: one critical {@code EVP_CipherUpdate} straight on the caller's
 * memory, heap or direct (no staging copy), with the segments for both sides reused while the caller reuses its
 * buffers, so a steady stream allocates nothing. The key is in native memory only for the first
 * {@code EVP_CipherInit_ex} and wiped right after; per-chunk-iv restarts call
 * {@code EVP_CipherInit_ex(ctx, NULL, NULL, NULL, iv, -1)}, which keeps the key schedule.
 *
 * <p>A failed native call leaves the context in an unknown state (part of a chunk may have been processed), so
 * the instance is then broken: every later call throws {@link IllegalStateException} naming the first failure.
 */
final class FfmOpenSslCipher extends AbstractChunkedCipher {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Owner owner;
    private final Cleaner.Cleanable cleanable;
    private final MemorySegment ctx;
    private final MemorySegment iv;
    private final MemorySegment outLen;
    private final BufferSegments inSegments = new BufferSegments();
    private final BufferSegments outSegments = new BufferSegments();
    private String broken;

    FfmOpenSslCipher(String backend, CipherSpec spec) {
        this(backend, spec, false);
    }

    /**
     * {@code nullCipher} true is the {@code openssl[binding=ffm,cipher=null]} control: {@code EVP_enc_null()} in
     * place of {@code EVP_aes_N_ctr()}, and otherwise this same path (context, calls, segments), so its output is
     * its input and the difference to the backend is AES inside OpenSSL.
     */
    FfmOpenSslCipher(String backend, CipherSpec spec, boolean nullCipher) {
        super(backend, spec);
        byte[] keyBytes = spec.key().copyBytes();
        Arena arena = Arena.ofShared();
        MemorySegment cipher;
        try {
            cipher = nullCipher ? (MemorySegment) FfmLibCrypto.EVP_ENC_NULL.invokeExact() : switch (spec.key().bits()) {
                case 128 -> (MemorySegment) FfmLibCrypto.EVP_AES_128_CTR.invokeExact();
                case 192 -> (MemorySegment) FfmLibCrypto.EVP_AES_192_CTR.invokeExact();
                default -> (MemorySegment) FfmLibCrypto.EVP_AES_256_CTR.invokeExact();
            };
            if (cipher.address() == 0) {
                throw new IllegalStateException(backend + ": " + (nullCipher ? "EVP_enc_null" : "EVP_aes_" + spec.key().bits()
                        + "_ctr") + " returned NULL: " + FfmLibCrypto.lastError());
            }
            MemorySegment handle = (MemorySegment) FfmLibCrypto.EVP_CIPHER_CTX_NEW.invokeExact();
            if (handle.address() == 0) {
                throw new IllegalStateException(backend + ": EVP_CIPHER_CTX_new failed: " + FfmLibCrypto.lastError());
            }
            this.ctx = handle;
            // Views with the global scope of memory the shared arena owns: a downcall then has no arena to
            // acquire and release (two atomic operations per argument and call). The Owner frees the memory
            // on close, and no call reaches these views after close (AbstractChunkedCipher checks that first).
            MemorySegment ivAndLen = arena.allocate(32, 16);
            MemorySegment view = MemorySegment.ofAddress(ivAndLen.address()).reinterpret(32);
            this.iv = view.asSlice(0, 16);
            this.outLen = view.asSlice(16, 4);
            this.owner = new Owner(handle, arena, iv);
            this.cleanable = CLEANER.register(this, owner);
        } catch (Throwable t) {
            Arrays.fill(keyBytes, (byte) 0);
            arena.close();
            throw FfmLibCrypto.rethrow(t);
        }
        try (Arena once = Arena.ofConfined()) {
            MemorySegment key = once.allocate(keyBytes.length);
            MemorySegment.copy(keyBytes, 0, key, JAVA_BYTE, 0, keyBytes.length);
            Arrays.fill(keyBytes, (byte) 0);
            if (spec.mode() == Mode.STREAM) {
                MemorySegment.copy(spec.iv(), 0, iv, JAVA_BYTE, 0, 16);
            }
            int enc = spec.direction() == Direction.ENCRYPT ? 1 : 0;
            int rc;
            try {
                rc = (int) FfmLibCrypto.EVP_CIPHER_INIT_EX.invokeExact(ctx, cipher, MemorySegment.NULL, key, iv, enc);
            } catch (Throwable t) {
                close();
                throw FfmLibCrypto.rethrow(t);
            } finally {
                key.fill((byte) 0); // OpenSSL keeps only its key schedule inside ctx
            }
            if (rc != 1) {
                String err = FfmLibCrypto.lastError();
                close();
                throw new IllegalStateException(backend + ": EVP_CipherInit_ex failed: " + err);
            }
        }
    }

    private void checkUsable() {
        if (broken != null) {
            throw new IllegalStateException(backend() + ": unusable after an earlier failure (" + broken
                    + "); close it and open a new cipher");
        }
    }

    private IllegalStateException fail(String what) {
        broken = what;
        return new IllegalStateException(backend() + ": " + what);
    }

    @Override
    protected void restart(byte[] counterBlock) {
        checkUsable();
        MemorySegment.copy(counterBlock, 0, iv, JAVA_BYTE, 0, 16);
        int rc;
        try {
            rc = (int) FfmLibCrypto.EVP_CIPHER_INIT_EX.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL,
                    MemorySegment.NULL, iv, -1);
        } catch (Throwable t) {
            throw fail("EVP_CipherInit_ex (new IV) threw " + t);
        } finally {
            Reference.reachabilityFence(this);
        }
        if (rc != 1) {
            throw fail("EVP_CipherInit_ex (new IV) failed: " + FfmLibCrypto.lastError());
        }
    }

    /** Two direct buffers: refused before any work if they overlap shifted (the shared check, by address). */
    @Override
    protected void checkDirectOverlap(ByteBuffer in, ByteBuffer out, int len) {
        checkOverlap(inSegments.of(in, len).address(), outSegments.of(out, len).address(), len);
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        checkUsable();
        MemorySegment src = inSegments.of(BufferSegments.unshared(in, out, len), len);
        MemorySegment dst = outSegments.of(out, len);
        int rc;
        try {
            rc = (int) FfmLibCrypto.EVP_CIPHER_UPDATE.invokeExact(ctx, dst, outLen, src, len);
        } catch (Throwable t) {
            throw fail("EVP_CipherUpdate threw " + t);
        } finally {
            // The Cleaner must not free ctx, nor a direct buffer's memory go, while OpenSSL is using them.
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(in);
            Reference.reachabilityFence(out);
        }
        if (rc != 1) {
            throw fail("EVP_CipherUpdate failed: " + FfmLibCrypto.lastError());
        }
        int written = outLen.get(JAVA_INT, 0);
        if (written != len) {
            throw fail("EVP_CipherUpdate wrote " + written + " bytes for " + len);
        }
    }

    @Override
    protected void release() {
        inSegments.clear();
        outSegments.clear();
        cleanable.clean();
    }

    /** Frees the context and the arena once, from close() or, as a safety net, from the Cleaner. Captures no cipher. */
    private static final class Owner implements Runnable {
        private MemorySegment ctx;
        private final Arena arena;
        private final MemorySegment iv;

        Owner(MemorySegment ctx, Arena arena, MemorySegment iv) {
            this.ctx = ctx;
            this.arena = arena;
            this.iv = iv;
        }

        @Override
        public void run() {
            if (ctx != null) {
                try {
                    FfmLibCrypto.EVP_CIPHER_CTX_FREE.invokeExact(ctx); // also cleanses the key schedule
                } catch (Throwable t) {
                    throw FfmLibCrypto.rethrow(t);
                } finally {
                    ctx = null;
                    iv.fill((byte) 0);
                    arena.close();
                }
            }
        }
    }
}
