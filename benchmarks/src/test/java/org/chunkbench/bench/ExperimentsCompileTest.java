package org.chunkbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs under experiments/ are run by hand, outside the Maven build (so that no test classpath sees their
 * JMH BenchmarkList). Compiling them here, against the same classes they run with, makes a change that breaks
 * them fail the build instead of rotting unseen. Annotation processing is off: nothing is generated or run.
 */
class ExperimentsCompileTest {
    @Test
    void everyExperimentCompiles(@TempDir Path out) throws Exception {
        Path experiments = Path.of("..", "experiments");
        assertTrue(Files.isDirectory(experiments), "no experiments/ folder next to benchmarks/");
        List<String> sources;
        try (Stream<Path> s = Files.walk(experiments)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().collect(Collectors.toList());
        }
        assertTrue(sources.size() >= 3, "expected the baseline and slowdown programs, found " + sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertTrue(javac != null, "this JVM has no Java compiler (a JRE, not a JDK)");
        // Surefire starts tests from a manifest-only jar, so java.class.path is not the test classpath.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("-proc:none", "-Xlint:none", "-d", out.toString(), "-cp", cp));
        args.addAll(sources);
        int rc = javac.run(null, null, null, args.toArray(new String[0]));
        assertTrue(rc == 0, "javac failed on experiments/ (see the compiler output above): " + String.join(" ", sources));
        assertTrue(Files.exists(out.resolve("Ratios.class")), "Ratios.class not written to " + out + File.separator);
    }
}
