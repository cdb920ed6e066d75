package org.chunkbench.backends.kernel;

class KernelFfmContractTest extends KernelFfmContractBase {
    @Override
    protected String variant() {
        return "kernel[binding=ffm]";
    }

    @Override
    protected int largestChunk() {
        return 1 << 20;
    }
}
