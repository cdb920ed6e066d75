package org.chunkbench.backends;

import org.chunkbench.backends.openssl.OpenSslSabotage;

/** The whole contract over {@code binding=jna}, which keeps working on every JDK (the default only below 22). */
class OpenSslJnaContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "openssl[binding=jna]";
    }

    @Override
    protected void sabotage(ChunkedCipher c) throws Exception {
        OpenSslSabotage.emptyContext(c);
    }
}
