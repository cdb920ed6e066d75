package org.chunkbench.backends;

import org.chunkbench.backends.jca.JcaSabotage;

class ConscryptContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "conscrypt";
    }

    @Override
    protected void sabotage(ChunkedCipher c) throws Exception {
        JcaSabotage.uninitialise(c);
    }
}
