package org.chunkbench.backends.kernel;

class KernelGenericSpliceKeyringContractTest extends KernelContractBase {
    @Override
    protected String variant() {
        return "kernel[driver=ctr(aes-generic),io=splice,key=keyring]";
    }
}
