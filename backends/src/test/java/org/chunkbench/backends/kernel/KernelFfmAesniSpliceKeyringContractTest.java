package org.chunkbench.backends.kernel;

class KernelFfmAesniSpliceKeyringContractTest extends KernelFfmContractBase {
    @Override
    protected String variant() {
        return "kernel[binding=ffm,driver=ctr-aes-aesni,io=splice,key=keyring]";
    }
}
