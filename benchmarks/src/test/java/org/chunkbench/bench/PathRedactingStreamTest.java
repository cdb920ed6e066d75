package org.chunkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PathRedactingStreamTest {
    @Test
    void theFoldersPathReadsAsItsNameEvenWhenWrittenInPieces() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(new PathRedactingStream(bytes, "/home/alice/results/R1", "R1"), true,
                StandardCharsets.UTF_8)) {
            p.print("# Run progress: 50,00% complete, ETA 00:00:01 ");
            p.print("(results in /home/alice/res");
            p.println("ults/R1/jmh.json)");
            p.println("Benchmark result is saved to /home/alice/results/R1/jmh.json");
            p.print("Iteration 1: 12,3 ops/s — é");
        }
        assertEquals("# Run progress: 50,00% complete, ETA 00:00:01 (results in R1/jmh.json)\n"
                + "Benchmark result is saved to R1/jmh.json\nIteration 1: 12,3 ops/s — é",
                bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
