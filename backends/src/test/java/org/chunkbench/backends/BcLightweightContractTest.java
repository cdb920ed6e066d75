package org.chunkbench.backends;

import java.lang.reflect.Field;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.SICBlockCipher;

class BcLightweightContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "bc-lightweight";
    }

    /** A SICBlockCipher over an AES engine that was never given a key: its AESEngine throws IllegalStateException. */
    @Override
    protected void sabotage(ChunkedCipher c) throws Exception {
        Field f = c.getClass().getDeclaredField("ctr");
        f.setAccessible(true);
        f.set(c, SICBlockCipher.newInstance(AESEngine.newInstance()));
    }
}
