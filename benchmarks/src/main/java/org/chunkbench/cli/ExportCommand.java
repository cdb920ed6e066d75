package org.chunkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;

import org.chunkbench.compare.GithubActionBenchmark;
import org.chunkbench.compare.RunResults;
import org.chunkbench.results.Json;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;
import org.chunkbench.results.Visible;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", sortOptions = false,
        description = "Write one run in a format other tools read: github-action-benchmark's customBiggerIsBetter "
                + "(ops/s, MB/s) or customSmallerIsBetter (ns/op) JSON, params kept in the names.")
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @Mixin
    FollowLinksOption links;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A results folder or a JMH JSON file.")
    Path run;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, completionCandidates = Choices.ExportFormats.class,
            description = "${COMPLETION-CANDIDATES} (the only format so far).")
    String format;

    @Option(names = "--only", paramLabel = "bigger|smaller", completionCandidates = Choices.ExportDirections.class,
            description = "Export only the higher-is-better (bigger) or lower-is-better (smaller) rows; required "
                    + "when the run has both, since the action takes one direction per file.")
    String only;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!format.equals(GithubActionBenchmark.FORMAT)) {
            throw new Main.UsageException("--format " + format + " is unknown; the only format is " + GithubActionBenchmark.FORMAT);
        }
        ScoreDirection wanted = null;
        if (only != null) {
            wanted = switch (only) {
                case "bigger" -> ScoreDirection.HIGHER_IS_BETTER;
                case "smaller" -> ScoreDirection.LOWER_IS_BETTER;
                default -> throw new Main.UsageException("--only " + only + ": use bigger or smaller");
            };
        }
        List<Trial> rows = List.copyOf(RunResults.load(run, links.followLinks).rows().values());
        ScoreDirection dir = GithubActionBenchmark.direction(run.toString(), rows, wanted);
        ArrayNode array = GithubActionBenchmark.export(run.toString(), rows, dir);
        String text = Json.MAPPER.writeValueAsString(array) + "\n";
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(text);
        } else {
            ResultsFolder.write(out, text);
            stdout.printf(Locale.ROOT, "%d rows written to %s; use it with tool: %s%n", array.size(), Visible.of(out),
                    GithubActionBenchmark.tool(dir));
        }
        stdout.flush();
        return 0;
    }
}
