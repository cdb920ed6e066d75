package org.chunkbench.backends.kernel;

class KernelFfmGenericCopyContractTest extends KernelFfmContractBase {
    @Override
    protected String variant() {
        return "kernel[binding=ffm,driver=" + KernelTestSupport.genericDriver() + ",io=copy,key=raw]";
    }
}
