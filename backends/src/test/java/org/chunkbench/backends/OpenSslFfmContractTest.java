package org.chunkbench.backends;

import org.junit.jupiter.api.BeforeEach;

/** The whole contract over {@code binding=ffm}; JDK 22+ only, skipped with the reason elsewhere. */
class OpenSslFfmContractTest extends ChunkedCipherContract {
    @BeforeEach
    void requireFfm() {
        FfmSupport.requireFfmJdk();
    }

    @Override
    protected String variant() {
        return "openssl[binding=ffm]";
    }

    @Override
    protected void sabotage(ChunkedCipher c) throws Exception {
        org.chunkbench.backends.openssl.OpenSslSabotage.emptyContext(c);
    }
}
