package org.chunkbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.chunkbench.results.Programs;
import org.chunkbench.results.Visible;

/**
 * The one gnuplot runner (report charts and history): finds gnuplot on the PATH and runs a script with its
 * values as separate arguments ({@code gnuplot -c script ARG...}, read by the script as ARG1...), never pasted
 * into gnuplot code, keeping everything it says (a warning is a defect).
 */
public final class Gnuplot {
    public static final String PROGRAM = "gnuplot";
    public static final String INSTALL_HINT = "apt-get install gnuplot-nox";
    /** Where the build packs plots/*.gp inside the jar. */
    static final String PACKAGED = "/chunkbench/plots/";
    static final int TIMEOUT_SECONDS = 120;

    private Gnuplot() {
    }

    public record Run(int exitCode, String output) {
        public boolean clean() {
            return exitCode == 0 && output.isBlank();
        }

        /** What gnuplot said, on one line for a message: its lines joined by spaces, shown safe ({@link Visible#text}). */
        public String said() {
            return Visible.text(String.join(" ", output.strip().lines().toList()));
        }
    }

    public static Optional<Path> find() {
        return find(PROGRAM);
    }

    /**
     * The one place text becomes a string in gnuplot code (series.gp, which the chart scripts load): single-quoted,
     * the only form in which gnuplot expands neither backquotes (a shell command) nor anything else, with control
     * characters (a newline would end the statement) and invisible ones shown escaped ({@link Visible#text}).
     */
    public static String string(String s) {
        return "'" + Visible.text(s).replace("'", "''") + "'";
    }

    /**
     * The one place text becomes a quoted title in a gnuplot data file (read by {@code columnheader} or
     * {@code xticlabels}, never as code): double-quoted, as gnuplot's data reader wants, so a double quote inside
     * becomes a single one and a backslash, which that reader takes as an escape, is doubled; no control character
     * can start a new line or block ({@link Visible#text}).
     */
    public static String dataString(String s) {
        return '"' + Visible.text(s).replace("\\", "\\\\").replace('"', '\'') + '"';
    }

    /** {@code program} on the PATH ({@link Programs#onPath}), or empty. */
    public static Optional<Path> find(String program) {
        return Programs.onPath(program);
    }

    /** A chart script shipped in the jar, or null when this build has none by that name. */
    public static byte[] packagedScript(String name) throws IOException {
        try (InputStream in = Gnuplot.class.getResourceAsStream(PACKAGED + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** {@code gnuplot -c script dataDir outBase}, run from {@code workDir} so that relative paths stay short. */
    public static Run render(Path gnuplot, Path workDir, String script, String dataDir, String outBase) throws IOException {
        return run(gnuplot, workDir, List.of("-c", script, dataDir, outBase));
    }

    /** Runs gnuplot with these arguments, from {@code workDir} (null: the current folder). */
    public static Run run(Path gnuplot, Path workDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(gnuplot.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, out + "\ngnuplot did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while gnuplot was running " + args);
        }
        return new Run(p.exitValue(), out);
    }
}
