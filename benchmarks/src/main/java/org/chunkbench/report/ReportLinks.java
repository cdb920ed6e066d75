package org.chunkbench.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * What a Markdown renderer would fetch or link in REPORT.md, found with a CommonMark parser (GitHub's tables
 * included, since GitHub splits table cells before it reads code spans) rather than by pattern: inline, reference
 * and autolinks, images, reference definitions, raw HTML, and the fenced blocks GitHub draws as diagrams or maps.
 * A regular expression misses what CommonMark allows (a destination after spaces or a tab, in angle brackets,
 * with entities, defined elsewhere); the parser reads it as a renderer does.
 */
final class ReportLinks {
    /** Fenced code GitHub renders instead of showing: mermaid diagrams can hold links, maps and models fetch tiles. */
    private static final Set<String> RENDERED_BLOCKS = Set.of("mermaid", "geojson", "topojson", "stl");
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    /**
     * A link, image or definition that stays inside the folder: its 1-based line, what it does ("links", "shows",
     * "defines a link to"), its destination as written and the file that names ({@code ""}: the report itself).
     */
    record Target(int line, String verb, String destination, String path) {
        boolean image() {
            return verb.equals(SHOWS);
        }
    }

    /** The targets inside the folder, and one problem per construct that leaves it or is not allowed in a report. */
    record Found(List<Target> targets, List<String> problems) {
    }

    private static final String SHOWS = "shows";

    private ReportLinks() {
    }

    static Found find(String markdown, String name) {
        List<Target> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        PARSER.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                destination(link, "links", link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                destination(image, SHOWS, image.getDestination());
                visitChildren(image);
            }

            @Override
            public void visit(LinkReferenceDefinition definition) {
                destination(definition, "defines a link to", definition.getDestination());
            }

            @Override
            public void visit(HtmlBlock html) {
                html(html, html.getLiteral());
            }

            @Override
            public void visit(HtmlInline html) {
                html(html, html.getLiteral());
            }

            @Override
            public void visit(FencedCodeBlock block) {
                String info = block.getInfo() == null ? "" : block.getInfo().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
                if (RENDERED_BLOCKS.contains(info)) {
                    problems.add(name + " line " + line(block) + ": a " + info + " block, which GitHub renders (and which may "
                            + "link or fetch); a report has none");
                }
            }

            private void destination(Node node, String verb, String destination) {
                String path = path(destination);
                if (path != null) {
                    targets.add(new Target(line(node), verb, destination, path));
                } else {
                    problems.add(name + " line " + line(node) + ": " + verb + " " + destination + ", which is not a file inside the folder");
                }
            }

            /** Raw HTML, any of it: the report writes none, and a tag can fetch through src, href, srcset, style... */
            private void html(Node node, String literal) {
                String shown = literal.strip();
                problems.add(name + " line " + line(node) + ": raw HTML "
                        + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown) + "; a report has none");
            }
        });
        return new Found(targets, problems);
    }

    /** The 1-based line a node starts on, from the nearest node that knows its source. */
    private static int line(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            List<SourceSpan> spans = n.getSourceSpans();
            if (spans != null && !spans.isEmpty()) {
                return spans.get(0).getLineIndex() + 1;
            }
        }
        return 0;
    }

    /**
     * The file a destination names inside the folder, normalised ({@code ""} for the report itself: an empty
     * destination or an anchor such as {@code #notes}), or null when it may lead outside: a path that,
     * percent-decoded (browsers read {@code %2e%2e} as {@code ..}) and normalised, starts with {@code ..} or is
     * absolute; a scheme or drive ({@code :}); a backslash (read as {@code /}); a control character (browsers drop
     * tabs and newlines, which could join {@code java\tscript:}); a {@code %} left after decoding once.
     */
    static String path(String destination) {
        int end = destination.length();
        for (char c : new char[] {'#', '?'}) {
            int i = destination.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        String path = decode(destination.substring(0, end));
        if (path == null || path.startsWith("/") || path.startsWith("~") || path.indexOf(':') >= 0
                || path.indexOf('\\') >= 0 || path.indexOf('%') >= 0 || path.codePoints().anyMatch(Character::isISOControl)) {
            return null;
        }
        try {
            Path p = Path.of(path).normalize();
            return p.isAbsolute() || p.startsWith("..") ? null : p.toString();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Percent-decoded as UTF-8, or null when a {@code %} does not start two hex digits or the bytes are not UTF-8. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.write(raw[i]);
                continue;
            }
            if (i + 2 >= raw.length || Character.digit(raw[i + 1], 16) < 0 || Character.digit(raw[i + 2], 16) < 0) {
                return null;
            }
            bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
