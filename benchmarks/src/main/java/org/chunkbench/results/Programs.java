package org.chunkbench.results;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The one PATH search for the programs chunkbench runs (gnuplot, openssl, git). */
public final class Programs {
    private Programs() {
    }

    /** {@code name} in an absolute folder of the PATH, or empty. */
    public static Optional<Path> onPath(String name) {
        return onPath(name, System.getenv("PATH"));
    }

    /**
     * A relative entry ({@code .}, an empty one, which execvp reads as {@code .}) would find a program in the
     * working directory, which may be a results folder from anyone: skipped.
     */
    static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator, -1)) {
            if (dir.isEmpty() || !Path.of(dir).isAbsolute()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
