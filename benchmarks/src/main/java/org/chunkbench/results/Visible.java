package org.chunkbench.results;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The one place text from outside (a results folder, a path, a name, an exception's message) is made safe to show:
 * on a terminal and in every file the tool writes for people (REPORT.md, compare's report, the charts' titles).
 * Every character a terminal acts on or a reader cannot see is replaced by a visible Java-style escape:
 * <ul>
 * <li>control characters, C0, DEL and C1: tab, newline and carriage return as {@code \t \n \r}, the others as
 * {@code \u001b}; ESC and BEL would otherwise retitle the window or redraw the screen, a newline forge a line;</li>
 * <li>invisible and bidirectional formatting characters ({@link Character#FORMAT}: zero-width space and joiners,
 * the bidi embeddings, overrides and isolates, soft hyphen, byte-order mark, tags), the line and paragraph
 * separators, and the invisible fillers and variation selectors, so that {@code sun\u200bjce} cannot pass for
 * {@code sunjce} and no name can reorder the text around it.</li>
 * </ul>
 * A character outside the Basic Multilingual Plane is written as its two UTF-16 escapes, as Java and JSON write it.
 * A backslash stays as it is: the escapes are for reading, not for decoding back.
 */
public final class Visible {
    /** Where lines end in CR LF, the carriage return is layout too. */
    private static final boolean CRLF = System.lineSeparator().contains("\r");

    private Visible() {
    }

    /** {@code s} with every unsafe character escaped, newline and tab included: for one value inside a line. */
    public static String text(String s) {
        return s == null ? "" : escape(s, false);
    }

    /** {@link #text} of a value's string form, "null" for null: for paths and other objects in a message. */
    public static String of(Object o) {
        return escape(String.valueOf(o), false);
    }

    /**
     * An exception's message for one line of the console: {@link #text} of it, or the exception's simple class name
     * when it has none. Messages quote values from files (results folders, inputs) and paths.
     */
    public static String message(Throwable t) {
        String m = t.getMessage();
        return text(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
    }

    /**
     * A writer that passes what it is given on with every unsafe character escaped except the newlines and tabs
     * that lay out the text: the last guard on standard output and error, for whatever a value-level
     * {@link #text} was forgotten on.
     */
    public static Writer writer(Writer out) {
        return new FilterWriter(out) {
            /** A high surrogate waiting for its low half, which may come in the next write. */
            private char high;

            @Override
            public void write(int c) throws IOException {
                write(new char[] {(char) c}, 0, 1);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                write(str.toCharArray(), off, len);
            }

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                StringBuilder sb = new StringBuilder(len + 8);
                if (high != 0) {
                    sb.append(high);
                    high = 0;
                }
                sb.append(buf, off, len);
                if (sb.length() > 0 && Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
                    high = sb.charAt(sb.length() - 1);
                    sb.setLength(sb.length() - 1);
                }
                out.write(escape(sb, true));
            }

            @Override
            public void flush() throws IOException {
                if (high != 0) {
                    out.write(escape(String.valueOf(high), true));
                    high = 0;
                }
                super.flush();
            }
        };
    }

    /** Whether a terminal acts on {@code c} or a reader cannot see it. */
    public static boolean unsafe(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || c == 0x2028 || c == 0x2029 // line and paragraph separator
                || Character.getType(c) == Character.SURROGATE // half a pair: shows as nothing or as '?'
                || c == 0x034f // combining grapheme joiner
                || c == 0x115f || c == 0x1160 || c == 0x3164 || c == 0xffa0 // Hangul fillers
                || c == 0x17b4 || c == 0x17b5 // Khmer inherent vowels
                || c >= 0x180b && c <= 0x180f // Mongolian variation selectors and vowel separator
                || c >= 0xfe00 && c <= 0xfe0f || c >= 0xe0100 && c <= 0xe01ef; // variation selectors
    }

    private static String escape(CharSequence s, boolean keepLayout) {
        StringBuilder sb = null;
        int i = 0;
        while (i < s.length()) {
            int c = Character.codePointAt(s, i);
            int n = Character.charCount(c);
            boolean layout = keepLayout && (c == '\n' || c == '\t' || c == '\r' && CRLF);
            if (unsafe(c) && !layout) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                switch (c) {
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> {
                        for (char u : Character.toChars(c)) {
                            sb.append(String.format("\\u%04x", (int) u));
                        }
                    }
                }
            } else if (sb != null) {
                sb.append(s, i, i + n);
            }
            i += n;
        }
        return sb == null ? s.toString() : sb.toString();
    }
}
