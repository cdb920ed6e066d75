package org.chunkbench.backends;

class OpenSslContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "openssl";
    }
}
