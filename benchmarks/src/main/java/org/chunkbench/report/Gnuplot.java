package org.chunkbench.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds gnuplot on the PATH and runs one chart script, keeping everything it says (a warning is a defect). */
public final class Gnuplot {
    public static final String INSTALL_HINT = "apt-get install gnuplot-nox";

    private Gnuplot() {
    }

    public record Run(int exitCode, String output) {
        public boolean clean() {
            return exitCode == 0 && output.isBlank();
        }
    }

    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "gnuplot");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@code gnuplot -c script dataDir outBase}, run from {@code workDir} so that relative paths stay short. */
    public static Run render(Path gnuplot, Path workDir, String script, String dataDir, String outBase) throws IOException {
        Process p = new ProcessBuilder(List.of(gnuplot.toString(), "-c", script, dataDir, outBase))
                .directory(workDir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, out + "\ngnuplot did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while gnuplot was drawing " + outBase);
        }
        return new Run(p.exitValue(), out);
    }
}
