package org.chunkbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gnuplot, openssl and git are found in absolute PATH folders only (issue 17): a relative entry ({@code .}, an
 * empty one, {@code bin}) would run a program of the working directory, which may be a results folder from anyone.
 */
class ProgramsTest {
    @Test
    void relativePathEntriesAreSkipped(@TempDir Path tmp) throws Exception {
        Path planted = executable(Files.createDirectories(tmp.resolve("planted")).resolve("prog"));
        Path real = executable(Files.createDirectories(tmp.resolve("real")).resolve("prog"));
        String relative = Path.of("").toAbsolutePath().relativize(planted.getParent()).toString();
        String path = String.join(File.pathSeparator, relative, "", ".", real.getParent().toString());
        assertEquals(Optional.of(real), Programs.onPath("prog", path));
        assertEquals(Optional.empty(), Programs.onPath("prog", relative));
    }

    private static Path executable(Path p) throws Exception {
        Files.writeString(p, "#!/bin/sh\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
