package org.chunkbench.backends;

class BcContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "bc";
    }
}
