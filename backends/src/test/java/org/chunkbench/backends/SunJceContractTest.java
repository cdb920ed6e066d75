package org.chunkbench.backends;

class SunJceContractTest extends ChunkedCipherContract {
    @Override
    protected String variant() {
        return "sunjce";
    }
}
