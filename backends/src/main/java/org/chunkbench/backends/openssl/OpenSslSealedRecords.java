package org.chunkbench.backends.openssl;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.chunkbench.backends.AbstractSealedRecords;
import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.memory.NativeBlock;

/**
 * AES-GCM sealed records through EVP ({@code EVP_aes_N_gcm}), written once over {@link LibCrypto} for both
 * bindings, as {@link OpenSslChunkedCipher} is for CTR. Two {@code EVP_CIPHER_CTX}s, one to seal and one to open,
 * each given the cipher, {@code EVP_CTRL_GCM_SET_IVLEN} 12 and the key once at open; the key goes into native memory
 * only for that and is wiped right after. Per record:
 * <ol>
 * <li>{@code EVP_CipherInit_ex(ctx, NULL, NULL, NULL, nonce, -1)}: the record's nonce only, the key schedule and hash
 * key kept;</li>
 * <li>the associated data, when the spec has some: {@code EVP_CipherUpdate} with a NULL output;</li>
 * <li>opening: {@code EVP_CTRL_GCM_SET_TAG} with the record's last 16 bytes;</li>
 * <li>{@code EVP_CipherUpdate} over the text: on the caller's arrays where the binding passes them in place (FFM),
 * otherwise (JNA) through one native stage owned here, {@link OpenSslChunkedCipher#STAGE} bytes per call;</li>
 * <li>{@code EVP_CipherFinal_ex}; sealing then reads the tag with {@code EVP_CTRL_GCM_GET_TAG}.</li>
 * </ol>
 * EVP decrypts before {@code EVP_CipherFinal_ex} checks the tag, so a record that fails writes plaintext first: its
 * native stage is wiped here and the caller's region zeroed by {@link AbstractSealedRecords} before the one
 * {@link org.chunkbench.backends.RecordAuthenticationException} is thrown. A failing Final on opening is the tag
 * check (the tag is always set by then); any other failed call throws and breaks the instance. Nothing is
 * allocated per record: nonce, tag, the returned length and the associated data live in one {@link NativeBlock}
 * laid out at open.
 */
final class OpenSslSealedRecords extends AbstractSealedRecords {
    private static final Cleaner CLEANER = Cleaner.create();
    /** From OpenSSL 3's evp.h: EVP_CTRL_GCM_SET_IVLEN, EVP_CTRL_GCM_GET_TAG and EVP_CTRL_GCM_SET_TAG. */
    static final int EVP_CTRL_GCM_SET_IVLEN = 0x9;
    static final int EVP_CTRL_GCM_GET_TAG = 0x10;
    static final int EVP_CTRL_GCM_SET_TAG = 0x11;

    // One native block: nonce, tag, outl, where Final may write (GCM writes nothing there), associated data.
    private static final int NONCE = 0;
    private static final int TAG = 16;
    private static final int OUTL = 32;
    private static final int FINAL_OUT = 48;
    private static final int AAD = 64;

    /** One binding instance per context: the FFM one caches the segments of the last arrays it was given. */
    private final LibCrypto sealLib;
    private final LibCrypto openLib;
    private final boolean arraysInPlace;
    private final CtxOwner sealCtx;
    private final CtxOwner openCtx;
    private final Cleaner.Cleanable cleanable;
    private final NativeBlock block;
    private final ByteBuffer fields;
    private final int aadLength;
    /** JNA only: where heap text is staged, made on first use and wiped and freed on close. */
    private NativeBlock stage;

    OpenSslSealedRecords(LibCrypto binding, String backend, AeadSpec spec) {
        super(backend, spec);
        this.sealLib = binding.forCipher();
        this.openLib = binding.forCipher();
        this.arraysInPlace = sealLib.arraysInPlace();
        this.aadLength = spec.aadLength();
        int bits = spec.key().bits();
        long cipher = sealLib.aesGcm(bits);
        if (cipher == 0) {
            throw new IllegalStateException(backend + ": EVP_aes_" + bits + "_gcm returned NULL: " + sealLib.lastError());
        }
        CtxOwner s = CtxOwner.create(sealLib, backend);
        CtxOwner o;
        try {
            o = CtxOwner.create(openLib, backend);
        } catch (RuntimeException e) {
            s.run();
            throw e;
        }
        this.sealCtx = s;
        this.openCtx = o;
        this.cleanable = CLEANER.register(this, () -> {
            s.run();
            o.run();
        });
        NativeBlock b;
        try {
            b = new NativeBlock(sealLib.memory(), backend + " nonce, tag and associated data", AAD + aadLength);
        } catch (RuntimeException | Error e) {
            cleanable.clean();
            throw e;
        }
        this.block = b;
        this.fields = b.view();
        byte[] keyBytes = spec.key().copyBytes();
        try (NativeBlock key = new NativeBlock(sealLib.memory(), backend + " key", keyBytes.length)) {
            key.view().put(0, keyBytes);
            keyCtx(sealLib, s.handle, cipher, key.address(), 1, bits);
            keyCtx(openLib, o.handle, cipher, key.address(), 0, bits);
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        } // the native key copy is wiped and freed here; OpenSSL keeps only its key schedule inside each context
    }

