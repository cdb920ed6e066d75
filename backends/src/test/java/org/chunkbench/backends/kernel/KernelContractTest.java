package org.chunkbench.backends.kernel;

class KernelContractTest extends KernelContractBase {
    @Override
    protected String variant() {
        return "kernel";
    }

    @Override
    protected int largestChunk() {
        return 1 << 20;
    }
}
