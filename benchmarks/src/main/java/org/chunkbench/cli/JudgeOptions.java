package org.chunkbench.cli;

import org.chunkbench.compare.Judge;

import picocli.CommandLine.Option;

/** The statistics' settings, the same for compare and gate (docs/compare.md). */
public final class JudgeOptions {
    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "3",
            description = "Smallest change that counts as a regression (default: ${DEFAULT-VALUE}%%).")
    String threshold;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.01",
            description = "Family-wise error rate over all rows, Holm-corrected (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--max-mde", paramLabel = "PERCENT", defaultValue = "10",
            description = "Rows that could not detect a change this large with 90%% power are too noisy "
                    + "(default: ${DEFAULT-VALUE}%%).")
    String maxMde;

    /** The judge of these settings; {@code looks}: how many times the table is judged (alpha is split among them). */
    Judge judge(boolean paired, int looks) {
        double t = CompareCommand.percent("--threshold", threshold);
        double m = CompareCommand.percent("--max-mde", maxMde);
        try {
            return new Judge(t, alpha / looks, m, paired);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(e.getMessage());
        }
    }
}