    /** The cipher, the nonce length and then the key, each checked. */
    private void keyCtx(LibCrypto lib, long h, long cipher, long key, int enc, int bits) {
        String init = "EVP_CipherInit_ex(aes-" + bits + "-gcm, " + (enc == 1 ? "encrypt" : "decrypt") + ")";
        if (lib.cipherInit(h, cipher, 0, 0, enc) != 1) {
            throw new IllegalStateException(backend() + ": " + init + " failed: " + lib.lastError());
        }
        if (lib.cipherCtxCtrl(h, EVP_CTRL_GCM_SET_IVLEN, AeadSpec.IV_BYTES, 0) != 1) {
            throw new IllegalStateException(backend() + ": EVP_CIPHER_CTX_ctrl(EVP_CTRL_GCM_SET_IVLEN, " + AeadSpec.IV_BYTES
                    + ") failed: " + lib.lastError());
        }
        if (lib.cipherInit(h, 0, key, 0, enc) != 1) {
            throw new IllegalStateException(backend() + ": " + init + " with the key failed: " + lib.lastError());
        }
    }

    @Override
    protected void sealRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            long h = sealCtx.handle;
            start(sealLib, h, nonce, aad);
            update(sealLib, h, in, inOff, len, out, outOff);
            if (sealLib.cipherFinal(h, block.address() + FINAL_OUT, block.address() + OUTL) != 1) {
                throw new IllegalStateException("EVP_CipherFinal_ex failed: " + sealLib.lastError());
            }
            if (sealLib.cipherCtxCtrl(h, EVP_CTRL_GCM_GET_TAG, AeadSpec.TAG_BYTES, block.address() + TAG) != 1) {
                throw new IllegalStateException("EVP_CIPHER_CTX_ctrl(EVP_CTRL_GCM_GET_TAG) failed: " + sealLib.lastError());
            }
            fields.get(TAG, out, outOff + len, AeadSpec.TAG_BYTES);
        } finally {
            // The Cleaner frees the contexts once this object is unreachable: not before the native calls returned.
            Reference.reachabilityFence(this);
        }
    }

    @Override
    protected boolean openRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            long h = openCtx.handle;
            int plain = len - AeadSpec.TAG_BYTES;
            start(openLib, h, nonce, aad);
            fields.put(TAG, in, inOff + plain, AeadSpec.TAG_BYTES);
            if (openLib.cipherCtxCtrl(h, EVP_CTRL_GCM_SET_TAG, AeadSpec.TAG_BYTES, block.address() + TAG) != 1) {
                throw new IllegalStateException("EVP_CIPHER_CTX_ctrl(EVP_CTRL_GCM_SET_TAG) failed: " + openLib.lastError());
            }
            update(openLib, h, in, inOff, plain, out, outOff);
            if (openLib.cipherFinal(h, block.address() + FINAL_OUT, block.address() + OUTL) != 1) {
                openLib.lastError(); // drained, so that a later failure reports its own error
                if (stage != null) {
                    stage.wipe(); // the stage held unverified plaintext
                }
                return false;
            }
            return true;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The record's nonce, then its associated data (an update with a NULL output). */
    private void start(LibCrypto lib, long h, byte[] nonce, byte[] aad) {
        fields.put(NONCE, nonce, 0, AeadSpec.IV_BYTES);
        if (lib.cipherNewIv(h, block.address() + NONCE) != 1) {
            throw new IllegalStateException("EVP_CipherInit_ex (the record's nonce) failed: " + lib.lastError());
        }
        if (aadLength > 0) {
            fields.put(AAD, aad, 0, aadLength);
            if (lib.cipherUpdate(h, 0, block.address() + OUTL, block.address() + AAD, aadLength) != 1) {
                throw new IllegalStateException("EVP_CipherUpdate (associated data) failed: " + lib.lastError());
            }
        }
    }

    /** {@code len} bytes of text: on the arrays in place where the binding can, else through the stage in place. */
    private void update(LibCrypto lib, long h, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (len == 0) {
            return;
        }
        if (arraysInPlace) {
            checked(lib, lib.cipherUpdate(h, out, outOff, block.address() + OUTL, in, inOff, len), len);
            return;
        }
        if (stage == null) {
            stage = new NativeBlock(lib.memory(), backend() + " staging", OpenSslChunkedCipher.STAGE);
        }
        ByteBuffer view = stage.view();
        long at = stage.address();
        for (int done = 0; done < len; ) {
            int n = Math.min(OpenSslChunkedCipher.STAGE, len - done);
            view.put(0, in, inOff + done, n);
            checked(lib, lib.cipherUpdate(h, at, block.address() + OUTL, at, n), n);
            view.get(0, out, outOff + done, n);
            done += n;
        }
    }

    private void checked(LibCrypto lib, int rc, int n) {
        if (rc != 1) {
            throw new IllegalStateException("EVP_CipherUpdate failed: " + lib.lastError());
        }
        int written = fields.getInt(OUTL);
        if (written != n) {
            throw new IllegalStateException("EVP_CipherUpdate wrote " + written + " bytes for " + n);
        }
    }

    @Override
    protected void release() {
        cleanable.clean();
        sealLib.forget();
        openLib.forget();
        block.close();
        if (stage != null) {
            stage.close();
        }
    }
}
