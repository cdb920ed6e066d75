package org.chunkbench.report;

import static org.chunkbench.report.MarkdownText.cell;
import static org.chunkbench.report.MarkdownText.code;
import static org.chunkbench.report.MarkdownText.codeCell;
import static org.chunkbench.report.MarkdownText.text;

import java.util.List;
import java.util.TreeSet;

import org.chunkbench.report.Findings.AbstractionCost;
import org.chunkbench.report.Findings.Crossovers;
import org.chunkbench.report.Findings.Ratio;
import org.chunkbench.report.Results.Row;
import org.chunkbench.results.ResultsFolder.Chart;
import org.chunkbench.report.Results.Series;
import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.Numbers;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.SweepParam;

/** REPORT.md's tables of numbers: the abstraction's cost, results by chunk size, thread scaling and crossovers. */
final class ResultsSections {
    private final Results results;
    private final Findings findings;
    private final EnvManifest env;
    private final String reference;
    private final List<String> drawn;

    ResultsSections(Results results, Findings findings, EnvManifest env, String reference, List<String> drawn) {
        this.results = results;
        this.findings = findings;
        this.env = env;
        this.reference = reference;
        this.drawn = drawn;
    }

    void abstractionCost(StringBuilder md) {
        List<AbstractionCost> costs = findings.abstractionCost();
        if (costs.isEmpty()) {
            return;
        }
        boolean grouped = !results.varying().isEmpty();
        boolean gcm = results.rows().stream().anyMatch(r -> !Results.cipher(r.dims()).equals(SweepParam.CIPHER.absentValue()));
        md.append("## Cost of the abstraction\n\n`baseline` calls SunJCE's `Cipher.update` directly")
                .append(gcm ? " (for aes-gcm `init`, `updateAAD` and `doFinal` per record)" : "")
                .append("; `sunjce` does the same work through `ChunkedCipher`").append(gcm ? " (`SealedRecords`)" : "")
                .append(". A ratio of 1 means the abstraction costs nothing (target: within 3%).\n\n");
        md.append(grouped ? "| params " : "").append("| chunk | baseline MB/s | sunjce MB/s | sunjce / baseline | |\n")
                .append(grouped ? "|---" : "").append("|---:|---:|---:|---:|---|\n");
        for (AbstractionCost a : costs) {
            md.append("| ").append(a.group().isEmpty() ? "" : cell(a.group()) + " | ").append(Numbers.size(a.chunkSize())).append(" | ")
                    .append(mbps(a.baseline())).append(" | ").append(mbps(a.chunked())).append(" | ").append(ratio(a.ratio()))
                    .append(" | ").append(a.verdict()).append(" |\n");
        }
        md.append('\n');
    }

    /**
     * The cost of authentication: per backend and chunk size, GCM's time per sealed record over the bare counter
     * mode's time per chunk (aes-ctr, stream mode, the same other params).
     */
    void authenticationCost(StringBuilder md) {
        List<Findings.AuthenticationCost> costs = findings.authenticationCost();
        if (costs.isEmpty()) {
            return;
        }
        md.append(AUTHENTICATION_SECTION).append("\n\nWhat sealing each chunk as an AES-GCM record (nonce, ")
                .append("associated data, tag) costs over encrypting it with AES-CTR in stream mode, the same backend and params: ")
                .append("GCM ns per record / CTR ns per chunk, ± its error. 1 would mean authentication is free; the excess is ")
                .append("GHASH plus the per-record set-up.\n\n");
        md.append("| series | chunk | CTR ns/chunk | GCM ns/record | GCM MB/s | GCM / CTR |\n|---|---:|---:|---:|---:|---:|\n");
        for (Findings.AuthenticationCost a : costs) {
            md.append("| ").append(codeCell(a.gcmSeries().label())).append(" | ").append(Numbers.size(a.chunkSize())).append(" | ")
                    .append(Numbers.table(a.ctr().nsPerChunk())).append(" | ").append(Numbers.table(a.gcm().nsPerChunk())).append(" | ")
                    .append(mbps(a.gcm())).append(" | ").append(ratio(a.ratio())).append(" |\n");
        }
        md.append('\n');
    }

    static final String AUTHENTICATION_SECTION = "## Cost of authentication";

