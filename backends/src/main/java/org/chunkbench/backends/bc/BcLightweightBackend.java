package org.chunkbench.backends.bc;

import java.util.Map;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.chunkbench.backends.AbstractSealedRecords;
import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.ArrayChunkedCipher;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.SealedRecords;

/**
 * Bouncy Castle without the JCA: {@code SICBlockCipher} (its CTR) over its AES engine. The gap between this and
 * the {@code bc} backend is the JCA layer's cost. In per-chunk-iv mode the key schedule is kept and only the
 * counter block changes ({@code ParametersWithIV} with a null key). AES-GCM sealed records: its {@code GCMBlockCipher}.
 */
public final class BcLightweightBackend implements Backend {
    @Override
    public String name() {
        return "bc-lightweight";
    }

    @Override
    public String description() {
        return "Bouncy Castle's lightweight API: SICBlockCipher over AESEngine, no JCA layer (pure Java)";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public String version() {
        return "Bouncy Castle " + new org.bouncycastle.jce.provider.BouncyCastleProvider().getVersionStr()
                + " lightweight API";
    }

    @Override
    public ChunkedCipher open(CipherSpec spec, Map<String, String> options) {
        return new Lightweight(name(), spec);
    }

    @Override
    public SealedRecords openAead(AeadSpec spec, Map<String, String> options) {
        return new LightweightGcm(name(), spec);
    }

    /**
     * {@code GCMModeCipher} over its AES engine, one {@code init} (nonce only: the key schedule and the hash key are
     * kept) and {@code doFinal} per record. Two instances, one to seal and one to open, so that opening never counts
     * against Bouncy Castle's own nonce-reuse check for sealing. Bouncy Castle decrypts before it checks the tag;
     * {@link AbstractSealedRecords} zeroes what it wrote when the check fails.
     */
    private static final class LightweightGcm extends AbstractSealedRecords {
        private final byte[] keyBytes;
        private final GCMModeCipher sealer = GCMBlockCipher.newInstance(AESEngine.newInstance());
        private final GCMModeCipher opener = GCMBlockCipher.newInstance(AESEngine.newInstance());
        private boolean sealerKeyed;
        private boolean openerKeyed;

        LightweightGcm(String backend, AeadSpec spec) {
            super(backend, spec);
            this.keyBytes = spec.key().copyBytes();
        }

        @Override
        protected void sealRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
                throws InvalidCipherTextException {
            sealer.init(true, new AEADParameters(sealerKeyed ? null : new KeyParameter(keyBytes), AeadSpec.TAG_BYTES * 8,
                    nonce, aad));
            sealerKeyed = true;
            int n = sealer.processBytes(in, inOff, len, out, outOff);
            n += sealer.doFinal(out, outOff + n);
            if (n != len + AeadSpec.TAG_BYTES) {
                throw new IllegalStateException("GCMBlockCipher wrote " + n + " bytes for a record of " + len);
            }
        }

        @Override
        protected boolean openRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
            opener.init(false, new AEADParameters(openerKeyed ? null : new KeyParameter(keyBytes), AeadSpec.TAG_BYTES * 8,
                    nonce, aad));
            openerKeyed = true;
            int n = opener.processBytes(in, inOff, len, out, outOff);
            try {
                n += opener.doFinal(out, outOff + n);
            } catch (InvalidCipherTextException e) {
                return false;
            }
            if (n != len - AeadSpec.TAG_BYTES) {
                throw new IllegalStateException("GCMBlockCipher wrote " + n + " bytes for a record of " + len);
            }
            return true;
        }

        @Override
        protected void release() {
            java.util.Arrays.fill(keyBytes, (byte) 0);
            sealer.reset();
            opener.reset();
        }
    }

    private static final class Lightweight extends ArrayChunkedCipher {
        private final SICBlockCipher ctr;
        private final boolean encrypt;
        private final byte[] keyBytes;

        Lightweight(String backend, CipherSpec spec) {
            super(backend, spec);
            this.encrypt = spec.direction() == Direction.ENCRYPT;
            this.keyBytes = spec.key().copyBytes();
            this.ctr = (SICBlockCipher) SICBlockCipher.newInstance(AESEngine.newInstance());
            // The key schedule is computed once here; per-chunk restarts pass only a counter block.
            byte[] iv = spec.mode() == Mode.STREAM ? spec.iv() : new byte[16];
            ctr.init(encrypt, new ParametersWithIV(new KeyParameter(keyBytes), iv));
        }

        @Override
        protected void restart(byte[] counterBlock) {
            ctr.init(encrypt, new ParametersWithIV(null, counterBlock));
        }

        @Override
        protected void cryptArrays(byte[] in, int inOff, int len, byte[] out, int outOff) {
            int n = ctr.processBytes(in, inOff, len, out, outOff);
            if (n != len) {
                throw new IllegalStateException(backend() + ": SICBlockCipher returned " + n + " bytes for " + len);
            }
        }

        @Override
        protected void release() {
            super.release();
            java.util.Arrays.fill(keyBytes, (byte) 0);
            ctr.reset();
        }
    }
}
