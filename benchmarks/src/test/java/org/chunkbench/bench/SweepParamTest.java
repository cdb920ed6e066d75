package org.chunkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Set;
import java.util.TreeSet;

import org.chunkbench.results.SweepParam;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/** The vocabulary and the benchmark agree: every @Param is a SweepParam of the same name, and nothing else is. */
class SweepParamTest {
    @Test
    void everyBenchmarkParamIsInTheVocabularyAndBack() {
        Set<String> fields = new TreeSet<>();
        for (Class<?> c = ChunkBenchmark.Chunked.class; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Param.class)) {
                    fields.add(f.getName());
                }
            }
        }
        Set<String> vocabulary = new TreeSet<>();
        for (SweepParam p : SweepParam.values()) {
            vocabulary.add(p.jmhName());
        }
        assertEquals(vocabulary, fields);
    }

    @Test
    void checksCanonicaliseOrRefuseWithTheOneMessage() {
        assertEquals("4096", SweepParam.CHUNK_SIZE.check("4096"));
        assertEquals("per-chunk-iv", SweepParam.MODE.check("PER-CHUNK-IV"));
        assertEquals("direct", SweepParam.BUFFER.check("direct"));
        assertEquals("256", SweepParam.KEY_BITS.check("256"));
        IllegalArgumentException chunk = assertThrows(IllegalArgumentException.class, () -> SweepParam.CHUNK_SIZE.check("100"));
        assertTrue(chunk.getMessage().startsWith("chunk size 100 is not allowed; use a multiple of 16"), chunk.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepParam.CHUNK_SIZE.check(String.valueOf(128 * 1024 * 1024)));
        assertThrows(IllegalArgumentException.class, () -> SweepParam.KEY_BITS.check("512"));
        assertThrows(IllegalArgumentException.class, () -> SweepParam.BUFFER.check("mapped"));
    }
}
