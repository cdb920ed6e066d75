package org.chunkbench.backends.kernel;

import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kernel tests ({@code org.chunkbench.backends.kernel.Kernel*Test}) with a plain {@code java -cp}, for
 * the emulated VM where Maven's own start-up costs a minute. Writes one line per test to the report file:
 * {@code PASSED|FAILED|SKIPPED <tab> test <tab> reason <tab> time}, which {@code .ci/kernel-tests.sh} counts. Exit status
 * 0 only when at least one test ran and none failed.
 *
 * <p>usage: {@code java -cp CLASSPATH org.chunkbench.backends.kernel.KernelTestMain REPORT [CLASS_PATTERN]}
 */
public final class KernelTestMain {
    private KernelTestMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: KernelTestMain REPORT_FILE [CLASS_NAME_REGEX]");
            System.exit(2);
        }
        Path report = Path.of(args[0]);
        String pattern = args.length > 1 ? args[1] : "org\\.chunkbench\\.backends\\.kernel\\.Kernel.*Test";
        // binding=ffm needs JDK 22+: below that the KernelFfm* classes are left out, whatever the pattern (CI runs the
        // suite again on a JDK 22+ in the same boot, where they run).
        boolean ffm = Runtime.version().feature() >= 22;
        if (!ffm) {
            System.out.println("KernelTestMain: KernelFfm*Test left out on JDK " + Runtime.version().feature()
                    + " (binding=ffm needs JDK 22+)");
        }
        int[] counts = new int[3];
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(report, StandardCharsets.UTF_8), true)) {
            java.util.Map<String, Long> started = new java.util.HashMap<>();
            TestExecutionListener listener = new TestExecutionListener() {
                @Override
                public void executionStarted(TestIdentifier id) {
                    started.put(id.getUniqueId(), System.nanoTime());
                }

                @Override
                public void executionSkipped(TestIdentifier id, String reason) {
                    line(id, "SKIPPED", reason);
                }

                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (!id.isTest()) {
                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            // a failing @BeforeAll or container: counts as a failure of its own
                            line(id, result.getStatus() == TestExecutionResult.Status.ABORTED ? "SKIPPED" : "FAILED",
                                    result.getThrowable().map(Throwable::toString).orElse(""));
                        }
                        return;
                    }
                    switch (result.getStatus()) {
                        case SUCCESSFUL -> line(id, "PASSED", "");
                        case ABORTED -> line(id, "SKIPPED", result.getThrowable().map(Throwable::getMessage).orElse(""));
                        case FAILED -> {
                            line(id, "FAILED", result.getThrowable().map(Throwable::toString).orElse(""));
                            result.getThrowable().ifPresent(t -> t.printStackTrace(System.err));
                        }
                    }
                }

                private void line(TestIdentifier id, String status, String reason) {
                    counts[status.equals("PASSED") ? 0 : status.equals("FAILED") ? 1 : 2]++;
                    String name = id.getUniqueId();
                    String text = status + "\t" + name + "\t" + (reason == null ? "" : reason.replace('\n', ' '));
                    Long t0 = started.get(name);
                    out.println(text + "\t" + (t0 == null ? 0 : (System.nanoTime() - t0) / 1_000_000) + " ms");
                    if (!status.equals("PASSED")) {
                        System.out.println(text);
                    }
                }
            };
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectPackage("org.chunkbench.backends.kernel"))
                    .filters(includeClassNamePatterns(pattern))
                    .filters(ffm ? includeClassNamePatterns(".*") : excludeClassNamePatterns(".*\\.KernelFfm.*Test")).build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, listener);
        }
        int run = counts[0] + counts[1];
        System.out.printf("KernelTestMain: %d run, %d failed, %d skipped%n", run, counts[1], counts[2]);
        System.exit(run > 0 && counts[1] == 0 ? 0 : 1);
    }
}
