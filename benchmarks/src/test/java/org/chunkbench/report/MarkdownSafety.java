package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads Markdown the way a renderer treats what could be active: outside code spans and backslash escapes, no
 * {@code <} (HTML), no {@code ](} (a link), no {@code ![}; and every row of a table has as many unescaped
 * {@code |} as the table's header (GitHub splits cells on {@code |} even inside a code span).
 */
public final class MarkdownSafety {
    private MarkdownSafety() {
    }

    /** The text a renderer could act on: escapes and code spans removed. */
    static String active(String line) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                i += 2;
                continue;
            }
            if (c == '`') {
                int n = 0;
                while (i + n < line.length() && line.charAt(i + n) == '`') {
                    n++;
                }
                String fence = "`".repeat(n);
                int end = line.indexOf(fence, i + n);
                while (end >= 0 && end + n < line.length() && line.charAt(end + n) == '`') {
                    end = line.indexOf(fence, end + n + 1);
                }
                if (end >= 0) {
                    i = end + n;
                    continue;
                }
            }
            sb.append(c);
            i++;
        }
        return sb.toString();
    }

    static int pipes(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '|') {
                n++;
            }
        }
        return n;
    }

    /**
     * Fails naming the line when {@code md} has HTML, a link or an image that {@code allowedLinks} does not list,
     * or a table row with a column too many or too few.
     */
    public static void assertInert(String md, List<String> allowedLinks) {
        List<String> wrong = new ArrayList<>();
        String[] lines = md.split("\n", -1);
        int header = -1;
        for (String line : lines) {
            String a = active(line);
            for (String allowed : allowedLinks) {
                a = a.replace(allowed, "");
            }
            // "<" starts HTML or an autolink only before a letter, '/', '!' or '?' ("p < 0.01" is text)
            if (a.matches("(?s).*<[A-Za-z/!?].*") || a.contains("](") || a.contains("![")) {
                wrong.add("active markup: " + line);
            }
            if (line.startsWith("|")) {
                if (header < 0) {
                    header = pipes(line);
                } else if (pipes(line) != header) {
                    wrong.add(pipes(line) + " columns instead of " + header + ": " + line);
                }
            } else {
                header = -1;
            }
        }
        assertEquals(List.of(), wrong, md);
        assertFalse(md.contains("\r") || md.contains("\u001b"), "control characters in the Markdown");
    }
}
