package org.chunkbench.backends.kernel;

class KernelGenericSpliceKeyringContractTest extends KernelContractBase {
    @Override
    protected String variant() {
        return "kernel[driver=" + KernelTestSupport.genericDriver() + ",io=splice,key=keyring]";
    }
}
