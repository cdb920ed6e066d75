package org.chunkbench.cli;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What ./chunkbench tells the JVM through the environment: a value {@code PID:TEXT}, where PID is the launcher's own,
 * which exec keeps for the JVM. A copy inherited by any other process (a child, a shell that exported it) carries
 * another PID and counts as not said, so only the launcher's own word is taken.
 */
final class Launcher {
    /** The descriptors open when the launcher started, comma-separated: the ones its caller handed over. */
    static final String CALLER_FDS = "CHUNKBENCH_CALLER_FDS";
    /** JAVA_TOOL_OPTIONS and the like that the launcher kept from a run's JVM, comma-separated names. */
    static final String JAVA_OPTIONS_REMOVED = "CHUNKBENCH_JAVA_OPTIONS_REMOVED";

    private Launcher() {
    }

    static Optional<String> said(String variable, UnaryOperator<String> environment) {
        String v = environment.apply(variable);
        int colon = v == null ? -1 : v.indexOf(':');
        if (colon < 0 || !v.substring(0, colon).equals(Long.toString(ProcessHandle.current().pid()))) {
            return Optional.empty();
        }
        return Optional.of(v.substring(colon + 1));
    }
}
