package org.chunkbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chunkbench.report.Results.Row;
import org.chunkbench.report.Results.Series;
import org.chunkbench.results.Numbers;

/**
 * What a results folder says, computed once and rendered by {@link Markdown} and {@link DataFiles}: warnings about
 * noisy trials, ratios to the reference backend, the cost of the abstraction, and crossovers within groups of
 * series that differ only in their backend.
 */
final class Findings {
    /** A result whose confidence interval is wider than this share of its score gets a warning line. */
    static final double NOISY = 0.10;
    /** The abstraction's target: ChunkedCipher over SunJCE within this of calling SunJCE directly. */
    static final double ABSTRACTION_TARGET = 0.03;
    /** The backend the abstraction's cost is measured on: the one {@code baseline} calls directly. */
    static final String DIRECT_BACKEND = "sunjce";

    /** {@code a / b} with the error of a quotient of two independent measurements. */
    record Ratio(double value, double error) {
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

    /** One chunk size of one group: baseline against sunjce through ChunkedCipher. */
    record AbstractionCost(String group, int chunkSize, Row baseline, Row chunked, Ratio ratio, String verdict) {
    }

    /**
     * What sealing records costs over the bare counter mode, for one series and chunk size: {@code gcm} (an aes-gcm
     * row) against {@code ctr}, the same backend's aes-ctr row in stream mode with the same other params. The ratio is
     * GCM's time per record over CTR's time per chunk.
     */
    record AuthenticationCost(Series gcmSeries, int chunkSize, Row ctr, Row gcm, Ratio ratio) {
    }

    /**
     * The crossover table of one group: {@code cells[i][j]} for row series i against column j; the columns are the
     * series themselves, or for more than {@link #MAX_CROSSOVER_SERIES} series the reference alone (or the first).
     */
    record Crossovers(String group, List<Series> series, List<Series> columns, String[][] cells) {
        boolean summarised() {
            return columns.size() < series.size();
        }
    }

    /**
     * Past this many series in a group the crossover table has one column: n × n cells grew REPORT.md to 77 MB
     * for 3,000 backends, which no one reads; every number stays in data/summary.tsv.
     */
    static final int MAX_CROSSOVER_SERIES = 50;

    private final Results results;
    private final String reference;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, List<Series>> groups;

    Findings(Results results, String reference) {
        this.results = results;
        this.reference = reference;
        this.groups = groups(results);
        for (Series s : results.series()) {
            for (Row r : s.rows()) {
                double e = r.relativeError();
                if (Double.isNaN(e)) {
                    warnings.add(String.format(Locale.ROOT, "%s at %s: no confidence interval (%d sample%s); the score alone "
                            + "says nothing about its noise", MarkdownText.code(s.label()), Numbers.size(r.chunkSize()), r.samples(),
                            r.samples() == 1 ? "" : "s"));
                } else if (e > NOISY) {
                    warnings.add(String.format(Locale.ROOT, "%s at %s: error ±%.1f%% of the score (over %.0f%%); rerun with "
                            + "more iterations or forks before trusting it", MarkdownText.code(s.label()), Numbers.size(r.chunkSize()), e * 100,
                            NOISY * 100));
                }
            }
        }
        warmingUp();
    }

    /** Most rows a warning names by name; the rest are counted. */
    static final int NAMED_ROWS = 5;

