package org.chunkbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.chunkbench.report.Results.Row;
import org.chunkbench.report.Results.Series;

/**
 * Plain-text data for gnuplot (and anyone else): one file per chart, one block per series (blocks separated by
 * two blank lines, the first line of a block its quoted title), plus {@code series.gp} with the line styles and
 * tics the scripts in plots/ load, and {@code summary.tsv} with every number of the report.
 */
public final class DataFiles {
    public static final String THROUGHPUT = "throughput.dat";
    public static final String RELATIVE = "relative.dat";
    public static final String NS_PER_CHUNK = "ns-per-chunk.dat";
    public static final String SERIES = "series.gp";
    public static final String SUMMARY = "summary.tsv";

    /** Okabe-Ito: distinguishable with the common colour-vision deficiencies. Black is kept for the baseline. */
    private static final String[] COLOURS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255",
        "#999933", "#44AA99", "#AA4499"};
    private static final String BASELINE_COLOUR = "#000000";
    private static final int[] POINTS = {7, 5, 9, 11, 13, 15};

    private DataFiles() {
    }

    /** Writes the data files into {@code dataDir}; returns the file names written. */
    static List<String> write(Results results, String reference, String subtitle, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        List<Series> all = results.series();
        List<String> written = new ArrayList<>();
        String bounds = "# bounds = JMH's 99.9% confidence interval; equal to the value when JMH gave none (a single sample)\n";

        Range throughput = write(dataDir.resolve(THROUGHPUT), "# chunkbench: throughput by chunk size, MB/s (1 MB = 10^6 bytes)\n"
                + bounds + "# columns: chunk_bytes MB_per_s low high\n", all,
                r -> new double[] {r.mbps(), r.mbps() - r.mbpsError(), r.mbps() + r.mbpsError()});
        written.add(THROUGHPUT);

        Range ns = write(dataDir.resolve(NS_PER_CHUNK), "# chunkbench: wall time per chunk and thread, ns\n" + bounds
                + "# columns: chunk_bytes ns low high\n", all, r -> new double[] {r.nsPerChunk(), r.nsLow(), r.nsHigh()});
        written.add(NS_PER_CHUNK);
        Range ratio = new Range();
        ratio.add(1.0);

        List<Integer> relIndex = new ArrayList<>();
        StringBuilder rel = new StringBuilder("# chunkbench: throughput relative to " + reference
                + " with the same other params (ratio of scores; error combined from both relative errors)\n"
                + "# columns: chunk_bytes ratio low high\n");
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            Series ref = results.counterpart(s, reference);
            if (ref == null) {
                continue;
            }
            StringBuilder block = new StringBuilder();
            for (Row r : s.rows()) {
                Row b = ref.at(r.chunkSize());
                if (b == null) {
                    continue;
                }
                Ratio q = Ratio.of(r, b);
                ratio.add(q.value(), q.value() - q.error(), q.value() + q.error());
                block.append(r.chunkSize()).append(' ').append(num(q.value())).append(' ')
                        .append(num(q.value() - q.error())).append(' ').append(num(q.value() + q.error())).append('\n');
            }
            if (block.length() > 0) {
                relIndex.add(i + 1);
                rel.append(quote(s.label())).append(" chunk ratio low high\n").append(block).append("\n\n");
            }
        }
        Files.writeString(dataDir.resolve(RELATIVE), rel.toString(), StandardCharsets.UTF_8);
        written.add(RELATIVE);

        String ranges = "# y ranges rounded out to decades (log axes), so that a single point is no empty range\n"
                + "THROUGHPUT_YRANGE = " + quote(throughput.decades()) + "\nNS_YRANGE = " + quote(ns.decades())
                + "\nRELATIVE_YRANGE = " + quote(ratio.decades()) + "\n";
        Files.writeString(dataDir.resolve(SERIES), seriesGp(results, reference, subtitle, relIndex) + ranges, StandardCharsets.UTF_8);
        written.add(SERIES);

        Files.writeString(dataDir.resolve(SUMMARY), summary(results, reference), StandardCharsets.UTF_8);
        written.add(SUMMARY);
        return written;
    }

    /** {@code a / b} with the error of a quotient of two independent measurements. */
    public record Ratio(double value, double error) {
        static Ratio of(Row a, Row b) {
            double v = a.ops() / b.ops();
            double ea = clean(a.relativeError());
            double eb = clean(b.relativeError());
            return new Ratio(v, v * Math.sqrt(ea * ea + eb * eb));
        }

        private static double clean(double e) {
            return Double.isNaN(e) ? 0 : e;
        }
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
            sb.append(quote(s.label())).append(" chunk value low high\n");
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
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        return range;
    }

    private static String seriesGp(Results results, String reference, String subtitle, List<Integer> relIndex) {
        List<Series> all = results.series();
        Map<String, Integer> backendColour = new LinkedHashMap<>();
        Map<String, Integer> dimsStyle = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder("# Written by chunkbench report from jmh.json: one line style per series (colour by backend,\n"
                + "# dash and point by the other params), the chunk-size tics and the chart subtitle. Loaded by plots/*.gp.\n");
        sb.append("NSERIES = ").append(all.size()).append('\n');
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
            sb.append(String.format(Locale.ROOT, "set style line %d lc rgb '%s' dt %d lw 2 pt %d ps 0.8%n", i + 1, colour,
                    d % 5 + 1, POINTS[d % POINTS.length]));
        }
        List<String> tics = new ArrayList<>();
        for (int c : results.chunkSizes()) {
            tics.add(quote(sizeLabel(c)) + " " + c);
        }
        sb.append("set xtics (").append(String.join(", ", tics)).append(")\n");
        // A little room either side of the first and last chunk size (and no empty range with a single one).
        sb.append("set xrange [").append(num(results.chunkSizes().first() / 1.4)).append(':')
                .append(num(results.chunkSizes().last() * 1.4)).append("]\n");
        sb.append("REFERENCE = ").append(quote(reference)).append('\n');
        sb.append("REL_N = ").append(relIndex.size()).append('\n');
        if (!relIndex.isEmpty()) {
            sb.append("array REL_LS[").append(relIndex.size()).append("] = [")
                    .append(String.join(", ", relIndex.stream().map(String::valueOf).toList())).append("]\n");
        }
        sb.append("SUBTITLE = ").append(quote(subtitle)).append('\n');
        return sb.toString();
    }

    private static String summary(Results results, String reference) {
        StringBuilder sb = new StringBuilder("series\tbackend\tmode\tbuffer\tkeyBits\top\tthreads\tchunk_bytes\tops_per_s\t"
                + "ops_low\tops_high\tsamples\tMB_per_s\tMB_per_s_error\tns_per_chunk\tratio_to_" + reference + "\tratio_error\t"
                + "alloc_bytes_per_chunk\n");
        for (Series s : results.series()) {
            Series ref = results.counterpart(s, reference);
            for (Row r : s.rows()) {
                Row b = ref == null ? null : ref.at(r.chunkSize());
                Ratio q = b == null ? null : Ratio.of(r, b);
                sb.append(String.join("\t", s.label(), s.backend(), s.dims().get("mode"), s.dims().get("buffer"),
                        s.dims().get("keyBits"), s.dims().get("op"), s.dims().get("threads"), String.valueOf(r.chunkSize()),
                        num(r.ops()), num(r.opsLow()), num(r.opsHigh()), String.valueOf(r.samples()), num(r.mbps()),
                        num(r.mbpsError()), num(r.nsPerChunk()), q == null ? "" : num(q.value()), q == null ? "" : num(q.error()),
                        Double.isNaN(r.allocBytesPerOp()) ? "" : num(r.allocBytesPerOp()))).append('\n');
            }
        }
        return sb.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "NaN";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Gnuplot double-quoted string. */
    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** 16 B, 4 KiB, 1 MiB. */
    public static String sizeLabel(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }
}
