package org.chunkbench.backends;

import org.chunkbench.backends.jca.JcaSabotage;

class SunJceContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "sunjce";
    }

    @Override
    protected void sabotage(ChunkedCipher c) throws Exception {
        JcaSabotage.uninitialise(c);
    }
}
