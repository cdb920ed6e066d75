package org.chunkbench.backends.kernel;

/** kernel[binding=jna,driver=ecb(cipher_null),...]: see {@link KernelNullControlBase}; needs AF_ALG (the VM). */
class KernelNullControlTest extends KernelNullControlBase {
    @Override
    String binding() {
        return "jna";
    }
}
