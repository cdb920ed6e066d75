package org.chunkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * env.json's git section asks git about the repository chunkbench was built in, never about the working directory
 * (issue 17): git runs what a repository's .git/config names (core.fsmonitor), and the working directory may be a
 * results folder from anyone. It records no path of that repository (issue 21), not even in git's error.
 */
class EnvironmentGitTest {
    @Test
    void aJarOutsideABuildTreeAsksNoGit(@TempDir Path tmp) throws Exception {
        Path jar = Files.createDirectories(tmp.resolve("opt/lib")).resolve("benchmarks.jar");
        Files.writeString(jar, "");
        EnvManifest.Git git = Environment.git(jar);
        assertNull(git.commit(), git.toString());
        assertTrue(git.error().contains("not built in a git repository (it ran from benchmarks.jar)"), git.error());
        assertNoPath(git, tmp);
    }

    @Test
    void aJarInABuildTreeAsksItsRepositoryAndRecordsNoPathOfIt(@TempDir Path tmp) throws Exception {
        Path project = Files.createDirectories(tmp.resolve("chunkbench"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        // a .git file naming a missing directory: git's error names that path, under the project's
        Files.writeString(project.resolve(".git"), "gitdir: " + project.resolve("missing") + "\n");
        Path jar = Files.createDirectories(project.resolve("benchmarks/target")).resolve("benchmarks.jar");
        Files.writeString(jar, "");
        EnvManifest.Git git = Environment.git(jar);
        assertEquals("unknown", git.commit(), git.toString());
        assertTrue(git.error().startsWith("git rev-parse HEAD failed: "), git.error());
        assertTrue(git.error().contains("<repository>/missing"), git.error());
        assertNoPath(git, tmp);
    }

    private static void assertNoPath(EnvManifest.Git git, Path tmp) throws Exception {
        String json = Json.MAPPER.writeValueAsString(git);
        assertFalse(json.contains("\"directory\""), json);
        assertFalse(json.contains(tmp.toString()), json);
    }
}
