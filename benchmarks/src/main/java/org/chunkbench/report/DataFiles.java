package org.chunkbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.chunkbench.report.Findings.Ratio;
import org.chunkbench.report.Results.Row;
import org.chunkbench.report.Results.Series;
import org.chunkbench.results.Numbers;
import org.chunkbench.results.ResultsFolder.Chart;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.Visible;

/**
 * Plain-text data for gnuplot (and anyone else): one file per chart, one block per series (blocks separated by
 * two blank lines, the first line of a block its quoted title), plus {@code series.gp} with the line styles and
 * tics the scripts in plots/ load, and {@code summary.tsv} with every number of the report.
 */
public final class DataFiles {
    /** Okabe-Ito: distinguishable with the common colour-vision deficiencies. Black is kept for the baseline. */
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255",
        "#999933", "#44AA99", "#AA4499"};
    private static final String BASELINE_COLOUR = "#000000";
    private static final int[] POINTS = {7, 5, 9, 11, 13, 15};

    private DataFiles() {
    }

    /** Writes the data files into {@code dataDir}; returns the file names written. */
    static List<String> write(Results results, Findings findings, String subtitle, Path dataDir) throws IOException {
        String reference = findings.reference();
        ResultsFolder.directory(dataDir);
        List<Series> all = results.series();
        List<String> written = new ArrayList<>();
        String bounds = "# bounds = JMH's 99.9% confidence interval; equal to the value when JMH gave none (a single sample)\n";

        Range throughput = write(dataDir.resolve(Chart.THROUGHPUT.dataFile()), "# chunkbench: throughput by chunk size, MB/s (1 MB = 10^6 bytes)\n"
                + bounds + "# columns: chunk_bytes MB_per_s low high\n", all,
                r -> new double[] {r.mbps(), r.mbps() - r.mbpsError(), r.mbps() + r.mbpsError()});
        written.add(Chart.THROUGHPUT.dataFile());

        Range ns = write(dataDir.resolve(Chart.NS_PER_CHUNK.dataFile()), "# chunkbench: wall time per chunk and thread, ns\n" + bounds
                + "# columns: chunk_bytes ns low high\n", all, r -> new double[] {r.nsPerChunk(), r.nsLow(), r.nsHigh()});
        written.add(Chart.NS_PER_CHUNK.dataFile());
        Range ratio = new Range();
        ratio.add(1.0);

        List<Integer> relIndex = new ArrayList<>();
        StringBuilder rel = new StringBuilder("# chunkbench: throughput relative to " + reference
                + " with the same other params (ratio of scores; error combined from both relative errors)\n"
                + "# columns: chunk_bytes ratio low high\n");
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            if (results.counterpart(s, reference) == null) {
                continue;
            }
            StringBuilder block = new StringBuilder();
            for (Row r : s.rows()) {
                Ratio q = findings.toReference(s, r);
                if (q == null) {
                    continue;
                }
                ratio.add(q.value(), q.value() - q.error(), q.value() + q.error());
                block.append(r.chunkSize()).append(' ').append(num(q.value())).append(' ')
                        .append(num(q.value() - q.error())).append(' ').append(num(q.value() + q.error())).append('\n');
            }
            if (block.length() > 0) {
                relIndex.add(i);
                rel.append(title(s.label())).append(" chunk ratio low high\n").append(block).append("\n\n");
            }
        }
        ResultsFolder.write(dataDir.resolve(Chart.RELATIVE.dataFile()), rel.toString());
        written.add(Chart.RELATIVE.dataFile());

        String ranges = "# y ranges rounded out to decades (log axes), so that a single point is no empty range\n"
                + "THROUGHPUT_YRANGE = " + quote(throughput.decades()) + "\nNS_YRANGE = " + quote(ns.decades())
                + "\nRELATIVE_YRANGE = " + quote(ratio.decades()) + "\n";
        ResultsFolder.write(dataDir.resolve(ResultsFolder.SERIES_GP), seriesGp(results, reference, subtitle, relIndex) + ranges);
        written.add(ResultsFolder.SERIES_GP);

        ResultsFolder.write(dataDir.resolve(ResultsFolder.SUMMARY_TSV), summary(results, findings));
        written.add(ResultsFolder.SUMMARY_TSV);
        return written;
    }

    /** The positive values a chart shows, bounds included. */
    static final class Range {
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        void add(double... values) {
            for (double v : values) {
                if (v > 0 && !Double.isInfinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }

        /** gnuplot range from the decade below the smallest to the decade above the largest: "[10:100000]". */
        String decades() {
            if (min > max) {
                return "[*:*]";
            }
            double lo = Math.pow(10, Math.floor(Math.log10(min)));
            double hi = Math.pow(10, Math.ceil(Math.log10(max)));
            if (hi <= lo) {
                hi = lo * 10;
            }
            return "[" + num(lo) + ":" + num(hi) + "]";
        }
    }

    private static Range write(Path file, String header, List<Series> series, Function<Row, double[]> values) throws IOException {
        Range range = new Range();
        StringBuilder sb = new StringBuilder(header);
        for (Series s : series) {
            sb.append(title(s.label())).append(" chunk value low high\n");
            for (Row r : s.rows()) {
                double[] v = values.apply(r);
                range.add(v);
                sb.append(r.chunkSize());
                for (double x : v) {
                    sb.append(' ').append(num(Double.isNaN(x) ? v[0] : x));
                }
                sb.append('\n');
            }
            sb.append("\n\n");
        }
        ResultsFolder.write(file, sb.toString());
        return range;
    }

    private static String seriesGp(Results results, String reference, String subtitle, List<Integer> relIndex) {
        List<Series> all = results.series();
        Map<String, Integer> backendColour = new LinkedHashMap<>();
        Map<String, Integer> dimsStyle = new LinkedHashMap<>();
        Map<String, Integer> backendPoint = new LinkedHashMap<>();
        List<Integer> everySeries = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            everySeries.add(i);
        }
        List<ChartPanels.Panel> panels = ChartPanels.panels(results, everySeries);
        // in panels the other params are the panel's, so every line is solid and its point says the backend
        boolean faceted = panels.size() > 1;
        StringBuilder sb = new StringBuilder("# Written by chunkbench report from jmh.json: one line style per series (colour by backend,\n"
                + "# dash and point by the other params, or point by backend when the charts have panels), the chunk-size tics,\n"
                + "# the panels and the chart subtitle. Loaded by plots/*.gp.\n");
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            String colour;
            if (s.backend().equals(Results.BASELINE)) {
                colour = BASELINE_COLOUR;
            } else {
                int c = backendColour.computeIfAbsent(s.backend(), k -> backendColour.size());
                colour = COLOURS[c % COLOURS.length];
            }
            int d = dimsStyle.computeIfAbsent(s.dims().toString(), k -> dimsStyle.size());
            int b = backendPoint.computeIfAbsent(s.backend(), k -> backendPoint.size());
            sb.append(String.format(Locale.ROOT, "set style line %d lc rgb '%s' dt %d lw 2 pt %d ps 0.8%n", i + 1, colour,
                    faceted ? 1 : d % 5 + 1, POINTS[(faceted ? b : d) % POINTS.length]));
        }
        List<String> tics = new ArrayList<>();
        for (int c : results.chunkSizes()) {
            tics.add(quote(Numbers.size(c)) + " " + c);
        }
        sb.append("set xtics (").append(String.join(", ", tics)).append(")\n");
        // A little room either side of the first and last chunk size (and no empty range with a single one).
        sb.append("set xrange [").append(num(results.chunkSizes().first() / 1.4)).append(':')
                .append(num(results.chunkSizes().last() * 1.4)).append("]\n");
        sb.append("REFERENCE = ").append(quote(reference)).append('\n');
        sb.append("# panels (ChartPanels): P_ for the throughput and time-per-chunk charts, REL_ for the relative chart\n");
        sb.append(ChartPanels.gnuplot("P_", panels));
        sb.append(ChartPanels.gnuplot("REL_", ChartPanels.panels(results, relIndex)));
        sb.append("SUBTITLE = ").append(quote(subtitle)).append('\n');
        return sb.toString();
    }

    private static String summary(Results results, Findings findings) {
        String reference = findings.reference();
        StringBuilder sb = new StringBuilder("series\tbackend\t" + String.join("\t", Results.MODE, Results.BUFFER,
                Results.KEY_BITS, Results.OP, Results.THREADS) + "\tchunk_bytes\tops_per_s\t"
                + "ops_low\tops_high\tsamples\tMB_per_s\tMB_per_s_error\tns_per_chunk\tratio_to_" + reference + "\tratio_error\t"
                + "alloc_bytes_per_chunk\n");
        for (Series s : results.series()) {
            for (Row r : s.rows()) {
                Ratio q = findings.toReference(s, r);
                // Gnuplot.text: a tab or newline inside a value from jmh.json must not add a column or a row.
                sb.append(String.join("\t", Visible.text(s.label()), Visible.text(s.backend()), Visible.text(s.dims().get(Results.MODE)),
                        Visible.text(s.dims().get(Results.BUFFER)), Visible.text(s.dims().get(Results.KEY_BITS)),
                        Visible.text(s.dims().get(Results.OP)), Visible.text(s.dims().get(Results.THREADS)), String.valueOf(r.chunkSize()),
                        num(r.ops()), num(r.opsLow()), num(r.opsHigh()), String.valueOf(r.samples()), num(r.mbps()),
                        num(r.mbpsError()), num(r.nsPerChunk()), q == null ? "" : num(q.value()), q == null ? "" : num(q.error()),
                        Double.isNaN(r.allocBytesPerOp()) ? "" : num(r.allocBytesPerOp()))).append('\n');
            }
        }
        return sb.toString();
    }

    static String num(double v) {
        return Numbers.data(v);
    }

    /** A string in series.gp, which gnuplot runs as code: {@link Gnuplot#string}. */
    static String quote(String s) {
        return Gnuplot.string(s);
    }

    /** A series title in a .dat file: {@link Gnuplot#dataString}. */
    static String title(String s) {
        return Gnuplot.dataString(s);
    }
}
