package org.chunkbench.backends.kernel;

import org.chunkbench.backends.FfmSupport;
import org.junit.jupiter.api.BeforeEach;

/** The kernel contract over {@code binding=ffm}: JDK 22+ only, skipped with the reason (printed) elsewhere. */
abstract class KernelFfmContractBase extends KernelContractBase {
    @BeforeEach
    void requireFfm() {
        FfmSupport.requireFfmJdk();
    }

}
