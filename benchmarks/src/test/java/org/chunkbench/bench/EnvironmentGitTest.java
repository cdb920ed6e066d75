package org.chunkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.chunkbench.results.EnvManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * env.json's git section asks git about the repository chunkbench was built in, never about the working directory
 * (issue 17): git runs what a repository's .git/config names (core.fsmonitor), and the working directory may be a
 * results folder from anyone.
 */
class EnvironmentGitTest {
    @Test
    void aJarOutsideABuildTreeAsksNoGit(@TempDir Path tmp) throws Exception {
        Path jar = Files.createDirectories(tmp.resolve("opt/lib")).resolve("benchmarks.jar");
        Files.writeString(jar, "");
        EnvManifest.Git git = Environment.git(jar);
        assertNull(git.commit(), git.toString());
        assertNull(git.directory(), git.toString());
        assertTrue(git.error().contains("not built in a git repository"), git.error());
    }

    @Test
    void aJarInABuildTreeNamesItsRepository(@TempDir Path tmp) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("chunkbench"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path jar = Files.createDirectories(project.resolve("benchmarks/target")).resolve("benchmarks.jar");
        Files.writeString(jar, "");
        EnvManifest.Git git = Environment.git(jar);
        assertEquals(project.toString(), git.directory());
    }
}
