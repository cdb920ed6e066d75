package org.chunkbench.backends;

import org.junit.jupiter.api.Assumptions;

/**
 * The FFM variants run only on JDK 22 or newer; elsewhere their tests are skipped with the reason printed on a
 * line CI looks for (a JDK 22+ stage fails if any FFM test printed it).
 */
public final class FfmSupport {
    private FfmSupport() {
    }

    public static boolean jdkHasFfm() {
        return Runtime.version().feature() >= Binding.FFM_JDK;
    }

    /** Skips the calling test, with the reason printed, when this JDK has no final FFM API. */
    public static void requireFfmJdk(Class<?> test) {
        if (!jdkHasFfm()) {
            String why = "binding=ffm needs JDK " + Binding.FFM_JDK + " or newer; this is JDK " + Runtime.version().feature();
            System.err.println("SKIPPED ffm " + test.getSimpleName() + ": " + why);
            Assumptions.abort(why);
        }
    }
}
