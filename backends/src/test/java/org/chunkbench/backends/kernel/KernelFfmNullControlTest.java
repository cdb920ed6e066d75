package org.chunkbench.backends.kernel;

import org.junit.jupiter.api.BeforeEach;

import org.chunkbench.backends.FfmSupport;

/**
 * kernel-null[binding=ffm,...]: see {@link KernelNullControlBase}; JDK 22+ only (skipped with the
 * reason printed elsewhere) and needs AF_ALG, so it runs in the VM, on the JDK 22+ of .ci/kernel-tests.sh.
 */
class KernelFfmNullControlTest extends KernelNullControlBase {
    @BeforeEach
    void requireFfm() {
        FfmSupport.requireFfmJdk();
    }

    @Override
    String binding() {
        return "ffm";
    }
}
