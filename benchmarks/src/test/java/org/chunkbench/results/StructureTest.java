package org.chunkbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The package rules of issue 9, read from the sources: they hold or this fails, naming the file. */
class StructureTest {
    /** Tests run from benchmarks/; the library's sources sit next to it. */
    static final Path BENCHMARKS = Path.of("src/main/java/org/chunkbench");
    static final Path BACKENDS = Path.of("../backends/src/main/java/org/chunkbench");

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void onlyCliImportsCliAndTheResultsModelHasNeitherJmhNorPicocli() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path p : sources(BENCHMARKS)) {
            String pkg = BENCHMARKS.relativize(p).getName(0).toString();
            String src = Files.readString(p);
            if (!pkg.equals("cli") && src.contains("org.chunkbench.cli.")) {
                wrong.add(p + " uses org.chunkbench.cli");
            }
            if (pkg.equals("results") && (src.contains("import org.openjdk.jmh") || src.contains("import picocli"))) {
                wrong.add(p + " uses JMH or picocli");
            }
            // issue 21: a folder reads by what it says of its rows (RowKinds), so no reader asks today's registry
            if (List.of("results", "report", "analysis", "compare").contains(pkg)
                    && (src.contains("org.chunkbench.backends.Backends") || src.contains("org.chunkbench.backends.Variants")
                            || src.contains("org.chunkbench.backends.control."))) {
                wrong.add(p + " uses the live registry of variants");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void noTwoMainClassesShareASimpleName() throws IOException {
        List<Path> all = new ArrayList<>(sources(BENCHMARKS));
        assertTrue(Files.isDirectory(BACKENDS), BACKENDS.toAbsolutePath() + " is missing");
        all.addAll(sources(BACKENDS));
        Map<String, List<String>> byName = new TreeMap<>();
        for (Path p : all) {
            String name = p.getFileName().toString().replace(".java", "");
            if (!name.equals("package-info")) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(p.toString());
            }
        }
        byName.values().removeIf(l -> l.size() < 2);
        assertEquals(Map.of(), byName);
    }
}
