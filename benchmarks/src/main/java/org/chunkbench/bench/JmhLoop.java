package org.chunkbench.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.Visible;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The plan's JMH invocations in turn, progress on the console and JMH's own output in jmh.log; the first that JMH
 * gives up on stops the loop. A plan in parts leaves one jmh.json with every invocation's results.
 */
final class JmhLoop {
    private JmhLoop() {
    }

    /** The trials that finished, the ones that failed (trial: message) and why JMH stopped, if it did. */
    record Outcome(Collection<RunResult> results, Map<String, String> failures, String runnerError) {
    }

    static Outcome run(RunPlan plan, ResultsFolder folder, PrintWriter console) throws IOException {
        ProgressFormat progress;
        Collection<RunResult> results;
        String runnerError = null;
        Path dir = folder.jmhLog().toAbsolutePath().getParent();
        try (PrintStream logStream = new PrintStream(new PathRedactingStream(Files.newOutputStream(folder.jmhLog()),
                dir.toString(), String.valueOf(dir.getFileName())), true, StandardCharsets.UTF_8)) {
            VerboseMode vm = plan.first().verbosity().orElse(VerboseMode.NORMAL);
            progress = new ProgressFormat(console, OutputFormatFactory.createFormatInstance(logStream, vm), plan.total(),
                    Sweep.perTrial(plan.first()));
            results = new ArrayList<>();
            for (Options o : plan.invocations()) {
                try {
                    results.addAll(new Runner(o, progress).run());
                } catch (RunnerException e) {
                    runnerError = "JMH stopped: " + Visible.message(e.getCause() != null ? e.getCause() : e);
                    if (runnerError.contains("JMH lock")) {
                        runnerError = "another JMH run holds /tmp/jmh.lock on this machine; wait for it to finish "
                                + "(two benchmark runs at once would spoil each other's numbers)";
                    }
                    break;
                }
            }
        }
        if (plan.inParts()) {
            mergeParts(folder, plan.partFiles(), results);
        }
        return new Outcome(results, progress.failures(), runnerError);
    }

    /** jmh.json of a multi-thread-count run: every invocation's results, in order; the parts go once merged. */
    private static void mergeParts(ResultsFolder folder, List<Path> parts, Collection<RunResult> results) throws IOException {
        if (!results.isEmpty()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
            }
            ResultsFolder.write(folder.jmhJson(), bytes.toByteArray());
        }
        for (Path part : parts) {
            Files.deleteIfExists(part);
        }
    }
}
