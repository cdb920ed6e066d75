package org.chunkbench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.chunkbench.analysis.Decomposition;
import org.chunkbench.analysis.DecompositionChart;
import org.chunkbench.analysis.Measurement;
import org.chunkbench.analysis.NativePath;
import org.chunkbench.analysis.OpenSslSpeedFile;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.analysis.Quantity;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.Binding;
import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.Numbers;
import org.chunkbench.results.ResultsFolder.Chart;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.RowKinds;

/**
 * The report's "Where the time goes" (issue 12): per group of params that the decomposition needs constant
 * (mode, buffer, key size, direction, threads), each native backend's decomposition from the controls measured in the
 * same run, and the {@code openssl speed} reference with the ratio of each {@code openssl} binding to it.
 */
final class WhereTimeGoes {
    static final String SECTION = "## Where the time goes";
    static final String OPENSSL_SECTION = "## C without a JVM: `openssl speed`";
    /** Under the section's heading in a run made in the kernel VM: the decomposition is of the emulated machine. */
    static final String EMULATED_NOTE = "**Emulated (CHUNKBENCH_IN_VM=1): these ns per chunk were measured under qemu's software "
            + "emulation. They decompose the emulated kernel path, whose system calls, copies and AES are slowed by different "
            + "factors, so neither the ns nor the shares say how a real machine divides its time.**";
    /** The error of a series whose JMH confidence interval reaches 0 ops/s, and of every component made from it. */
    static final String UNBOUNDED = "∞";
    static final String UNBOUNDED_NOTE = "± ∞: a series in that sum has no bounded error, because its confidence interval "
            + "reaches 0 ops/s (too few or too noisy iterations) or it has a single sample; the value is JMH's mean, its error unknown.";
    /** Added to the decomposition chart's subtitle in an emulated run. */
    static final String EMULATED_SUBTITLE = ", EMULATED (qemu), not a benchmark result";

    /** One params group and its decomposed backends. */
    record Group(Map<String, String> dims, List<List<Decomposition.Row>> backends) {
    }

    private WhereTimeGoes() {
    }

    /** Nothing to decompose without controls: empty then, so a run without them gets no chart of blanks. */
    static List<Group> groups(Results results, EnvManifest env) {
        if (results.controls().isEmpty()) {
            return List.of();
        }
        Map<String, String> why = new LinkedHashMap<>();
        if (env != null && env.run() != null && env.run().unavailableBackends() != null) {
            for (EnvManifest.Unavailable u : env.run().unavailableBackends()) {
                why.put(u.variant(), u.reason());
            }
        }
        Map<Map<String, String>, List<Results.Row>> byDims = new LinkedHashMap<>();
        for (Results.Row r : results.rows()) {
            byDims.computeIfAbsent(r.dims(), k -> new ArrayList<>()).add(r);
        }
        for (Results.Row r : results.controls()) {
            byDims.computeIfAbsent(r.dims(), k -> new ArrayList<>()).add(r);
        }
        // A run made before the FFM null-cipher controls existed has none of them, nor their reasons.
        List<String> controls = results.controls().stream().map(Results.Row::backend).distinct().toList();
        boolean ffmNullControls = false;
        for (String variant : controls) {
            ffmNullControls |= ffmBeyondTheCall(variant);
        }
        for (String variant : why.keySet()) {
            ffmNullControls |= ffmBeyondTheCall(variant);
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<Results.Row>> e : byDims.entrySet()) {
            boolean perChunkIv = "per-chunk-iv".equals(e.getKey().get(Results.MODE));
            boolean direct = "direct".equals(e.getKey().get(Results.BUFFER));
            List<Measurement> ms = new ArrayList<>();
            List<String> backends = new ArrayList<>();
            for (Results.Row r : e.getValue()) {
                // an interval that reaches 0 ops/s (or none, one sample) bounds no ns: the error is unbounded, not 0
                double err = (r.nsHigh() - r.nsLow()) / 2;
                ms.add(new Measurement(r.backend(), r.chunkSize(), r.nsPerChunk(), Double.isFinite(err) ? err : Double.POSITIVE_INFINITY));
                if (!backends.contains(r.backend())) {
                    backends.add(r.backend());
                }
            }
            List<List<Decomposition.Row>> decomposed = new ArrayList<>();
            for (String b : backends) {
                if (controls.contains(b)) {
                    continue; // what the folder names a control is a part of a path, not a path
                }
                Optional<NativePath> path;
                try {
                    path = NativePath.of(b, perChunkIv, direct);
                } catch (IllegalArgumentException notAVariant) {
                    continue;
                }
                if (path.isEmpty()) {
                    continue;
                }
                Map<String, String> w = new LinkedHashMap<>(why);
                if (path.get().call().equals("call[binding=ffm]") && !ffmNullControls) {
                    w.putIfAbsent(path.get().nullPath(), NativePath.FFM_CONTROLS_NOT_IN_RUN);
                }
                w.putIfAbsent(path.get().nullPath(), "not in this run (chunkbench run --controls)");
                w.putIfAbsent(path.get().call(), "not in this run (chunkbench run --controls)");
                w.putIfAbsent("none", "not in this run (chunkbench run --controls)");
                w.putIfAbsent("copy", "not in this run (chunkbench run --controls)");
                decomposed.add(Decomposition.of(path.get(), ms, w));
            }
            if (!decomposed.isEmpty()) {
                out.add(new Group(e.getKey(), decomposed));
            }
        }
        return out;
    }

