package org.chunkbench.backends.kernel;

class KernelAesniSpliceKeyringContractTest extends KernelContractBase {
    @Override
    protected String variant() {
        return "kernel[binding=jna,driver=ctr-aes-aesni,io=splice,key=keyring]";
    }
}
