package org.chunkbench.backends.bc;

import java.util.Map;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.chunkbench.backends.ArrayChunkedCipher;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;

/**
 * Bouncy Castle without the JCA: {@code SICBlockCipher} (its CTR) over its AES engine. The gap between this and
 * the {@code bc} backend is the JCA layer's cost. In per-chunk-iv mode the key schedule is kept and only the
 * counter block changes ({@code ParametersWithIV} with a null key).
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
