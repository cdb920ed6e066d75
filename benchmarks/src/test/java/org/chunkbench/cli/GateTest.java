package org.chunkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.chunkbench.compare.Fixtures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate end to end with real JMH launches on this test's class path, timed to seconds (no warm-up, two 20 ms
 * iterations): the launch order follows the seed, progress lines carry an ETA, and the exit status is compare's.
 * The head side's slowdown is the interpreter (-Xint), which no JIT state can match.
 */
class GateTest {
    static final String CP = System.getProperty("java.class.path");
    static final String FAST = "-wi 0 -i 2 -r 20ms";

    @TempDir
    Path dir;

    static List<String[]> order(Path out) throws IOException {
        return Files.readAllLines(out.resolve("order.tsv")).stream().filter(l -> !l.startsWith("#") && !l.startsWith("launch"))
                .map(l -> l.split("\t")).toList();
    }

    @Test
    void interpretedHeadIsARegressionAndTheOrderFollowsTheSeed() throws IOException {
        Path out = dir.resolve("gate");
        Fixtures.Run run = Fixtures.cli("gate", "--base", CP, "--head", CP, "--benchmark", "ChunkBenchmark\\.chunked$",
                "--group", "backend=sunjce;chunkSize=16;mode=stream", "--group", "backend=sunjce;chunkSize=4096;mode=stream",
                "--jmh", FAST, "--head-jmh", "-jvmArgsAppend -Xint", "--rounds", "6", "--looks", "1", "--seed", "42",
                "--out", out.toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("**2 regressions**"), run.out());
        // progress: one line per launch, with the count and an ETA
        assertEquals(24, run.out().lines().filter(l -> l.matches("gate: g\\d-(base|head)-\\d{3} done in .*, ETA \\d+m\\d{2}s")).count(),
                run.out());
        // the order: per round the groups shuffled, then base or head first, from Random(42) as the gate draws them
        Random rnd = new Random(42);
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            List<Integer> groups = new ArrayList<>(List.of(0, 1));
            Collections.shuffle(groups, rnd);
            for (int g : groups) {
                boolean baseFirst = rnd.nextBoolean();
                expected.add((g + 1) + (baseFirst ? " base" : " head"));
                expected.add((g + 1) + (baseFirst ? " head" : " base"));
            }
        }
        List<String> seen = order(out).stream().map(f -> f[1] + " " + f[2]).toList();
        assertEquals(expected, seen);
        assertTrue(seen.contains("1 base") && seen.indexOf("2 base") < 4, "groups interleave within a round: " + seen);
        assertTrue(Files.readString(out.resolve("gate.md")).contains("Gate: seed 42, 24 launches"));
    }

    @Test
    void anUndecidedRowGetsMorePairsAtTheNextLookAndTheGateExitsZero() throws IOException {
        Path out = dir.resolve("aa");
        Fixtures.Run run = Fixtures.cli("gate", "--base", CP, "--head", CP, "--benchmark", "ChunkBenchmark\\.chunked$",
                "--group", "backend=sunjce;chunkSize=16;mode=stream", "--jmh", FAST, "--rounds", "2", "--looks", "2",
                "--seed", "1", "--out", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        // look 1: 2 pairs, too noisy; look 2: rounds / 2 = 1 more pair
        assertTrue(run.out().contains("gate: look 1: 0 regression(s), 1 row(s) undecided"), run.out());
        assertTrue(run.out().contains("gate: look 2: "), run.out());
        // 3 vs 3 forks (fewer when an odd one is left out) cannot reach 0.01 / 2 looks: still too noisy
        assertTrue(run.out().matches("(?s).*\\| too noisy \\|.*no change is detectable with [23] vs [23] forks.*"), run.out());
        List<String[]> order = order(out);
        assertEquals(6, order.size());
        assertEquals("3", order.get(5)[3]);
    }

    @Test
    void aSpentBudgetStopsAddingPairs() throws IOException {
        Path out = dir.resolve("budget");
        Fixtures.Run run = Fixtures.cli("gate", "--base", CP, "--head", CP, "--benchmark", "ChunkBenchmark\\.chunked$",
                "--group", "backend=sunjce;chunkSize=16;mode=stream", "--jmh", FAST, "--rounds", "2", "--looks", "3",
                "--budget", "0.01", "--seed", "1", "--out", out.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("gate: the time budget is spent; judging what there is"), run.out());
        assertEquals(4, order(out).size());
    }

    @Test
    void badInputIsTwoAndAFailedLaunchIsThree() {
        Fixtures.Run missing = Fixtures.cli("gate", "--base", dir.resolve("nope.jar").toString(), "--head", CP,
                "--out", dir.resolve("x").toString());
        assertEquals(2, missing.status(), missing.err());
        assertTrue(missing.err().contains("nope.jar does not exist"), missing.err());
        Fixtures.Run fork = Fixtures.cli("gate", "--base", CP, "--head", CP, "--jmh", "-f 3", "--out", dir.resolve("y").toString());
        assertEquals(2, fork.status(), fork.err());
        Fixtures.Run failed = Fixtures.cli("gate", "--base", CP, "--head", CP, "--benchmark", "NoSuchBenchmark",
                "--jmh", FAST, "--rounds", "2", "--out", dir.resolve("z").toString());
        assertEquals(3, failed.status(), failed.out() + failed.err());
        assertTrue(failed.err().contains("the JMH launch exited"), failed.err());
    }
}
