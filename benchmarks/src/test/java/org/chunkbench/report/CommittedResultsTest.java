package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.chunkbench.results.ResultsFolder;

import org.junit.jupiter.api.Test;

/** Every run committed under results/ is a complete folder: what the README shows must be there. */
class CommittedResultsTest {
    @Test
    void everyCommittedRunIsComplete() throws Exception {
        Path results = Path.of("..", "results");
        assumeTrue(Files.isDirectory(results), "no results/ folder next to benchmarks/");
        List<Path> runs;
        try (Stream<Path> s = Files.list(results)) {
            runs = s.filter(p -> Files.isRegularFile(p.resolve(ResultsFolder.JMH_JSON))).sorted().toList();
        }
        for (Path run : runs) {
            assertEquals(List.of(), FolderCheck.check(run), run.toString());
        }
        System.out.println("committed results checked: " + runs.size() + " run(s)");
    }
}
