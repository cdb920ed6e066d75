package org.chunkbench.backends.kernel;

class KernelFfmGenericCopyContractTest extends KernelFfmContractBase {
    @Override
    protected String variant() {
        return "kernel[binding=ffm,driver=ctr(aes-generic),io=copy,key=raw]";
    }
}