    static String chartName(List<Group> groups, int i) {
        return Chart.DECOMPOSITION.numbered(i, groups.size());
    }

    /** Writes data/decomposition[-N].dat for each group; the chart file names in order. */
    static List<String> writeData(List<Group> groups, Path dataDir) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Decomposition.Row> all = new ArrayList<>();
            groups.get(i).backends().forEach(all::addAll);
            String name = chartName(groups, i);
            ResultsFolder.write(dataDir.resolve(Chart.dat(name)), DecompositionChart.data(all));
            names.add(name);
        }
        return names;
    }

    static void section(StringBuilder md, Results results, EnvManifest env, List<String> drawnCharts) {
        List<Group> groups = groups(results, env);
        md.append(SECTION).append("\n\n");
        if (Markdown.emulated(env)) {
            md.append(EMULATED_NOTE).append("\n\n");
        }
        if (results.controls().isEmpty()) {
            md.append("No controls in this run, so nothing is decomposed: `chunkbench run --controls` (the default with "
                    + "`--full`) times them beside the backends.\n\n");
            return;
        }
        md.append("Controls measured in this run (not backends; kept out of the tables and charts above):");
        results.controls().stream().map(Results.Row::backend).distinct()
                .forEach(c -> md.append(' ').append(MarkdownText.code(c)));
        md.append(".\n\n");
        if (groups.isEmpty()) {
            md.append("No native backend (`openssl`, `kernel`) ran beside them, so nothing is decomposed.\n\n");
            return;
        }
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            md.append("### ").append(MarkdownText.text(Results.describe(group.dims()))).append("\n\n");
            md.append("| backend | chunk | total ns | ");
            for (String c : Decomposition.COMPONENTS) {
                md.append(c).append(" ns (share) | ");
            }
            md.append("\n|---|---:|---:|").append("---|".repeat(Decomposition.COMPONENTS.size())).append('\n');
            List<String> notMeasured = new ArrayList<>();
            for (List<Decomposition.Row> rows : group.backends()) {
                for (Decomposition.Row r : rows) {
                    md.append("| ").append(MarkdownText.codeCell(r.backend())).append(" | ").append(Numbers.size(r.chunkBytes()))
                            .append(" | ").append(q(r.total())).append(" | ");
                    for (Decomposition.Component c : r.components()) {
                        if (c.measured()) {
                            Quantity v = c.value().orElseThrow();
                            Quantity s = c.share().orElseThrow();
                            md.append(v.ns() < 0 ? "**" + q(v) + "** (negative)" : q(v)).append(" (")
                                    .append(String.format("%.0f%% ± ", 100 * s.ns()))
                                    .append(Double.isFinite(s.error()) ? String.format("%.0f", 100 * s.error()) : UNBOUNDED)
                                    .append(") | ");
                        } else {
                            md.append("not measured | ");
                            // one note per component and backend, whatever the chunk size
                            String n = MarkdownText.code(c.name()) + " of " + MarkdownText.code(r.backend()) + ": "
                                    + MarkdownText.text(c.notMeasured().replaceAll(" at \\d+ B$", ""));
                            if (!notMeasured.contains(n)) {
                                notMeasured.add(n);
                            }
                        }
                    }
                    md.append('\n');
                }
            }
            md.append('\n');
            if (unbounded(group)) {
                md.append(UNBOUNDED_NOTE).append("\n\n");
            }
            for (String n : notMeasured) {
                md.append("- ").append(n).append('\n');
            }
            if (!notMeasured.isEmpty()) {
                md.append('\n');
            }
            String chart = chartName(groups, g);
            if (drawnCharts.contains(chart)) {
                md.append("![Where the time goes](").append(Chart.png(chart)).append(")\n\n");
            }
        }
        md.append("How the components are computed (ns per chunk; ± is the error, shares in percent of the backend's total):\n\n");
        for (String line : Decomposition.arithmetic(renamedControls(results, env)).split("\n")) {
            md.append(line.startsWith("- ") ? "- " + MarkdownText.text(line.substring(2)) : MarkdownText.text(line)).append('\n');
        }
        md.append('\n');
    }

    private static String q(Quantity q) {
        return Numbers.table(q.ns()) + " ± " + (Double.isFinite(q.error()) ? Numbers.table(q.error()) : UNBOUNDED);
    }

    private static boolean unbounded(Group g) {
        return g.backends().stream().flatMap(List::stream).anyMatch(r -> !Double.isFinite(r.total().error())
                || r.components().stream().anyMatch(c -> c.value().isPresent() && !Double.isFinite(c.value().get().error())));
    }

    /** The openssl speed table: C ns per chunk and each {@code openssl} binding's ratio to it (ns / C ns). */
    static void opensslSpeed(StringBuilder md, Results results, Path dir) {
        Path file = dir.resolve(ResultsFolder.OPENSSL_SPEED_TSV);
        if (!Files.exists(file)) {
            return;
        }
        md.append(OPENSSL_SECTION).append("\n\n");
        List<OpenSslSpeedFile.Row> c;
        try {
            c = OpenSslSpeedFile.read(file);
        } catch (IOException e) {
            md.append(MarkdownText.text(ResultsFolder.OPENSSL_SPEED_TSV + " could not be read: " + e.getMessage())).append("\n\n");
            return;
        }
        md.append("`openssl speed -evp aes-N-ctr -bytes B` (C, no JVM; ").append(ResultsFolder.OPENSSL_SPEED_TSV)
                .append(") against the `openssl` backend of this run: the binding gap. Ratio = backend ns per chunk / C ns per chunk "
                        + "(1 means no gap). `openssl speed` reuses one buffer in place and runs stream mode.")
                .append(c.stream().anyMatch(r -> !r.cipher().equals(CipherSpec.CIPHER)) ? " For aes-gcm the command is "
                        + "`openssl speed -aead -evp aes-N-gcm -bytes B`: each operation one whole sealed record, as here." : "")
                .append("\n\n");
        md.append("| cipher | key | chunk | C ns/chunk | C MB/s | backend | params | backend ns/chunk | ratio |\n"
                + "|---|---:|---:|---:|---:|---|---|---:|---:|\n");
        // once, not per row: a crafted file of many rows times many series would take quadratic time
        List<Results.Series> openssl = results.series().stream().filter(s -> isOpenSsl(s.backend())).toList();
        for (OpenSslSpeedFile.Row row : c) {
            boolean any = false;
            for (Results.Series s : openssl) {
                if (!String.valueOf(row.keyBits()).equals(s.dims().get(Results.KEY_BITS))
                        || !row.cipher().equals(Results.cipher(s.dims()))) {
                    continue;
                }
                Results.Row r = s.at(row.bytes());
                if (r == null) {
                    continue;
                }
                any = true;
                md.append("| ").append(row.cipher()).append(" | ").append(row.keyBits()).append(" | ").append(Numbers.size(row.bytes()))
                        .append(" | ").append(Numbers.table(row.nsPerOp())).append(" | ").append(Numbers.table(row.mbps())).append(" | ")
                        .append(MarkdownText.codeCell(s.backend())).append(" | ").append(MarkdownText.cell(Results.describe(s.dims()))).append(" | ")
                        .append(Numbers.table(r.nsPerChunk())).append(" | ")
                        .append(String.format("%.2f", r.nsPerChunk() / row.nsPerOp())).append(" |\n");
            }
            if (!any) {
                md.append("| ").append(row.cipher()).append(" | ").append(row.keyBits()).append(" | ").append(Numbers.size(row.bytes()))
                        .append(" | ").append(Numbers.table(row.nsPerOp())).append(" | ").append(Numbers.table(row.mbps()))
                        .append(" | (no `openssl` backend at this size) | | | |\n");
            }
        }
        md.append('\n');
    }

    /**
     * When openssl-speed.tsv is there and readable, writes data/openssl-speed.dat for the key size the charts show
     * (the first in the results) and tells the chart scripts so through series.gp ({@code HAVE_C = 1}).
     */
    static void writeReferenceLine(Results results, ResultsFolder folder) throws IOException {
        Path file = folder.opensslSpeedTsv();
        if (!Files.exists(file) || results.rows().isEmpty()) {
            return;
        }
        List<OpenSslSpeedFile.Row> c;
        try {
            c = OpenSslSpeedFile.read(file);
        } catch (IOException e) {
            return; // the report's section says why
        }
        String bits = results.rows().get(0).dims().get(Results.KEY_BITS);
        StringBuilder sb = new StringBuilder("# openssl speed (C, no JVM): bytes, MB/s, ns per chunk\n");
        int n = 0;
        for (OpenSslSpeedFile.Row r : c) {
            if (String.valueOf(r.keyBits()).equals(bits) && r.cipher().equals(CipherSpec.CIPHER)) {
                sb.append(r.bytes()).append('\t').append(r.mbps()).append('\t').append(r.nsPerOp()).append('\n');
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        ResultsFolder.write(folder.dataDir().resolve(ResultsFolder.OPENSSL_SPEED_DAT), sb.toString());
        Path series = folder.dataDir().resolve(ResultsFolder.SERIES_GP);
        ResultsFolder.write(series, ResultsFolder.read(series) + "HAVE_C = 1\n");
    }

    /**
     * Whether the folder spells a null-cipher control by its old name ({@link RowKinds#renamed}), among its controls or
     * the variants it left out: its report names them so, as it did before the rename.
     */
    static boolean renamedControls(Results results, EnvManifest env) {
        List<String> variants = new ArrayList<>(results.controls().stream().map(Results.Row::backend).toList());
        if (env != null && env.run() != null && env.run().unavailableBackends() != null) {
            env.run().unavailableBackends().forEach(u -> variants.add(u.variant()));
        }
        return variants.stream().anyMatch(RowKinds::renamed);
    }

    /** An {@code openssl} series (the report's series are backends only: the folder's controls are apart). */
    static boolean isOpenSsl(String variant) {
        try {
            return BackendSpec.parse(variant).name().equals("openssl");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A variant through the FFM binding other than the no-op call ({@code syscall[binding=ffm]}, the FFM null-cipher
     * controls): a run that has one, or its reason for leaving one out, postdates the FFM controls.
     */
    static boolean ffmBeyondTheCall(String variant) {
        try {
            BackendSpec s = BackendSpec.parse(variant);
            return "ffm".equals(s.options().get(Binding.OPTION)) && !s.name().equals("call");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
