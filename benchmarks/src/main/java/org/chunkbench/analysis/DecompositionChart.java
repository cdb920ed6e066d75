package org.chunkbench.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.chunkbench.report.Gnuplot;
import org.chunkbench.results.Numbers;

/**
 * The data file of {@code plots/decomposition.gp}: at each chunk size (x, evenly spaced) one stack per backend,
 * each component a box whose height is its share of the backend's time per chunk, in percent. Positive
 * components stack up from 0 in {@link Decomposition#COMPONENTS} order, negative ones stack down from 0, so a
 * negative component stays visible as such; a component not measured has no box, and its stack's label says so.
 *
 * <p>Format (version 1), blocks separated by two blank lines, so that gnuplot's {@code index} picks them:
 * <ol start="0">
 * <li>chunk size labels: {@code x y "label"} per chunk size, above its group of stacks.</li>
 * <li>stack labels: {@code x y "text"} per stack, above it (total ns per chunk, what was not measured).</li>
 * <li>x tics: {@code x "backend"} per stack.</li>
 * <li>and on: one block per component, first line its title in quotes, then {@code x halfwidth bottom top} per
 * box (at least one box; a zero-height one when nothing was measured, so the key stays complete).</li>
 * </ol>
 * Every string comes from results, so it is written as quoted data, never as gnuplot commands, and anything that
 * could end the quoted field (quotes, backslashes, control characters) is replaced.
 */
public final class DecompositionChart {
    public static final String FORMAT = "# chunkbench decomposition chart data, format 1";

    private DecompositionChart() {
    }

    /** The file's text for the rows of one or more backends (each backend's rows as {@link Decomposition#of} gives). */
    public static String data(List<Decomposition.Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no decomposition rows to chart");
        }
        TreeSet<Integer> chunks = new TreeSet<>();
        Map<String, Map<Integer, Decomposition.Row>> byBackend = new LinkedHashMap<>();
        for (Decomposition.Row r : rows) {
            chunks.add(r.chunkBytes());
            byBackend.computeIfAbsent(r.backend(), b -> new LinkedHashMap<>()).put(r.chunkBytes(), r);
        }
        List<Integer> xs = new ArrayList<>(chunks);
        List<String> backends = new ArrayList<>(byBackend.keySet());
        int nb = backends.size();
        double slot = 0.8 / nb;
        double half = slot * 0.42;

        StringBuilder tics = new StringBuilder("# x tics: x backend\n");
        double highest = 0;
        StringBuilder labels = new StringBuilder("# stack labels: x y text\n");
        List<StringBuilder> boxes = new ArrayList<>();
        for (String c : Decomposition.COMPONENTS) {
            boxes.add(new StringBuilder());
        }
        List<String> titles = new ArrayList<>(Decomposition.COMPONENTS);
        for (int i = 0; i < xs.size(); i++) {
            for (int j = 0; j < nb; j++) {
                Decomposition.Row r = byBackend.get(backends.get(j)).get(xs.get(i));
                if (r == null) {
                    continue;
                }
                double x = i + (j - (nb - 1) / 2.0) * slot;
                double up = 0;
                double down = 0;
                List<String> missing = new ArrayList<>();
                for (int k = 0; k < r.components().size(); k++) {
                    Decomposition.Component c = r.components().get(k);
                    if (c.share().isEmpty()) {
                        missing.add(c.name());
                        continue;
                    }
                    double h = 100 * c.share().get().ns();
                    double bottom;
                    double top;
                    if (h >= 0) {
                        bottom = up;
                        top = up + h;
                        up = top;
                    } else {
                        top = down;
                        bottom = down + h;
                        down = bottom;
                    }
                    boxes.get(k).append(Numbers.data(x)).append('\t').append(Numbers.data(half)).append('\t').append(Numbers.data(bottom))
                            .append('\t').append(Numbers.data(top)).append('\n');
                }
                String text = nsLabel(r.total().ns())
                        + (missing.isEmpty() ? "" : "; not measured: " + String.join(", ", missing));
                highest = Math.max(highest, up);
                tics.append(Numbers.data(x)).append('\t').append(Gnuplot.dataString(r.backend())).append('\n');
                labels.append(Numbers.data(x)).append('\t').append(Numbers.data(Math.max(up, 0) + 2)).append('\t').append(Gnuplot.dataString(text)).append('\n');
            }
        }
        StringBuilder groups = new StringBuilder("# chunk sizes: x y label\n");
        for (int i = 0; i < xs.size(); i++) {
            groups.append(i).append('\t').append(Numbers.data(highest + 45)).append('\t').append(Gnuplot.dataString(Numbers.size(xs.get(i)))).append('\n');
        }
        StringBuilder out = new StringBuilder(FORMAT).append('\n');
        out.append(groups).append("\n\n").append(labels).append("\n\n").append(tics);
        for (int k = 0; k < boxes.size(); k++) {
            out.append("\n\n").append(Gnuplot.dataString(titles.get(k))).append('\n');
            if (boxes.get(k).length() == 0) {
                out.append("0\t0\t0\t0\n"); // nothing measured: a zero-height box keeps the key and silences gnuplot
            } else {
                out.append(boxes.get(k));
            }
        }
        return out.toString();
    }

    static String nsLabel(double ns) {
        if (Math.abs(ns) >= 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", ns / 1e6);
        }
        if (Math.abs(ns) >= 1e4) {
            return String.format(Locale.ROOT, "%.1f us", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }
}
