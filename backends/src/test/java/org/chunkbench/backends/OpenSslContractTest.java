package org.chunkbench.backends;

import org.chunkbench.backends.openssl.OpenSslSabotage;

class OpenSslContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "openssl";
    }

    @Override
    protected void sabotage(ChunkedCipher c) throws Exception {
        OpenSslSabotage.emptyContext(c);
    }
}
