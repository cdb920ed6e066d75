package org.chunkbench.backends;

import org.junit.jupiter.api.Assumptions;

/**
 * The FFM variants run only on JDK 22 or newer; elsewhere their tests are skipped with a reason that starts
 * {@link #SKIP_REASON_PREFIX}, which CI's JDK 22+ stage looks for in the Surefire reports (any such skip fails it).
 */
public final class FfmSupport {
    /** How every FFM skip's reason starts; .ci/ffm.sh fails when a Surefire report holds one. */
    public static final String SKIP_REASON_PREFIX = "binding=ffm needs JDK ";

    private FfmSupport() {
    }

    public static boolean jdkHasFfm() {
        return Runtime.version().feature() >= Binding.FFM_JDK;
    }

    /** Skips the calling test, with its reason, when this JDK has no final FFM API. */
    public static void requireFfmJdk() {
        if (!jdkHasFfm()) {
            String why = SKIP_REASON_PREFIX + Binding.FFM_JDK + " or newer; this is JDK " + Runtime.version().feature();
            Assumptions.abort(why);
        }
    }
}
