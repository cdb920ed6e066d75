package org.chunkbench.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.chunkbench.cli.Main;
import org.chunkbench.cli.VerboseOption;

import com.fasterxml.jackson.databind.node.ArrayNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Feeds dashboards that already exist. github-action-benchmark's own JMH parser treats every JMH score as
 * smaller-is-better, so throughput regressions look like improvements there; its custom formats carry the
 * direction explicitly, one direction per file.
 */
@Command(name = "export", sortOptions = false,
        description = "Write one run in a format other tools read: github-action-benchmark's customBiggerIsBetter "
                + "(ops/s, MB/s) or customSmallerIsBetter (ns/op) JSON, params kept in the names.")
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "A results folder or a JMH JSON file.")
    Path run;

    @Option(names = "--format", paramLabel = "FORMAT", required = true,
            description = "github-action-benchmark (the only format so far).")
    String format;

    @Option(names = "--only", paramLabel = "bigger|smaller",
            description = "Export only the higher-is-better (bigger) or lower-is-better (smaller) rows; required "
                    + "when the run has both, since the action takes one direction per file.")
    String only;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("github-action-benchmark")) {
            throw new Main.UsageException("--format " + format + " is unknown; the only format is github-action-benchmark");
        }
        Direction wanted = null;
        if (only != null) {
            wanted = switch (only) {
                case "bigger" -> Direction.HIGHER_IS_BETTER;
                case "smaller" -> Direction.LOWER_IS_BETTER;
                default -> throw new Main.UsageException("--only " + only + ": use bigger or smaller");
            };
        }
        List<BenchRow> rows = RunResults.load(run).rows().values().stream().toList();
        long bigger = rows.stream().filter(r -> r.direction() == Direction.HIGHER_IS_BETTER).count();
        long smaller = rows.size() - bigger;
        if (wanted == null && bigger > 0 && smaller > 0) {
            throw new Main.UsageException(run + " has " + bigger + " higher-is-better and " + smaller
                    + " lower-is-better rows, and github-action-benchmark takes one direction per file: export twice, "
                    + "with --only bigger (tool: customBiggerIsBetter) and --only smaller (tool: customSmallerIsBetter)");
        }
        Direction dir = wanted != null ? wanted : bigger > 0 ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
        ArrayNode array = githubActionBenchmark(rows, dir);
        if (array.isEmpty()) {
            throw new Main.UsageException(run + " has no " + (dir == Direction.HIGHER_IS_BETTER ? "higher" : "lower")
                    + "-is-better rows to export");
        }
        String text = RunResults.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(text);
        } else {
            Files.writeString(out, text);
            stdout.printf(Locale.ROOT, "%d rows written to %s; use it with tool: %s%n", array.size(), out,
                    dir == Direction.HIGHER_IS_BETTER ? "customBiggerIsBetter" : "customSmallerIsBetter");
        }
        stdout.flush();
        return 0;
    }

    static ArrayNode githubActionBenchmark(List<BenchRow> rows, Direction dir) {
        ArrayNode array = RunResults.JSON.createArrayNode();
        for (BenchRow r : rows) {
            if (r.direction() != dir) {
                continue;
            }
            RowKey k = r.key();
            array.addObject()
                    .put("name", k.shortBenchmark() + " (" + k.mode() + ")" + (k.params().isEmpty() ? "" : " " + k.paramsText()))
                    .put("unit", r.unit())
                    .put("value", r.score())
                    .put("range", Double.isFinite(r.error()) ? "\u00b1 " + new java.math.BigDecimal(r.error())
                            .round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString() : "")
                    .put("extra", String.format(Locale.ROOT, "%d forks, %d samples, 99.9%% CI; %s",
                            r.forkMeans().length, r.sampleCount(), k.benchmark()));
        }
        return array;
    }
}
