package org.chunkbench.backends;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One line per test class that skipped something, with how many tests and why, printed when the run ends:
 * a machine without AF_ALG skips several hundred kernel and FFM tests, and one line per method buried what a
 * newcomer needs to see. Registered through META-INF/services, so every Maven module whose test classpath has
 * this module's test-jar prints the same summary. CI reads skips from the Surefire XML reports, not from this.
 */
public final class SkipSummary implements TestExecutionListener {
    /** Per class: the distinct reasons, and how many tests skipped (-1: the whole class, before any test ran). */
    private final Map<String, Set<String>> reasons = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        record(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(test, result.getThrowable().map(Throwable::getMessage).orElse(null));
        }
    }

    private void record(TestIdentifier test, String reason) {
        String cls = className(test.getSource());
        if (cls == null) {
            return;
        }
        reasons.computeIfAbsent(cls, k -> new LinkedHashSet<>()).add(reason == null ? "no reason given" : reason);
        if (test.isTest()) {
            counts.merge(cls, 1, (a, b) -> a < 0 ? a : a + b);
        } else {
            counts.put(cls, -1);
        }
    }

    private static String className(Optional<TestSource> source) {
        return source.map(s -> s instanceof MethodSource m ? m.getClassName()
                : s instanceof ClassSource c ? c.getClassName() : null).orElse(null);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        counts.forEach((cls, n) -> {
            Set<String> why = reasons.get(cls);
            String more = why.size() > 1 ? " (and " + (why.size() - 1) + " other reasons)" : "";
            String what = n < 0 ? "the whole class" : n == 1 ? "1 test" : n + " tests";
            System.out.println("SKIPPED " + cls.substring(cls.lastIndexOf('.') + 1) + ", " + what + ": "
                    + why.iterator().next() + more);
        });
    }
}
