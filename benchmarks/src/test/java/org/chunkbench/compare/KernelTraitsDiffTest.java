package org.chunkbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** compare flags a change of the kernel's AF_ALG traits (env.json afAlg.kernelTraits) between two runs. */
class KernelTraitsDiffTest {
    @Test
    void aChangedKernelTraitIsAnEnvironmentDifference() {
        Map<String, String> base = Map.of("afAlg.kernelTraits.kernelRelease", "6.1.0-57-amd64",
                "afAlg.kernelTraits.keyBySerial", "no", "afAlg.kernelTraits.zeroCopy", "copy");
        Map<String, String> head = Map.of("afAlg.kernelTraits.kernelRelease", "6.1.0-57-amd64",
                "afAlg.kernelTraits.keyBySerial", "yes", "afAlg.kernelTraits.zeroCopy", "copy");
        assertEquals(List.of(new EnvDiff.Difference("afAlg.kernelTraits.keyBySerial", "no", "yes")),
                EnvDiff.between(base, head));
    }

    @Test
    void aDeniedAfAlgIsAnEnvironmentDifference() {
        List<EnvDiff.Difference> d = EnvDiff.between(Map.of("afAlg.kernelTraits.afAlg", "available"),
                Map.of("afAlg.kernelTraits.afAlg", "denied"));
        assertEquals(1, d.size());
    }
}