    /**
     * One warning for the rows whose iterations were still getting faster while measured (Trial#warmupDrift): they
     * had not reached steady state, as short warm-ups under emulation (the kernel VM) do not; names the worst.
     */
    private void warmingUp() {
        List<String> named = new ArrayList<>();
        int count = 0;
        double worst = 0;
        int total = 0;
        for (Series s : results.series()) {
            for (Row r : s.rows()) {
                total++;
                if (r.warmingUp()) {
                    count++;
                    worst = Math.max(worst, r.warmupDrift());
                    if (named.size() < NAMED_ROWS) {
                        named.add(MarkdownText.code(s.label()) + " at " + Numbers.size(r.chunkSize()));
                    }
                }
            }
        }
        if (count > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d rows had not reached steady state: their iterations were still "
                    + "getting faster while measured, steadily, in most forks (the last third of a fork up to %.0f%% better than "
                    + "its first third; over %.0f%% counts): %s%s. Warm up longer, for example `--jmh '-wi 10 -w 1s'`", count, total,
                    worst * 100, org.chunkbench.results.Trial.STEADY_DRIFT_LIMIT * 100, String.join(", ", named),
                    count > named.size() ? " and " + (count - named.size()) + " more" : ""));
        }
    }

    Results results() {
        return results;
    }

    String reference() {
        return reference;
    }

    boolean haveReference() {
        return results.backends().contains(reference);
    }

    List<String> warnings() {
        return warnings;
    }

    /** The ratio of {@code r} (a trial of {@code s}) to the reference with the same other params; null without one. */
    Ratio toReference(Series s, Row r) {
        Series ref = results.counterpart(s, reference);
        Row b = ref == null ? null : ref.at(r.chunkSize());
        return b == null ? null : Ratio.of(r, b);
    }

    /** Groups of series that share every param but the backend: comparisons only make sense inside one. */
    private static Map<String, List<Series>> groups(Results results) {
        Map<String, List<Series>> g = new LinkedHashMap<>();
        for (Series s : results.series()) {
            List<String> parts = new ArrayList<>();
            for (String d : results.varying()) {
                parts.add(d.equals(Results.KEY_BITS) ? "AES-" + s.dims().get(d)
                        : d.equals(Results.THREADS) ? s.dims().get(d) + " threads" : s.dims().get(d));
            }
            g.computeIfAbsent(String.join(", ", parts), k -> new ArrayList<>()).add(s);
        }
        return g;
    }

    List<AbstractionCost> abstractionCost() {
        List<AbstractionCost> out = new ArrayList<>();
        for (Map.Entry<String, List<Series>> g : groups.entrySet()) {
            Series base = null;
            Series direct = null;
            for (Series s : g.getValue()) {
                if (s.backend().equals(Results.BASELINE)) {
                    base = s;
                } else if (s.backend().equals(DIRECT_BACKEND)) {
                    direct = s;
                }
            }
            if (base == null || direct == null) {
                continue;
            }
            for (Row b : base.rows()) {
                Row c = direct.at(b.chunkSize());
                if (c == null) {
                    continue;
                }
                Ratio q = Ratio.of(c, b);
                String verdict = Math.abs(q.value() - 1) <= ABSTRACTION_TARGET ? "within 3%"
                        : Math.abs(q.value() - 1) <= q.error() ? "within the error" : q.value() > 1 ? "faster" : "**slower**";
                out.add(new AbstractionCost(g.getKey(), b.chunkSize(), b, c, q, verdict));
            }
        }
        return out;
    }

    /** Every aes-gcm row that has its aes-ctr counterpart (stream mode, same backend and other params). */
    List<AuthenticationCost> authenticationCost() {
        List<AuthenticationCost> out = new ArrayList<>();
        for (Series gcm : results.series()) {
            if (!org.chunkbench.backends.AeadSpec.CIPHER.equals(Results.cipher(gcm.dims()))) {
                continue;
            }
            Map<String, String> ctrDims = new LinkedHashMap<>(gcm.dims());
            ctrDims.put(Results.CIPHER, org.chunkbench.backends.CipherSpec.CIPHER);
            ctrDims.put(Results.MODE, org.chunkbench.backends.Mode.STREAM.cliName());
            Series ctr = results.series(gcm.backend(), ctrDims);
            if (ctr == null) {
                continue;
            }
            for (Row g : gcm.rows()) {
                Row c = ctr.at(g.chunkSize());
                if (c != null) {
                    out.add(new AuthenticationCost(gcm, g.chunkSize(), c, g, Ratio.of(c, g)));
                }
            }
        }
        return out;
    }

    List<Crossovers> crossovers() {
        List<Crossovers> out = new ArrayList<>();
        for (Map.Entry<String, List<Series>> g : groups.entrySet()) {
            List<Series> ss = g.getValue();
            if (ss.size() < 2) {
                continue;
            }
            List<Series> columns = ss;
            if (ss.size() > MAX_CROSSOVER_SERIES) {
                columns = List.of(ss.stream().filter(s -> s.backend().equals(reference)).findFirst().orElse(ss.get(0)));
            }
            String[][] cells = new String[ss.size()][columns.size()];
            for (int i = 0; i < ss.size(); i++) {
                for (int j = 0; j < columns.size(); j++) {
                    cells[i][j] = ss.get(i) == columns.get(j) ? "" : crossover(ss.get(i), columns.get(j));
                }
            }
            out.add(new Crossovers(g.getKey(), ss, columns, cells));
        }
        return out;
    }

    /** Smallest measured chunk from which {@code a} is at least as fast as {@code b} at every larger common chunk. */
    static String crossover(Series a, Series b) {
        List<Integer> common = new ArrayList<>();
        for (Row r : a.rows()) {
            if (b.at(r.chunkSize()) != null) {
                common.add(r.chunkSize());
            }
        }
        if (common.isEmpty()) {
            return "–";
        }
        Integer from = null;
        for (int i = common.size() - 1; i >= 0; i--) {
            int c = common.get(i);
            if (a.at(c).ops() >= b.at(c).ops()) {
                from = c;
            } else {
                break;
            }
        }
        if (from == null) {
            return "never";
        }
        return from.equals(common.get(0)) ? "always" : Numbers.size(from);
    }
}
