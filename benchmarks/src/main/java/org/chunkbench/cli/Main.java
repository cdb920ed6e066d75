package org.chunkbench.cli;

import java.io.PrintWriter;

import org.chunkbench.compare.SelectionException;
import org.chunkbench.results.ResultsException;
import org.chunkbench.results.Visible;

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
            GateCommand.class,
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
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = execute(args, out, err);
        // PrintWriter and System.out swallow write errors; a help page into a full disk or a closed pipe is a failure.
        if (out.checkError() && status == 0) {
            err.println("chunkbench: writing standard output failed (disk full or pipe closed)");
            status = EXIT_FAILURE;
        }
        System.exit(status);
    }

    /**
     * Runs the tool with the given streams and returns the exit status (for tests). Both streams pass through
     * {@link Visible#writer}: whatever a command prints, no control, invisible or bidi character from an input
     * reaches the terminal raw; values are escaped where they are printed too ({@link Visible#text}), newlines
     * and tabs included.
     */
    public static int execute(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
        PrintWriter out = new PrintWriter(Visible.writer(rawOut), true);
        PrintWriter err = new PrintWriter(Visible.writer(rawErr), true);
        boolean verbose = false;
        for (String a : args) {
            if (a.equals("--verbose") || a.equals("-v")) {
                verbose = true;
            }
        }
        final boolean showStack = verbose;
        final Redactor redactor = new Redactor(args);
        CommandLine cmd = commandLine();
        // picocli colours help with escape sequences on a terminal, which the guard above would show as text
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("chunkbench: " + redactor.redact(message(ex)));
            if (showStack) {
                err.print(redactor.redact(stackTrace(ex)));
            }
            err.println("Try 'chunkbench " + commandPath(ex.getCommandLine()) + "--help' for usage.");
            err.flush();
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable root = ex;
            err.println("chunkbench: " + redactor.redact(message(root)));
            if (showStack) {
                err.print(redactor.redact(stackTrace(ex)));
            }
            err.flush();
            return commandLine.getCommand() instanceof ExitStatuses own ? own.exitStatus(ex) : exitStatus(ex);
        });
        int status = cmd.execute(args);
        out.flush();
        err.flush();
        return status;
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

    /** The command tree with {@code -h}/{@code --help} on every subcommand (exit 0, like the top level's). */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        addHelp(cmd);
        return cmd;
    }

    private static void addHelp(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandLine.Model.CommandSpec s = sub.getCommandSpec();
            if (!(sub.getCommand() instanceof CommandLine.HelpCommand) && s.findOption("--help") == null
                    && s.findOption("-h") == null) {
                s.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelp(sub);
        }
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new PrintWriter(w, true));
        return w.toString();
    }

    /**
     * Keeps key material out of every message: picocli echoes unmatched and invalid arguments ("Unknown options:
     * '--kye', '2b7e...'"), and a key may sit anywhere on a mistyped command line. Hidden: the value of
     * {@code --key} (as the next argument or after {@code =}), and any argument of 16 or more hex digits (of any
     * script, as a mistyped key may be), which could be a key given in the wrong place.
     */
    static final class Redactor {
        static final String HIDDEN = "(hidden)";
        private final java.util.List<String> secrets = new java.util.ArrayList<>();

        Redactor(String[] args) {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--key") && i + 1 < args.length) {
                    add(args[i + 1]);
                } else if (a.startsWith("--key=")) {
                    add(a.substring("--key=".length()));
                    add(a);
                }
                String value = a.startsWith("--") && a.indexOf('=') > 0 ? a.substring(a.indexOf('=') + 1) : a;
                if (looksLikeKey(value.strip())) {
                    add(value);
                    add(a);
                }
            }
            // Longest first, so that a secret containing another is replaced whole.
            secrets.sort((x, y) -> y.length() - x.length());
        }

        /** 16 or more hex digits, counting every digit Character.digit takes (Fullwidth, Arabic-Indic, ...). */
        static boolean looksLikeKey(String v) {
            return v.codePointCount(0, v.length()) >= 16 && v.codePoints().allMatch(c -> Character.digit(c, 16) >= 0);
        }

        private void add(String s) {
            if (!s.isEmpty()) {
                secrets.add(s);
                if (!s.strip().isEmpty() && !s.strip().equals(s)) {
                    secrets.add(s.strip());
                }
            }
        }

        String redact(String text) {
            String r = text;
            for (String s : secrets) {
                // A very short value is no real key; hide it only where picocli quotes it, not inside other words.
                r = s.length() >= 6 ? r.replace(s, HIDDEN) : r.replace("'" + s + "'", "'" + HIDDEN + "'");
            }
            return r;
        }
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
        return Visible.message(t);
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
