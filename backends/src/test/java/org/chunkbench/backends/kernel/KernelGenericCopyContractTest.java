package org.chunkbench.backends.kernel;

class KernelGenericCopyContractTest extends KernelContractBase {
    @Override
    protected String variant() {
        return "kernel[binding=jna,driver=" + KernelTestSupport.genericDriver() + ",io=copy,key=raw]";
    }
}
