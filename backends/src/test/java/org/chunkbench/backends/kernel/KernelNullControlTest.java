package org.chunkbench.backends.kernel;

/** kernel-null[binding=jna,...]: see {@link KernelNullControlBase}; needs AF_ALG (the VM). */
class KernelNullControlTest extends KernelNullControlBase {
    @Override
    String binding() {
        return "jna";
    }
}
