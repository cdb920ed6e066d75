package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * report --check reads REPORT.md as a CommonMark renderer does (issue 17, item 5): every link, image, reference
 * definition, autolink and piece of raw HTML that leaves the folder is a problem naming its line.
 */
class ReportLinksTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "![x]( https://evil.example/x.png )",
        "![x](\thttps://evil.example/x.png)",
        "![y]( ../../../etc/passwd )",
        "[ref]: https://evil.example/x.png",
        "<img src=\"https://evil.example/x.png\">",
        "Some text <img src=\"https://evil.example/x.png\"> inline",
        "<https://evil.example/>",
        "<someone@evil.example>",
        "[a](%2e%2e/%2e%2e/etc/passwd)",
        "[a](data/../../outside.md)",
        "[a](<../x y.md>)",
        "[a](//evil.example/x)",
        "[a](\\\\evil.example\\x)",
        "[a](&#104;ttps://evil.example/)",
        "| a | b |\n|---|---|\n| `x | [y](https://evil.example/) ` |",
        "```mermaid\ngraph TD\n  A --> B\n  click A \"https://evil.example/\"\n```",
    })
    void everyConstructThatLeavesTheFolderIsAProblemOnItsLine(String construct, @TempDir Path tmp) throws Exception {
        Path dir = FolderCheckTest.complete(tmp);
        Path md = dir.resolve("REPORT.md");
        String before = Files.readString(md);
        String text = before + "\n" + construct + "\n";
        Files.writeString(md, text);
        long line = text.substring(0, before.length() + 1).chars().filter(c -> c == '\n').count() + 1;
        List<String> problems = FolderCheck.check(dir);
        assertFalse(problems.isEmpty(), "complete, though REPORT.md has " + construct);
        assertTrue(problems.stream().allMatch(p -> p.startsWith("REPORT.md line ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("REPORT.md line " + line + ": ")
                || construct.contains("\n") && p.startsWith("REPORT.md line " + (line + 2) + ": ")), line + ": " + problems);
    }

    @Test
    void aReferenceUseIsCheckedWhereItIsDefined(@TempDir Path tmp) throws Exception {
        Path dir = FolderCheckTest.complete(tmp);
        Path md = dir.resolve("REPORT.md");
        Files.writeString(md, Files.readString(md) + "\n![chart][c]\n\n[c]: https://evil.example/x.png\n");
        List<String> problems = FolderCheck.check(dir);
        assertTrue(problems.stream().anyMatch(p -> p.contains("https://evil.example/x.png")), problems.toString());
    }

    @Test
    void linksInsideTheFolderAndAnchorsAreFine(@TempDir Path tmp) throws Exception {
        Path dir = FolderCheckTest.complete(tmp);
        Path md = dir.resolve("REPORT.md");
        Files.writeString(md, Files.readString(md) + "\nSee [the raw data](jmh.json), [the notes](#notes), "
                + "[a table](data/summary.tsv \"title\"), [again](./data/../jmh.json) and `[not a link](https://x)`.\n\n"
                + "    [indented code](https://evil.example/)\n\n```\n<img src=\"https://evil.example/\">\n```\n");
        assertEquals(List.of(), FolderCheck.check(dir));
    }

    @Test
    void aLinkThroughASymbolicLinkInsideTheFolderIsAProblem(@TempDir Path tmp) throws Exception {
        Path dir = FolderCheckTest.complete(tmp);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(dir.resolve("sub"), outside);
        Files.createSymbolicLink(dir.resolve("raw.json"), outside.resolve("secret.txt"));
        Path md = dir.resolve("REPORT.md");
        Files.writeString(md, Files.readString(md) + "\n[a](sub/secret.txt) [b](raw.json)\n");
        List<String> problems = FolderCheck.check(dir);
        assertEquals(2, problems.stream().filter(p -> p.contains("goes through a symbolic link")).count(), problems.toString());
    }
}
