package org.chunkbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

import org.junit.jupiter.api.Test;

class VisibleTest {
    @Test
    void controlCharactersAreEscapedEverywhere() {
        assertEquals("a\\u001b[31mb\\u0007c\\u007fd\\u009be\\u0000", Visible.text("a\u001b[31mb\u0007c\u007fd\u009be\u0000"));
        assertEquals("one\\ntwo\\tthree\\rfour", Visible.text("one\ntwo\tthree\rfour"));
        assertEquals("", Visible.text(null));
        assertEquals("null", Visible.of(null));
    }

    @Test
    void invisibleAndBidiCharactersAreShownEscaped() {
        assertEquals("sun\\u200bjce", Visible.text("sun\u200bjce"));
        for (int c : new int[] {0x00ad, 0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c,
            0x202d, 0x202e, 0x2028, 0x2029, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0x3164, 0xfe0f, 0x034f}) {
            assertEquals(String.format("x\\u%04xy", c), Visible.text("x" + new String(Character.toChars(c)) + "y"),
                    Integer.toHexString(c));
        }
        // a tag character (plane 14) as its two UTF-16 escapes, as Java and JSON write it; a lone surrogate too
        assertEquals("a\\udb40\\udc01b", Visible.text("a\udb40\udc01b"));
        assertEquals("a\\ud800b", Visible.text("a\ud800b"));
    }

    @Test
    void visibleTextIsLeftAsItIs() {
        String s = "sunjce × 1.05 ± 2% — AES-128 ü 日本 😀 back\\slash \"quoted\" 'single'";
        assertEquals(s, Visible.text(s));
        assertEquals(Visible.text("a\u001bb"), Visible.text(Visible.text("a\u001bb")), "escaping twice changes nothing");
    }

    @Test
    void theWriterKeepsLayoutAndJoinsSurrogatesSplitAcrossWrites() throws IOException {
        StringWriter out = new StringWriter();
        Writer w = Visible.writer(out);
        w.write("line one\n\tindented\u001b]0;x\u0007\u200b\n");
        String tag = "\udb40\udc01";
        w.write(tag.charAt(0));
        w.write(tag.charAt(1));
        w.write("😀".charAt(0));
        w.write("😀".substring(1) + "\r");
        w.flush();
        assertEquals("line one\n\tindented\\u001b]0;x\\u0007\\u200b\n\\udb40\\udc01😀"
                + (System.lineSeparator().contains("\r") ? "\r" : "\\r"), out.toString());
    }
}
