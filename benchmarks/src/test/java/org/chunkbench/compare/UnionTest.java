package org.chunkbench.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;

import org.chunkbench.results.ResultsException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's row groups, each pooled on its own, put together as one side. */
class UnionTest {
    @TempDir
    Path dir;

    @Test
    void disjointGroupsBecomeOneSideAndAShareRowIsRefused() throws IOException {
        ArrayNode all = Fixtures.load();
        ArrayNode sunjce = all.deepCopy();
        ArrayNode bc = all.deepCopy();
        sunjce.removeIf(r -> !r.get("params").get("backend").asText().equals("sunjce"));
        bc.removeIf(r -> r.get("params").get("backend").asText().equals("sunjce"));
        RunResults a = RunResults.load(Fixtures.write(dir, "a.json", sunjce));
        RunResults b = RunResults.load(Fixtures.write(dir, "b.json", bc));
        RunResults u = RunResults.union(List.of(a, b), "base");
        assertEquals(8, u.rows().size());
        assertEquals("base", u.label());
        assertTrue(u.warnings().isEmpty(), u.warnings().toString());
        ResultsException e = assertThrows(ResultsException.class, () -> RunResults.union(List.of(a, a), "base"));
        assertTrue(e.getMessage().endsWith("is in two row groups; give each row to one group"), e.getMessage());
    }
}
