package org.chunkbench.backends;

import org.chunkbench.backends.jca.JcaSabotage;

class BcContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "bc";
    }

    @Override
    protected void sabotage(ChunkedCipher c) throws Exception {
        JcaSabotage.uninitialise(c);
    }
}
