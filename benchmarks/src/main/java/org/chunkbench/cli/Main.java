package org.chunkbench.cli;

import java.io.PrintWriter;

import org.chunkbench.compare.SelectionException;
import org.chunkbench.results.ResultsException;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * {@code chunkbench}: the command-line tool. Errors are one line on stderr; exit status 2 for usage errors
 * (bad option, unknown backend, malformed key), 1 for failures at run time. {@code --verbose} adds the stack trace.
 */
@Command(name = "chunkbench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "AES-CTR throughput across crypto backends, chunk by chunk.",
        subcommands = {
            BackendsCommand.class,
            CryptCommand.Encrypt.class,
            CryptCommand.Decrypt.class,
            RunCommand.class,
            ReportCommand.class,
            CompareCommand.class,
            HistoryCommand.class,
            ExportCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given streams and returns the exit status (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = false;
        for (String a : args) {
            if (a.equals("--verbose") || a.equals("-v")) {
                verbose = true;
            }
        }
        final boolean showStack = verbose;
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("chunkbench: " + ex.getMessage());
            if (showStack) {
                ex.printStackTrace(err);
            }
            err.println("Try 'chunkbench " + commandPath(ex.getCommandLine()) + "--help' for usage.");
            err.flush();
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable root = ex;
            err.println("chunkbench: " + message(root));
            if (showStack) {
                ex.printStackTrace(err);
            }
            err.flush();
            return commandLine.getCommand() instanceof ExitStatuses own ? own.exitStatus(ex) : exitStatus(ex);
        });
        return cmd.execute(args);
    }

    /**
     * The one mapping from exceptions to exit statuses. Usage (2): what the user asked for cannot be done as asked:
     * a bad option or value, an input file that is not what it should be, rows or a plan that do not fit.
     * Anything else is a failure while running (1).
     */
    static int exitStatus(Throwable ex) {
        return ex instanceof UsageException || ex instanceof ResultsException || ex instanceof SelectionException
                || ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
    }

    /** A command whose exit statuses differ from {@link #exitStatus} (compare: 1 means "regression", not "failed"). */
    interface ExitStatuses {
        int exitStatus(Throwable ex);
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }

    static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        // Messages quote values from files (results folders, inputs): no control character reaches the terminal.
        return m.replaceAll("\\p{Cntrl}", " ");
    }

    /** An error in what the user asked for (exit status 2), as opposed to a failure while running (1). */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"chunkbench " + (v == null ? "(development build)" : v)};
        }
    }
}
