package org.chunkbench.report;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.chunkbench.results.ResultsFolder;

/**
 * Where gnuplot writes charts: a new folder of this process's own inside the target folder ({@code .charts-XXXX},
 * created exclusively, mode 0700), from which each finished chart is renamed over its name. gnuplot opens its output
 * with O_TRUNC, so writing in place would go through a hard link planted under a chart's name (in a shared results
 * folder, or history's --out) into a file elsewhere; rename(2) replaces the link and leaves that file as it was, and
 * a reader never sees half a chart. The names go to gnuplot as arguments, never as code.
 */
public final class ChartFiles implements AutoCloseable {
    private final Path dir;
    private final Path scratch;

    private ChartFiles(Path dir, Path scratch) {
        this.dir = dir;
        this.scratch = scratch;
    }

    public static ChartFiles in(Path dir) throws IOException {
        return new ChartFiles(dir, Files.createTempDirectory(dir, ".charts-"));
    }

    /** Where gnuplot writes {@code fileName} (history.svg, or a base such as throughput for the scripts' OUT). */
    public Path scratch(String fileName) {
        return scratch.resolve(fileName);
    }

    /** {@link #scratch} relative to the target folder: for gnuplot run from there. */
    public String relative(String fileName) {
        return dir.relativize(scratch(fileName)).toString();
    }

    /**
     * Renames each drawn file over its name in the target folder; false when gnuplot left one of them out. The target
     * must not be a symbolic link or anything but a regular file ({@link ResultsFolder#refuseLinkOrOther}).
     */
    public boolean publish(String... fileNames) throws IOException {
        boolean all = true;
        for (String f : fileNames) {
            Path drawn = scratch(f);
            if (!Files.isRegularFile(drawn)) {
                all = false;
                continue;
            }
            Path target = dir.resolve(f);
            ResultsFolder.refuseLinkOrOther(target);
            Files.move(drawn, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return all;
    }

    /** Removes the scratch folder and whatever a failed gnuplot left in it. */
    @Override
    public void close() throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(scratch)) {
            for (Path p : left) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(scratch);
    }
}
