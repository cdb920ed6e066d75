package org.chunkbench.backends.kernel;

class KernelContractTest extends KernelContractBase {
    @Override
    protected String variant() {
        return "kernel[binding=jna]";
    }

    @Override
    protected int largestChunk() {
        return 1 << 20;
    }
}
