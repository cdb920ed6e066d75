package org.chunkbench.backends.openssl;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.memory.NativeBlock;
import org.chunkbench.backends.memory.Staging;

/**
 * One {@code EVP_CIPHER_CTX}, through either binding ({@link LibCrypto}). The key goes into native memory only for
 * the first {@code EVP_CipherInit_ex} and is wiped right after; per-chunk-iv restarts call
 * {@code EVP_CipherInit_ex(ctx, NULL, NULL, NULL, iv, -1)}, which keeps the key schedule and changes only the
 * counter block.
 *
 * <p>Per chunk, one {@code EVP_CipherUpdate} (its return value and the length it wrote both checked):
 * <ul>
 * <li>two direct buffers: on their addresses, looked up once per buffer object ({@link Staging});</li>
 * <li>two heap buffers or arrays, where the binding takes arrays in place ({@link LibCrypto#arraysInPlace()}, FFM):
 * on the arrays, no copy;</li>
 * <li>otherwise (JNA heap, a read-only heap input, heap on one side and direct on the other): through native
 * staging, {@link #STAGE} bytes per call.</li>
 * </ul>
 * A failure throws; {@link AbstractChunkedCipher} then refuses every later call, naming it. Nothing is allocated
 * per chunk: the IV and the returned length live in one {@link NativeBlock} laid out at open.
 */
final class OpenSslChunkedCipher extends AbstractChunkedCipher {
    private static final Cleaner CLEANER = Cleaner.create();
    /** Heap chunks that cannot go in place are staged through native memory this many bytes at a time. */
    static final int STAGE = 256 * 1024;
    private static final int IV = 0;
    private static final int OUTL = 16;

    private final LibCrypto lib;
    private final boolean arraysInPlace;
    private final CtxOwner ctx;
    private final Cleaner.Cleanable cleanable;
    private final NativeBlock block;
    private final ByteBuffer fields;
    private final long ivAddr;
    private final long outLenAddr;
    private final Staging staging;

    OpenSslChunkedCipher(LibCrypto binding, String backend, CipherSpec spec) {
        this(binding, backend, spec, false);
    }

    /**
     * {@code nullCipher} true is the {@code openssl-null[binding=...]} control: {@code EVP_enc_null()} in
     * place of {@code EVP_aes_N_ctr()}, and otherwise this same path, so its output is its input and the difference
     * to the backend is AES inside OpenSSL.
     */
    OpenSslChunkedCipher(LibCrypto binding, String backend, CipherSpec spec, boolean nullCipher) {
        super(backend, spec);
        this.lib = binding.forCipher();
        this.arraysInPlace = lib.arraysInPlace();
        long cipher = nullCipher ? lib.encNull() : lib.aesCtr(spec.key().bits());
        if (cipher == 0) {
            throw new IllegalStateException(backend + ": " + (nullCipher ? "EVP_enc_null" : "EVP_aes_" + spec.key().bits()
                    + "_ctr") + " returned NULL: " + lib.lastError());
        }
        this.ctx = CtxOwner.create(lib, backend);
        long handle = ctx.handle;
        this.cleanable = CLEANER.register(this, ctx);
        this.block = new NativeBlock(lib.memory(), backend + " IV and outl", 32);
        this.fields = block.view();
        this.ivAddr = block.address() + IV;
        this.outLenAddr = block.address() + OUTL;
        this.staging = new Staging(lib.memory(), backend, STAGE);
        byte[] keyBytes = spec.key().copyBytes();
        try (NativeBlock key = new NativeBlock(lib.memory(), backend + " key", keyBytes.length)) {
            key.view().put(0, keyBytes);
            Arrays.fill(keyBytes, (byte) 0);
            if (spec.mode() == Mode.STREAM) {
                fields.put(IV, spec.iv());
            }
            int enc = spec.direction() == Direction.ENCRYPT ? 1 : 0;
            if (lib.cipherInit(handle, cipher, key.address(), ivAddr, enc) != 1) {
                String err = lib.lastError();
                close();
                throw new IllegalStateException(backend + ": EVP_CipherInit_ex failed: " + err);
            }
        } // the native key copy is wiped and freed here; OpenSSL keeps only its key schedule inside ctx
    }

    @Override
    protected void restart(byte[] counterBlock) {
        try {
            fields.put(IV, counterBlock, 0, 16);
            if (lib.cipherInit(ctx.handle, 0, 0, ivAddr, -1) != 1) {
                throw new IllegalStateException(backend() + ": EVP_CipherInit_ex (new IV) failed: " + lib.lastError());
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
            if (in.isDirect() && out.isDirect()) {
                if (len != 0) {
                    checked(lib.cipherUpdate(ctx.handle, staging.outputBase(out) + out.position(), outLenAddr,
                            staging.inputBase(in) + in.position(), len), len);
                }
            } else if (arraysInPlace && in.hasArray() && out.hasArray()) {
                cryptArrays(in.array(), in.arrayOffset() + in.position(), len, out.array(), out.arrayOffset() + out.position());
            } else {
                staged(in, out, len);
            }
        } finally {
            // Keeps ctx (freed by the Cleaner) and the direct buffers' memory alive until the native calls returned.
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(in);
            Reference.reachabilityFence(out);
        }
    }

    /** The array overloads (the benchmark's heap path): in place where the binding can, else staged through views. */
    @Override
    protected void cryptArrays(byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (!arraysInPlace) {
            super.cryptArrays(in, inOff, len, out, outOff);
            return;
        }
        try {
            if (len != 0) {
                checked(lib.cipherUpdate(ctx.handle, out, outOff, outLenAddr, in, inOff, len), len);
            }
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    private void staged(ByteBuffer in, ByteBuffer out, int len) {
        ByteBuffer src = staging.stableInput(in, out, len);
        for (int done = 0; done < len; ) {
            int n = Math.min(STAGE, len - done);
            long from = staging.inputAddress(src, done, n);
            long to = staging.outputAddress(out, done, n);
            checked(lib.cipherUpdate(ctx.handle, to, outLenAddr, from, n), n);
            staging.finishOutput(out, done, n);
            done += n;
        }
    }

    private void checked(int rc, int n) {
        if (rc != 1) {
            throw new IllegalStateException(backend() + ": EVP_CipherUpdate failed: " + lib.lastError());
        }
        int written = fields.getInt(OUTL);
        if (written != n) {
            throw new IllegalStateException(backend() + ": EVP_CipherUpdate wrote " + written + " bytes for " + n);
        }
    }

    @Override
    protected void release() {
        cleanable.clean();
        lib.forget();
        if (staging != null) {
            staging.close();
        }
        if (block != null) {
            block.close();
        }
    }
}
