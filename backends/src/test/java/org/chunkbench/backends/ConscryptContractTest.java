package org.chunkbench.backends;

class ConscryptContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "conscrypt";
    }
}
