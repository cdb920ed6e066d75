package org.chunkbench.backends.kernel;

class KernelGenericSpliceKeyringContractTest extends KernelContractBase {
    @Override
    protected String variant() {
        return "kernel[binding=jna,driver=" + KernelTestSupport.genericDriver() + ",io=splice,key=keyring]";
    }
}
