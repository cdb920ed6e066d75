package org.chunkbench.backends.kernel;

class KernelFfmGenericSpliceKeyringContractTest extends KernelFfmContractBase {
    @Override
    protected String variant() {
        return "kernel[binding=ffm,driver=" + KernelTestSupport.genericDriver() + ",io=splice,key=keyring]";
    }
}
