package org.chunkbench.backends;

import org.chunkbench.backends.openssl.OpenSslSabotage;

class OpenSslContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "openssl";
    }

    @Override
    protected void sabotage(ChunkedCipher c) throws Exception {
        // Plain "openssl" is whichever binding is the default on this JDK: break the engine of the one that ran.
        if (c.backend().contains("binding=ffm")) {
            org.chunkbench.backends.openssl.FfmOpenSslSabotage.emptyContext(c);
        } else {
            OpenSslSabotage.emptyContext(c);
        }
    }
}
