package org.chunkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

class ProgressFormatTest {
    @Test
    void aFailureKeepsItsWholeTextButTheConsoleGetsOneLine() {
        StringWriter console = new StringWriter();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ProgressFormat p = new ProgressFormat(new PrintWriter(console, true),
                OutputFormatFactory.createFormatInstance(new PrintStream(log, true), VerboseMode.NORMAL), 4, Duration.ofSeconds(3));
        p.startRun();
        p.println("<failure>");
        p.println("");
        p.println("java.lang.IllegalStateException: backend x: output differs from SunJCE one-shot AES-CTR at byte 40");
        p.println("\tat org.chunkbench.bench.Fixture.compare(Fixture.java:90)");
        p.endRun(List.of());
        Map<String, String> failures = p.failures();
        assertEquals(1, failures.size());
        assertTrue(failures.values().iterator().next().contains("Fixture.compare"), failures.toString());
        List<String> lines = console.toString().lines().toList();
        assertEquals(List.of("      FAILED: java.lang.IllegalStateException: backend x: output differs from SunJCE one-shot AES-CTR "
                + "at byte 40 (full output in jmh.log)"), lines);
        assertTrue(log.toString().contains("Fixture.compare"), "the log keeps everything");
    }

    /** Issue 17: a failure's message can quote input (a backend name, a path); the console shows it escaped. */
    @Test
    void aFailureLineShowsControlAndInvisibleCharactersEscaped() {
        StringWriter console = new StringWriter();
        ProgressFormat p = new ProgressFormat(new PrintWriter(console, true),
                OutputFormatFactory.createFormatInstance(new PrintStream(new ByteArrayOutputStream()), VerboseMode.SILENT), 1,
                Duration.ofSeconds(3));
        p.startRun();
        p.println("<failure>");
        p.println("java.lang.IllegalArgumentException: no backend sun\u200bjce\u001b]0;owned\u0007");
        p.endRun(List.of());
        assertEquals(List.of("      FAILED: java.lang.IllegalArgumentException: no backend sun\\u200bjce\\u001b]0;owned\\u0007 "
                + "(full output in jmh.log)"), console.toString().lines().toList());
    }

    @Test
    void remainingTimeComesFromThePlanUntilATrialHasFinished() {
        ProgressFormat p = new ProgressFormat(new PrintWriter(new StringWriter()),
                OutputFormatFactory.createFormatInstance(new PrintStream(new ByteArrayOutputStream()), VerboseMode.SILENT), 10,
                Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(33), p.remaining(Duration.ZERO), "nothing started: all 10 trials (+1) at the planned 3 s");
    }
}
