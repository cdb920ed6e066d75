package org.chunkbench.backends.kernel;

import org.chunkbench.backends.FfmSupport;
import org.junit.jupiter.api.BeforeEach;

/** The kernel contract over {@code binding=ffm}: JDK 22+ only, skipped with the reason (printed) elsewhere. */
abstract class KernelFfmContractBase extends KernelContractBase {
    @BeforeEach
    void requireFfm() {
        FfmSupport.requireFfmJdk(getClass());
    }

    /** The contract's real engine failure for this binding: close the operation socket under the cipher. */
    @Override
    protected void sabotage(org.chunkbench.backends.ChunkedCipher c) throws Exception {
        FfmKernelSabotage.closeOpSocket(c);
    }
}