    void byChunk(StringBuilder md) {
        boolean alloc = results.rows().stream().anyMatch(r -> !Double.isNaN(r.allocBytesPerOp()));
        boolean haveRef = findings.haveReference();
        md.append(Markdown.RESULTS_SECTION).append("\n\nMB/s counts 10^6 bytes; ± is the half-width of JMH's 99.9% confidence interval; "
                + "ns/chunk is the wall time one thread spends per chunk");
        if (haveRef) {
            md.append("; × ").append(text(reference)).append(" is the throughput ratio to ").append(code(reference))
                    .append(" with the same params");
        }
        md.append(".\n\n");
        for (int chunk : results.chunkSizes()) {
            md.append("### ").append(Numbers.size(chunk)).append(chunk >= 1024 ? " (" + chunk + " bytes)" : "").append("\n\n");
            md.append("| series | MB/s | ± | ns/chunk |").append(haveRef ? " × " + cell(reference) + " |" : "")
                    .append(alloc ? " alloc B/chunk |" : "").append('\n');
            md.append("|---|---:|---:|---:|").append(haveRef ? "---:|" : "").append(alloc ? "---:|" : "").append('\n');
            int listed = 0;
            int left = 0;
            for (Series s : results.series()) {
                Row r = s.at(chunk);
                if (r == null) {
                    continue;
                }
                if (listed == Markdown.MAX_CHUNK_ROWS) {
                    left++;
                    continue;
                }
                listed++;
                md.append("| ").append(codeCell(s.label())).append(" | ").append(mbps(r)).append(" | ")
                        .append(Double.isNaN(r.mbpsError()) ? "?" : Numbers.table(r.mbpsError())).append(" | ")
                        .append(Numbers.table(r.nsPerChunk())).append(" |");
                if (haveRef) {
                    Ratio q = findings.toReference(s, r);
                    md.append(' ').append(q == null ? "–" : ratio(q)).append(" |");
                }
                if (alloc) {
                    md.append(' ').append(Double.isNaN(r.allocBytesPerOp()) ? "–"
                            : String.format(java.util.Locale.ROOT, "%.1f", r.allocBytesPerOp())).append(" |");
                }
                md.append('\n');
            }
            if (left > 0) {
                md.append("\n_").append(left).append(" more series at this size, not listed; ")
                        .append(ResultsFolder.inData(ResultsFolder.SUMMARY_TSV)).append(" has them all._\n");
            }
            md.append('\n');
        }
    }

    void crossovers(StringBuilder md) {
        StringBuilder body = new StringBuilder();
        for (Crossovers g : findings.crossovers()) {
            List<Series> ss = g.series();
            if (!g.group().isEmpty()) {
                body.append("**").append(text(g.group())).append("**\n\n");
            }
            if (g.summarised()) {
                body.append("_").append(ss.size()).append(" backends, more than ").append(Findings.MAX_CROSSOVER_SERIES)
                        .append(": each against ").append(code(g.columns().get(0).backend())).append(" only; ")
                        .append(ResultsFolder.inData(ResultsFolder.SUMMARY_TSV)).append(" has every number._\n\n");
            }
            body.append("| row ≥ column from |");
            g.columns().forEach(s -> body.append(' ').append(codeCell(s.backend())).append(" |"));
            body.append("\n|---|");
            g.columns().forEach(s -> body.append("---|"));
            body.append('\n');
            for (int i = 0; i < ss.size(); i++) {
                body.append("| ").append(codeCell(ss.get(i).backend())).append(" |");
                for (int j = 0; j < g.columns().size(); j++) {
                    body.append(' ').append(g.cells()[i][j]).append(" |");
                }
                body.append('\n');
            }
            body.append('\n');
        }
        if (body.length() == 0) {
            return;
        }
        md.append("## Crossovers\n\nThe smallest chunk size from which the row's backend is at least as fast as the column's, "
                + "at that size and every larger one measured. \"always\": from the smallest size measured; \"never\": not even "
                + "at the largest.\n\n").append(body);
    }

    /** Aggregate throughput by thread count, against the ideal; only when the run swept more than one. */
    void scaling(StringBuilder md) {
        if (!ScalingChart.applies(results)) {
            return;
        }
        md.append(Markdown.SCALING_SECTION).append("\n\n");
        Integer cpus = env == null || env.cpu() == null ? null : env.cpu().availableProcessors();
        TreeSet<Integer> counts = ScalingChart.threadCounts(results);
        md.append("Threads: ").append(counts.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")))
                .append(", each with its own cipher instance. ");
        if (cpus == null) {
            md.append("How many CPUs the JVM saw is unknown (no ").append(ResultsFolder.ENV_JSON)
                    .append(" or no CPU count in it), so it cannot be said where oversubscription starts.");
        } else {
            md.append("The JVM saw ").append(cpus).append(cpus == 1 ? " CPU" : " CPUs");
            if (counts.last() > cpus) {
                md.append(": the counts above ").append(cpus).append(" share CPUs, so they measure oversubscription, not scaling");
            } else {
                md.append("; other work on the machine shares them too, which the figures cannot show");
            }
            md.append('.');
        }
        md.append(" Throughput is aggregate (all threads together); ideal is the throughput at the fewest threads times the "
                + "thread ratio, and efficiency the measured share of it.\n\n");
        if (drawn.contains(Chart.SCALING.fileName())) {
            md.append("![Thread scaling: share of linear, one panel per chunk size](").append(Chart.SCALING.png()).append(")\n\n");
        }
        List<ScalingChart.Line> lines = ScalingChart.lines(results);
        if (lines.isEmpty()) {
            md.append("_No backend has results at more than one thread count._\n\n");
            return;
        }
        md.append("| Series | Chunk | Threads | MB/s | ± MB/s | Ideal MB/s | Efficiency |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (ScalingChart.Line l : lines) {
            for (Row r : l.rows()) {
                md.append("| ").append(codeCell(l.title())).append(" | ").append(Numbers.size(l.chunkSize()))
                        .append(" | ").append(r.threads()).append(" | ").append(mbps(r)).append(" | ")
                        .append(Numbers.table(r.mbpsError())).append(" | ").append(Numbers.table(l.ideal(r))).append(" | ")
                        .append(String.format(java.util.Locale.ROOT, "%.0f%%", 100 * l.efficiency(r))).append(" |\n");
            }
        }
        md.append('\n');
    }

    private static String mbps(Row r) {
        return Numbers.table(r.mbps());
    }

    private static String ratio(Ratio q) {
        return Numbers.ratio(q.value(), q.error());
    }
}
