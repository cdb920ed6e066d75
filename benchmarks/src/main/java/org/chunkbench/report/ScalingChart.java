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
import org.chunkbench.results.ResultsFolder;

/**
 * Thread scaling: aggregate throughput (the sum over threads, as JMH scores a multi-threaded trial) against the
 * thread count, one line per backend variant and combination of the other params, at the chunk sizes
 * {@link #chunks} picks, each with its ideal: the line's throughput at its fewest threads times the thread ratio.
 * Only for runs with more than one thread count.
 *
 * <p>Data file {@code data/scaling.dat} (format 1), blocks separated by two blank lines: block 0 is one line
 * {@code cpus} (the processors the JVM saw; 0 when unknown); each further block is one line, its first line the
 * quoted title, then {@code threads MB_per_s low high ideal_MB_per_s}. Titles come from results, so they are
 * written through {@link Gnuplot#dataString}, never as gnuplot code.
 */
public final class ScalingChart {
    public static final String NAME = ResultsFolder.SCALING;
    public static final String DATA_FILE = NAME + ".dat";
    public static final String SCRIPT = ResultsFolder.SCALING_SCRIPT;
    public static final String FORMAT = "# chunkbench scaling chart data, format 1";
    /** Up to this many chunk sizes each get their lines; a run with more shows its largest only. */
    static final int MAX_CHUNKS = 3;

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

    /** The lines, those with at least two thread counts, grouped by chunk size (smallest first), then as the series are. */
    public static List<Line> lines(Results results) {
        List<Line> out = new ArrayList<>();
        List<String> varying = new ArrayList<>(results.varying());
        varying.remove(Results.THREADS);
        boolean manyChunks = chunks(results).size() > 1;
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
                if (manyChunks) {
                    title.append(", ").append(Numbers.size(chunk));
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
        StringBuilder out = new StringBuilder(FORMAT).append('\n');
        out.append("# processors the JVM saw (0: unknown)\n").append(cpus == null ? 0 : cpus).append('\n');
        for (Line l : lines) {
            out.append("\n\n").append(Gnuplot.dataString(l.title())).append(" threads MB_per_s low high ideal\n");
            for (Row r : l.rows()) {
                out.append(r.threads()).append('\t').append(Numbers.data(r.mbps())).append('\t').append(Numbers.data(r.mbps() - r.mbpsError()))
                        .append('\t').append(Numbers.data(r.mbps() + r.mbpsError())).append('\t').append(Numbers.data(l.ideal(r))).append('\n');
            }
        }
        return out.toString();
    }


}
