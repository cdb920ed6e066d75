package org.chunkbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.results.TrialKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows match on the thread count: a 2-thread row never stands in for a 1-thread one, and old runs still match. */
class ThreadsMatchingTest {
    /** The fixture's rows, each also at {@code threads} with its scores times {@code factor}. */
    static ArrayNode withThreads(ArrayNode run, int threads, double factor) {
        ArrayNode out = run.deepCopy();
        for (JsonNode r : run) {
            ObjectNode copy = r.deepCopy();
            copy.put("threads", threads);
            out.add(copy);
        }
        return Fixtures.scaled(out, r -> r.path("threads").asInt() == threads, factor);
    }

    @Test
    void oneThreadRowsMatchAnOlderRunAndOtherCountsAreNewRows(@TempDir Path tmp) throws IOException {
        ArrayNode old = Fixtures.load();
        old.forEach(r -> ((ObjectNode) r).remove("threads")); // a run that never said: one thread
        ArrayNode current = withThreads(Fixtures.load(), 2, 1.9);
        Comparison c = Fixtures.compare(old, current, tmp);
        assertEquals(old.size(), c.rows().size(), "every old row meets its 1-thread counterpart");
        assertTrue(c.rows().stream().allMatch(r -> r.key().threads() == 1 && r.current().threads() == 1));
        assertTrue(c.onlyInBaseline().isEmpty());
        assertEquals(old.size(), c.onlyInCurrent().size());
        assertTrue(c.onlyInCurrent().stream().allMatch(t -> t.threads() == 2 && t.key().threads() == 2
                && "2".equals(t.key().params().get(TrialKey.THREADS))));
        assertFalse(c.rows().stream().anyMatch(r -> r.key().params().containsKey(TrialKey.THREADS)),
                "a 1-thread key is the key older runs had");
    }

    @Test
    void aRegressionAtTwoThreadsIsFoundThereAndNowhereElse(@TempDir Path tmp) throws IOException {
        ArrayNode base = withThreads(Fixtures.loadForked(), 2, 1.9);
        // the same run, except that at 2 threads everything is 30% slower
        ArrayNode current = Fixtures.scaled(base.deepCopy(), r -> r.path("threads").asInt() == 2, 0.7);
        Comparison c = Fixtures.compare(base, current, tmp);
        assertEquals(base.size(), c.rows().size());
        List<RowComparison> regressions = c.rows().stream().filter(r -> r.verdict() == Verdict.REGRESSION).toList();
        assertFalse(regressions.isEmpty());
        assertTrue(regressions.stream().allMatch(r -> r.key().threads() == 2), regressions.toString());
        assertTrue(c.rows().stream().filter(r -> r.key().threads() == 1).noneMatch(r -> r.verdict() == Verdict.REGRESSION));
    }

    @Test
    void historyFiltersOnTheThreadCountThoughOneThreadRowsDoNotSpellItOut(@TempDir Path tmp) throws IOException {
        Path run = Fixtures.write(tmp, "run.json", withThreads(Fixtures.load(), 2, 1.9));
        List<RunResults> runs = List.of(RunResults.load(run));
        Map<String, String> base = Map.of("backend", "sunjce", "chunkSize", "4096", "jmh-mode", "thrpt");
        for (int t : new int[] {1, 2}) {
            Map<String, String> f = new java.util.HashMap<>(base);
            f.put(TrialKey.THREADS, String.valueOf(t));
            History h = History.select(runs, f);
            assertEquals(1, h.rowCount(), "threads=" + t);
        }
        Map<String, String> f = new java.util.HashMap<>(base);
        f.put(TrialKey.THREADS, "3");
        assertThrows(SelectionException.class, () -> History.select(runs, f));
    }
}
