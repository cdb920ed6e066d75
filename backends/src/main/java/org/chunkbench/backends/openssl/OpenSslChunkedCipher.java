package org.chunkbench.backends.openssl;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.jna.NativeStaging;
import org.chunkbench.backends.jna.OwnedMemory;

/**
 * One {@code EVP_CIPHER_CTX}. The key goes into native memory only for the first {@code EVP_CipherInit_ex} and is
 * wiped right after; per-chunk-iv restarts call {@code EVP_CipherInit_ex(ctx, NULL, NULL, NULL, iv, -1)}, which
 * keeps the key schedule and changes only the counter block.
 */
final class OpenSslChunkedCipher extends AbstractChunkedCipher {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Heap buffers are staged through native memory this many bytes at a time. */
    private static final int STAGE = 256 * 1024;

    private final CtxOwner ctx;
    private final Cleaner.Cleanable cleanable;
    private final OwnedMemory iv;
    private final OwnedMemory outLen;
    private final NativeStaging staging;

    OpenSslChunkedCipher(String backend, CipherSpec spec) {
        this(backend, spec, switch (spec.key().bits()) {
            case 128 -> LibCrypto.EVP_aes_128_ctr();
            case 192 -> LibCrypto.EVP_aes_192_ctr();
            default -> LibCrypto.EVP_aes_256_ctr();
        });
    }

    /**
     * With any {@code EVP_CIPHER}: the {@code openssl[cipher=null]} control passes {@code EVP_enc_null()} to time
     * this same path (staging, context, calls) without AES.
     */
    OpenSslChunkedCipher(String backend, CipherSpec spec, long cipher) {
        super(backend, spec);
        byte[] keyBytes = spec.key().copyBytes();
        long handle = LibCrypto.EVP_CIPHER_CTX_new();
        if (handle == 0) {
            Arrays.fill(keyBytes, (byte) 0);
            throw new IllegalStateException(backend + ": EVP_CIPHER_CTX_new failed: " + LibCrypto.lastError());
        }
        this.ctx = new CtxOwner(handle);
        this.cleanable = CLEANER.register(this, ctx);
        this.iv = new OwnedMemory(backend + " IV", 16);
        this.outLen = new OwnedMemory(backend + " outl", 4);
        this.staging = new NativeStaging(backend, STAGE);
        try (OwnedMemory key = new OwnedMemory(backend + " key", keyBytes.length)) {
            key.write(0, keyBytes, 0, keyBytes.length);
            Arrays.fill(keyBytes, (byte) 0);
            if (spec.mode() == Mode.STREAM) {
                byte[] initial = spec.iv();
                iv.write(0, initial, 0, 16);
            }
            int enc = spec.direction() == Direction.ENCRYPT ? 1 : 0;
            if (LibCrypto.EVP_CipherInit_ex(handle, cipher, 0, key.address(), iv.address(), enc) != 1) {
                String err = LibCrypto.lastError();
                close();
                throw new IllegalStateException(backend + ": EVP_CipherInit_ex failed: " + err);
            }
        } // the native key copy is wiped and freed here; OpenSSL keeps only its key schedule inside ctx
    }

    @Override
    protected void restart(byte[] counterBlock) {
        try {
            iv.write(0, counterBlock, 0, 16);
            if (LibCrypto.EVP_CipherInit_ex(ctx.handle, 0, 0, 0, iv.address(), -1) != 1) {
                throw new IllegalStateException(backend() + ": EVP_CipherInit_ex (new IV) failed: " + LibCrypto.lastError());
            }
        } finally {
            // The Cleaner frees ctx once this cipher is unreachable: not before the native call has returned.
            Reference.reachabilityFence(this);
        }
    }

    @Override
    protected void checkDirectOverlap(ByteBuffer in, ByteBuffer out, int len) {
        checkOverlap(staging.inputBase(in) + in.position(), staging.outputBase(out) + out.position(), len);
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        try {
            boolean direct = in.isDirect() && out.isDirect();
            ByteBuffer src = staging.stableInput(in, out, len);
            int slice = direct ? len : staging.stageSize();
            for (int done = 0; done < len; ) {
                int n = Math.min(slice, len - done);
                long from = staging.inputAddress(src, done, n);
                long to = staging.outputAddress(out, done, n);
                if (LibCrypto.EVP_CipherUpdate(ctx.handle, to, outLen.address(), from, n) != 1) {
                    throw new IllegalStateException(backend() + ": EVP_CipherUpdate failed: " + LibCrypto.lastError());
                }
                int written = outLen.pointer().getInt(0);
                if (written != n) {
                    throw new IllegalStateException(backend() + ": EVP_CipherUpdate wrote " + written + " bytes for " + n);
                }
                staging.finishOutput(out, done, n);
                done += n;
            }
        } finally {
            // Keeps ctx (freed by the Cleaner) and the direct buffers' memory alive until the native calls returned.
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(in);
            Reference.reachabilityFence(out);
        }
    }

    @Override
    protected void release() {
        cleanable.clean();
        staging.close();
        iv.close();
        outLen.close();
    }

    /** Frees the context once, whether from close() or, as a safety net, from the Cleaner. Captures no cipher. */
    private static final class CtxOwner implements Runnable {
        private long handle;

        CtxOwner(long handle) {
            this.handle = handle;
        }

        @Override
        public void run() {
            if (handle != 0) {
                LibCrypto.EVP_CIPHER_CTX_free(handle); // EVP_CIPHER_CTX_free also cleanses the key schedule
                handle = 0;
            }
        }
    }
}
