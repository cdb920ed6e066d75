package org.chunkbench.backends.kernel;

class KernelGenericCopyContractTest extends KernelContractBase {
    @Override
    protected String variant() {
        return "kernel[driver=ctr(aes-generic),io=copy,key=raw]";
    }
}
