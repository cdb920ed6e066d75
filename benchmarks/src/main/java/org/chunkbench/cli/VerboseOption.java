package org.chunkbench.cli;

import picocli.CommandLine.Option;

/** Mixed into every subcommand; Main reads the flag from the raw arguments before parsing. */
public final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Print stack traces with errors.")
    boolean verbose;
}
