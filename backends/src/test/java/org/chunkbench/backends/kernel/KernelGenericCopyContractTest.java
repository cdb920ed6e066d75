package org.chunkbench.backends.kernel;

class KernelGenericCopyContractTest extends KernelContractBase {
    @Override
    protected String variant() {
        return "kernel[driver=" + KernelTestSupport.genericDriver() + ",io=copy,key=raw]";
    }
}
