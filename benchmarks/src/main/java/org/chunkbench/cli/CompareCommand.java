package org.chunkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.chunkbench.compare.Comparison;
import org.chunkbench.compare.ComparisonReport;
import org.chunkbench.compare.Judge;
import org.chunkbench.compare.RunResults;
import org.chunkbench.compare.SelectionException;
import org.chunkbench.compare.Verdict;
import org.chunkbench.results.Json;
import org.chunkbench.results.ResultsException;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.Visible;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", sortOptions = false,
        description = {"Compare two runs row by row, forks as the unit, and flag regressions that are both larger than a "
                + "threshold and significant after Holm's correction across the rows (docs/compare.md). Exit status 0: no "
                + "regression, 1: at least one, 2: bad input (options, files), 3: any other failure.",
            "Each side is a JMH JSON file or a results folder (jmh.json, env.json); several runs of one side, "
                + "separated by commas, are pooled (for example base-1,base-2 head-1,head-2)."})
public final class CompareCommand implements Callable<Integer>, Main.ExitStatuses {
    /** Exit statuses: CI reads 1 as "regression", so nothing else may exit 1. */
    static final int NO_REGRESSION = 0;
    static final int REGRESSION = 1;
    static final int BAD_INPUT = 2;
    static final int FAILURE = 3;

    @Mixin
    VerboseOption verbose;

    @Mixin
    FollowLinksOption links;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", split = ",", description = "The reference run(s).")
    List<Path> baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", split = ",", description = "The run(s) under test.")
    List<Path> current;

    @Mixin
    JudgeOptions stats;

    @Option(names = "--paired", description = "Pair the forks of the two sides by position (runs given in the order "
            + "they alternated: base-1,base-2 head-1,head-2) and use the signed-rank statistics.")
    boolean paired;

    @Option(names = "--fail-on-noisy", description = "Exit 1 also when a row is too noisy to judge.")
    boolean failOnNoisy;

    @Option(names = "--json", description = "Write JSON instead of Markdown.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        Judge judge = stats.judge(paired, 1);
        Comparison c = Comparison.of(RunResults.load(baseline, links.followLinks), RunResults.load(current, links.followLinks), judge);
        String text = json ? toJson(c) : ComparisonReport.markdown(c);
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(text);
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ResultsFolder.write(out, text);
            stdout.printf(Locale.ROOT, "%d regression(s), %d bimodal, %d too noisy, %d slower, %d faster, %d unchanged, "
                    + "%d only in baseline, %d only in current; report in %s%n",
                    c.count(Verdict.REGRESSION), c.count(Verdict.BIMODAL), c.count(Verdict.TOO_NOISY), c.count(Verdict.SLOWER),
                    c.count(Verdict.FASTER), c.count(Verdict.UNCHANGED), c.onlyInBaseline().size(),
                    c.onlyInCurrent().size(), Visible.of(out));
        }
        stdout.flush();
        boolean fail = c.hasRegression() || (failOnNoisy && c.count(Verdict.TOO_NOISY) > 0);
        return fail ? REGRESSION : NO_REGRESSION;
    }

    /**
     * Bad input (2): an option, or a file that is not a JMH result, or rows that do not fit. Anything else (an
     * IllegalArgumentException or any other exception from inside the library, a write that fails) is a failure (3).
     */
    @Override
    public int exitStatus(Throwable ex) {
        return ex instanceof Main.UsageException || ex instanceof ResultsException || ex instanceof SelectionException
                ? BAD_INPUT : FAILURE;
    }

    private static String toJson(Comparison c) throws JsonProcessingException {
        return Json.MAPPER.writer().writeValueAsString(ComparisonReport.json(c)) + "\n";
    }

    /** "5", "5%" and "5.0" all mean five percent. */
    static double percent(String option, String text) {
        String s = text.strip();
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(s);
            if (!(v > 0 && v < 100)) {
                throw new Main.UsageException(option + " " + text + " must be a percentage between 0 and 100");
            }
            return v / 100;
        } catch (NumberFormatException e) {
            throw new Main.UsageException(option + " " + text + " is not a percentage; write for example 5 or 2.5%");
        }
    }
}
