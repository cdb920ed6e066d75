package org.chunkbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Anything that is not a JMH run: exit status 2 and one line that names the file and the problem. */
class BadInputTest {
    @TempDir
    Path dir;

    private void assertRejected(Path bad, String expected) {
        for (String[] args : new String[][] {
            {"compare", Fixtures.fixture().toString(), bad.toString()},
            {"compare", bad.toString(), Fixtures.fixture().toString()},
        }) {
            Fixtures.Run run = Fixtures.cli(args);
            assertEquals(2, run.status(), run.out() + run.err());
            assertEquals(1, run.err().lines().count(), "one line, no stack trace: " + run.err());
            assertTrue(run.err().contains(bad.toString()) && run.err().contains(expected), run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    void truncatedJson() throws IOException {
        String full = Files.readString(Fixtures.fixture());
        Path p = dir.resolve("truncated.json");
        Files.writeString(p, full.substring(0, full.length() / 2));
        assertRejected(p, "is not valid JSON (truncated or corrupt?)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"benchmark\": \"x\"};is not JMH JSON: expected an array",
        "[{\"a\": 1}];has no 'benchmark'",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\"}];has no primaryMetric",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\", \"primaryMetric\": {\"score\": \"fast\", \"scoreUnit\": \"ops/s\"}}];no numeric primaryMetric.score",
        "[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\", \"primaryMetric\": {\"score\": 1, \"scoreUnit\": \"B/op\"}}];cannot tell whether higher is better",
        "[];holds no benchmark results",
        "'';is empty",
        "[1, 2, 3];has no 'benchmark'",
    })
    void notJmh(String content, String expected) throws IOException {
        Path p = dir.resolve("bad.json");
        Files.writeString(p, content);
        assertRejected(p, expected);
    }

    @Test
    void missingFileAndFolderWithoutJmhJson() throws IOException {
        assertRejected(dir.resolve("nothing-here.json"), "no such file");
        Path folder = Files.createDirectories(dir.resolve("results-folder"));
        assertRejected(folder, "is a folder without jmh.json");
    }

    @Test
    void badOptions() {
        Fixtures.Run run = Fixtures.cli("compare", "--threshold", "abc", Fixtures.fixture().toString(), Fixtures.fixture().toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--threshold abc is not a percentage"), run.err());
        run = Fixtures.cli("compare", "--alpha", "0.7", Fixtures.fixture().toString(), Fixtures.fixture().toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("alpha must be between 0 and 0.5"), run.err());
    }
}
