package org.chunkbench.backends;

class BcLightweightContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "bc-lightweight";
    }
}
