package org.chunkbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.chunkbench.report.Results.Row;
import org.chunkbench.results.Numbers;

/**
 * Thread scaling: aggregate throughput (the sum over threads, as JMH scores a multi-threaded trial) against the
 * thread count, one line per backend variant and combination of the other params, at the chunk sizes
 * {@link #chunks} picks, each with its ideal: the line's throughput at its fewest threads times the thread ratio.
 * Only for runs with more than one thread count.
 *
 * <p>The chart shows each line's share of its ideal (100% scales perfectly), one panel per chunk size and at most
 * {@link #MAX_LINES_PER_PANEL} lines a panel: aggregate throughput on one axis put lines three decades apart and
 * two dozen of them in one plot, where no line could be told from another.
 *
 * <p>Data file {@code data/scaling.dat} (format 2), blocks separated by two blank lines. Block 0: its first row
 * {@code cpus panels} (the processors the JVM saw, 0 when unknown; the number of panels), then one row per panel
 * {@code chunk_bytes first_block last_block part parts}. Each further block is one line: its first line the quoted
 * title, then {@code threads percent_of_ideal low high MB_per_s}. Titles come from results, so they are written
 * through {@link Gnuplot#dataString}, never as gnuplot code.
 */
public final class ScalingChart {
    public static final String FORMAT = "# chunkbench scaling chart data, format 2";
    /** Up to this many chunk sizes each get their lines; a run with more shows its largest only. */
    static final int MAX_CHUNKS = 3;
    /** More lines than this in one plot cannot be told apart (colours and point shapes repeat or crowd the key). */
    static final int MAX_LINES_PER_PANEL = 8;

    /** One line of the chart: a backend at one combination of the other params and one chunk size, by threads. */
    public record Line(String title, int chunkSize, List<Row> rows) {
        /** Aggregate MB/s at the fewest threads times the thread ratio. */
        public double ideal(Row r) {
            Row first = rows.get(0);
            return first.mbps() * r.threads() / first.threads();
        }

        /** Aggregate throughput at {@code r} over its ideal: 1 scales perfectly. */
        public double efficiency(Row r) {
            return r.mbps() / ideal(r);
        }
    }

    private ScalingChart() {
    }

    public static TreeSet<Integer> threadCounts(Results results) {
        TreeSet<Integer> t = new TreeSet<>();
        results.rows().forEach(r -> t.add(r.threads()));
        return t;
    }

    /** Whether the run swept more than one thread count (otherwise there is no chart and no section). */
    public static boolean applies(Results results) {
        return threadCounts(results).size() > 1;
    }

    /** Every chunk size of the run when it has at most {@link #MAX_CHUNKS}, otherwise the largest. */
    public static List<Integer> chunks(Results results) {
        NavigableSet<Integer> all = results.chunkSizes();
        return all.size() <= MAX_CHUNKS ? List.copyOf(all) : List.of(all.last());
    }

    /**
     * The lines, those with at least two thread counts, grouped by chunk size (smallest first), then as the series are.
     * A title names the backend and the other params, not the chunk size: the chart's panel and the table's column do.
     */
    public static List<Line> lines(Results results) {
        List<Line> out = new ArrayList<>();
        List<String> varying = new ArrayList<>(results.varying());
        varying.remove(Results.THREADS);
        for (int chunk : chunks(results)) {
            Map<String, TreeMap<Integer, Row>> byLine = new LinkedHashMap<>();
            for (Results.Series s : results.series()) {
                Row r = s.at(chunk);
                if (r == null) {
                    continue;
                }
                StringBuilder title = new StringBuilder(s.backend());
                for (String d : varying) {
                    title.append(' ').append(Results.dimensionLabel(d, s.dims().get(d)));
                }
                byLine.computeIfAbsent(title.toString(), k -> new TreeMap<>()).put(r.threads(), r);
            }
            byLine.forEach((title, rows) -> {
                if (rows.size() > 1) {
                    out.add(new Line(title, chunk, List.copyOf(rows.values())));
                }
            });
        }
        return out;
    }

    /** The data file's text; {@code cpus} null when env.json does not say. */
    public static String data(Results results, Integer cpus) {
        List<Line> lines = lines(results);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no backend has results at more than one thread count");
        }
        // Panels: the lines of one chunk size, cut into parts of at most MAX_LINES_PER_PANEL.
        List<int[]> panels = new ArrayList<>();
        int start = 0;
        while (start < lines.size()) {
            int chunk = lines.get(start).chunkSize();
            int end = start;
            while (end < lines.size() && lines.get(end).chunkSize() == chunk) {
                end++;
            }
            int parts = (end - start + MAX_LINES_PER_PANEL - 1) / MAX_LINES_PER_PANEL;
            for (int p = 0; p < parts; p++) {
                int first = start + p * MAX_LINES_PER_PANEL;
                int last = Math.min(end, first + MAX_LINES_PER_PANEL) - 1;
                // blocks are 1-based after block 0
                panels.add(new int[] {chunk, first + 1, last + 1, p + 1, parts});
            }
            start = end;
        }
        StringBuilder out = new StringBuilder(FORMAT).append('\n');
        out.append("# processors the JVM saw (0: unknown), panels; then per panel: chunk_bytes first_block last_block part parts\n");
        out.append(cpus == null ? 0 : cpus).append('\t').append(panels.size()).append('\n');
        for (int[] p : panels) {
            out.append(p[0]).append('\t').append(p[1]).append('\t').append(p[2]).append('\t').append(p[3]).append('\t').append(p[4]).append('\n');
        }
        for (Line l : lines) {
            out.append("\n\n").append(Gnuplot.dataString(l.title())).append(" threads percent_of_ideal low high MB_per_s\n");
            for (Row r : l.rows()) {
                double ideal = l.ideal(r);
                out.append(r.threads()).append('\t').append(Numbers.data(100 * r.mbps() / ideal))
                        .append('\t').append(Numbers.data(100 * (r.mbps() - r.mbpsError()) / ideal))
                        .append('\t').append(Numbers.data(100 * (r.mbps() + r.mbpsError()) / ideal))
                        .append('\t').append(Numbers.data(r.mbps())).append('\n');
            }
        }
        return out.toString();
    }
}
