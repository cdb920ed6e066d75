package org.chunkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** --help and -h on every command: status 0, a usage page, and nothing on stderr (picocli warns there). */
class HelpTest {
    private static void walk(CommandLine cl, String path, List<String> into) {
        into.add(path);
        for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
            walk(sub, (path + " " + sub.getCommandName()).strip(), into);
        }
    }

    @Test
    void everyCommandAnswersHelpAndDashHWithStatusZeroAndNoWarning(@TempDir Path tmp) throws Exception {
        List<String> paths = new ArrayList<>();
        walk(Main.commandLine(), "", paths);
        assertTrue(new TreeSet<>(paths).containsAll(List.of("", "backends", "encrypt", "decrypt", "run", "report", "compare",
                "history", "export", "help")), paths.toString());
        for (String path : paths) {
            for (String flag : new String[] {"--help", "-h"}) {
                // In-process: the status and the page.
                String[] args = (path.isEmpty() ? flag : path + " " + flag).split(" ");
                CliTest.Result r = CliTest.run(args);
                assertEquals(0, r.status(), "chunkbench " + String.join(" ", args) + ": " + r.err());
                assertTrue(r.out().contains("Usage: chunkbench" + (path.isEmpty() ? "" : " " + path)), r.out());
                assertEquals("", r.err(), String.join(" ", args));
            }
            // In its own JVM: picocli's warnings (an unescaped % in a description) go to that JVM's System.err.
            CliProcess.Result p = CliProcess.bash(tmp, "chunkbench " + path + " --help >/dev/null");
            assertEquals(0, p.status(), path);
            assertEquals("", p.err(), "chunkbench " + path + " --help wrote to stderr");
        }
    }
}
