package org.chunkbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.chunkbench.report.Results.Series;

/**
 * How the throughput, time-per-chunk and relative charts split their series into panels (issue 21): with at most
 * {@link #MAX_SERIES_PER_PANEL} series, one plot as before; with more, one panel per combination of the params other
 * than the backend (buffer kind, thread count, mode...), in which the lines are the backends, and a panel that still
 * has too many cut into parts. Sixteen lines in one plot repeat colours and crowd the key until no line can be told
 * from another.
 *
 * <p>Written into {@code series.gp} as gnuplot arrays under a prefix ({@code P_} for the charts of every series,
 * {@code REL_} for the relative chart's): {@code N} panels, {@code TITLE[p]} the panel's title in words,
 * {@code FIRST[p]..LAST[p]} its entries, each with {@code BLOCK[j]} (the 0-based block of the data file),
 * {@code LS[j]} (the line style) and {@code KEY[j]} (the title in the key). Every text is quoted through
 * {@link Gnuplot#string}.
 */
final class ChartPanels {
    /** More lines than this in one plot cannot be told apart (colours and point shapes repeat or crowd the key). */
    static final int MAX_SERIES_PER_PANEL = 8;

    /** One entry of a panel: the series' block in the chart's data file and its index among all series (0-based). */
    record Entry(int block, int series, String key) {
    }

    record Panel(String title, List<Entry> entries) {
    }

    private ChartPanels() {
    }

    /**
     * The panels of a chart whose data file holds {@code shown} (indices into {@code results.series()}, in block
     * order).
     */
    static List<Panel> panels(Results results, List<Integer> shown) {
        List<Series> all = results.series();
        if (shown.size() <= MAX_SERIES_PER_PANEL) {
            List<Entry> entries = new ArrayList<>();
            for (int b = 0; b < shown.size(); b++) {
                entries.add(new Entry(b, shown.get(b), all.get(shown.get(b)).label()));
            }
            return List.of(new Panel("", entries));
        }
        List<String> facets = new ArrayList<>(results.varying());
        Map<String, List<Entry>> byFacet = new LinkedHashMap<>();
        for (int b = 0; b < shown.size(); b++) {
            Series s = all.get(shown.get(b));
            Map<String, String> dims = new TreeMap<>();
            facets.forEach(d -> dims.put(d, s.dims().get(d)));
            String title = Results.describe(dims);
            // the panel names the other params, so the key names the backend only
            byFacet.computeIfAbsent(title, k -> new ArrayList<>()).add(new Entry(b, shown.get(b), facets.isEmpty() ? s.label() : s.backend()));
        }
        List<Panel> out = new ArrayList<>();
        byFacet.forEach((title, entries) -> {
            int parts = (entries.size() + MAX_SERIES_PER_PANEL - 1) / MAX_SERIES_PER_PANEL;
            for (int p = 0; p < parts; p++) {
                List<Entry> part = entries.subList(p * MAX_SERIES_PER_PANEL, Math.min(entries.size(), (p + 1) * MAX_SERIES_PER_PANEL));
                String of = (p + 1) + " of " + parts;
                out.add(new Panel(parts == 1 ? title : title.isEmpty() ? "part " + of : title + " (" + of + ")", List.copyOf(part)));
            }
        });
        return out;
    }

    /** The gnuplot arrays of {@code panels} under {@code prefix}, for series.gp. */
    static String gnuplot(String prefix, List<Panel> panels) {
        List<String> titles = new ArrayList<>();
        List<String> first = new ArrayList<>();
        List<String> last = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        List<String> styles = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Panel p : panels) {
            titles.add(Gnuplot.string(p.title()));
            first.add(String.valueOf(blocks.size() + 1));
            for (Entry e : p.entries()) {
                blocks.add(String.valueOf(e.block()));
                styles.add(String.valueOf(e.series() + 1));
                keys.add(Gnuplot.string(e.key()));
            }
            last.add(String.valueOf(blocks.size()));
        }
        StringBuilder sb = new StringBuilder(prefix).append("N = ").append(panels.size()).append('\n');
        if (!panels.isEmpty()) {
            array(sb, prefix + "TITLE", titles);
            array(sb, prefix + "FIRST", first);
            array(sb, prefix + "LAST", last);
        }
        if (!blocks.isEmpty()) {
            array(sb, prefix + "BLOCK", blocks);
            array(sb, prefix + "LS", styles);
            array(sb, prefix + "KEY", keys);
        }
        return sb.toString();
    }

    private static void array(StringBuilder sb, String name, List<String> values) {
        sb.append("array ").append(name).append('[').append(values.size()).append("] = [").append(String.join(", ", values)).append("]\n");
    }
}
