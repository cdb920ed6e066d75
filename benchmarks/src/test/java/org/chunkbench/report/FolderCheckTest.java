package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderCheckTest {
    static Path complete(Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()), Optional.empty());
        assertEquals(List.of(), FolderCheck.check(dir));
        return dir;
    }

    @Test
    void namesEveryMissingFile(@TempDir Path tmp) throws Exception {
        Path dir = complete(tmp);
        Files.delete(dir.resolve("data/summary.tsv"));
        Files.delete(dir.resolve("env.json"));
        Files.delete(dir.resolve("plots/relative.gp"));
        List<String> problems = FolderCheck.check(dir);
        assertTrue(problems.contains("data/summary.tsv is missing"), problems.toString());
        assertTrue(problems.contains("env.json is missing"), problems.toString());
        assertTrue(problems.contains("plots/relative.gp is missing"), problems.toString());
    }

    @Test
    void catchesDataThatDisagreesWithTheJson(@TempDir Path tmp) throws Exception {
        Path dir = complete(tmp);
        String dat = Files.readString(dir.resolve("data/throughput.dat"));
        Files.writeString(dir.resolve("data/throughput.dat"), dat.substring(0, dat.indexOf("\"openssl\"")));
        List<String> problems = FolderCheck.check(dir);
        assertEquals(List.of("data/throughput.dat has 5 series blocks, jmh.json has 6"), problems);
    }

    @Test
    void catchesALinkedChartThatIsNotAPng(@TempDir Path tmp) throws Exception {
        Path dir = complete(tmp);
        Path md = dir.resolve("REPORT.md");
        String text = Files.readString(md) + "\n![x](throughput.png)\n";
        Files.writeString(md, text);
        Files.writeString(dir.resolve("throughput.png"), "not a png");
        List<String> problems = FolderCheck.check(dir);
        assertEquals(List.of("REPORT.md line " + text.lines().count() + ": shows throughput.png, which is missing or not a PNG"), problems);
    }
}
