package org.chunkbench.report;

import java.util.List;

import org.chunkbench.results.Visible;

/**
 * Markdown text from a results folder's values: the one escaping (text, table cells, code spans) REPORT.md and
 * compare's report share, and the null-tolerant readers of env.json values the report sections use.
 */
public final class MarkdownText {
    private MarkdownText() {
    }

    /** Markdown's inline punctuation: escaped in text from a file so that it stays text. */
    private static final String SPECIAL = "\\`*[]<|~";

    /**
     * The one place text from a results folder (jmh.json, env.json, file names) becomes Markdown text, in REPORT.md
     * and in compare's report: control characters (a newline would end a table row or start a heading) and invisible
     * or bidi ones are shown escaped ({@link Visible#text}), and every character that could start a link, an image, HTML, emphasis, a code span or a table column
     * ({@code \ ` * [ ] < | ~}, {@code _} at a word's edge, {@code &} before a name or {@code #}) is
     * backslash-escaped, so it shows as itself and does nothing. (A bare URL stays text, which GitHub may underline.)
     */
    public static String text(String value) {
        String s = Visible.text(value);
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // '_' inside a word (AF_ALG) cannot start emphasis, nor '&' an entity unless a name or '#' follows
            boolean special = SPECIAL.indexOf(c) >= 0
                    || c == '_' && !(i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)) && i + 1 < s.length()
                            && Character.isLetterOrDigit(s.charAt(i + 1)))
                    || c == '&' && i + 1 < s.length() && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '#');
            if (special) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Text from the results in a table cell: {@link #text} (which escapes {@code |} too). */
    public static String cell(String value) {
        return text(value);
    }

    /**
     * Text from the results as a code span outside a table: a fence of one backtick more than the longest run of
     * backticks inside, padded when the text starts or ends with a backtick or space; control and invisible
     * characters shown escaped ({@link Visible#text}). Inside a code span nothing else is special.
     */
    public static String code(String value) {
        String s = Visible.text(value);
        if (s.isEmpty()) {
            return "";
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = s.startsWith("`") || s.endsWith("`") || s.startsWith(" ") || s.endsWith(" ");
        return fence + (pad ? " " + s + " " : s) + fence;
    }

    /** A code span in a table cell: {@link #code}, with {@code |} escaped as GitHub's tables need even there. */
    public static String codeCell(String value) {
        return code(value).replace("|", "\\|");
    }

    /** A value as JsonNode.asText() wrote it: empty when absent. Raw: escape it with {@link #text} or {@link #cell}. */
    static String str(Object v) {
        return v == null ? "" : v.toString();
    }

    /** A value from env.json as escaped inline text, or {@code absent} (ours, not escaped). */
    static String or(Object v, String absent) {
        return v == null ? absent : text(v.toString());
    }

    static boolean isTrue(Boolean b) {
        return b != null && b;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
