package org.chunkbench.report;

import static org.chunkbench.report.MarkdownText.code;
import static org.chunkbench.report.MarkdownText.isTrue;
import static org.chunkbench.report.MarkdownText.str;
import static org.chunkbench.report.MarkdownText.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.ResultsFolder.Chart;
import org.chunkbench.results.ResultsFolder;

/**
 * REPORT.md: GitHub-flavoured Markdown with relative image links, so the folder can be published as it is. Renders
 * {@link Findings}; computes nothing of its own. Text from the results (labels, env.json values) goes into a
 * table cell through {@link MarkdownText#cell}.
 */
public final class Markdown {
    static final String ENVIRONMENT_SECTION = "## Environment";
    static final String RESULTS_SECTION = "## Results by chunk size";
    static final String NOTES_SECTION = "## Notes";
    static final String SCALING_SECTION = "## Thread scaling";

    private final Results results;
    private final Findings findings;
    private final EnvManifest env;
    private final String reference;
    private final Path dir;
    private final List<String> drawn;
    private final String chartsMissing;

    Markdown(Results results, Findings findings, EnvManifest env, String reference, Path dir, List<String> drawn,
            String chartsMissing) {
        this.results = results;
        this.findings = findings;
        this.env = env;
        this.reference = reference;
        this.dir = dir;
        this.drawn = drawn;
        this.chartsMissing = chartsMissing;
    }

    /** The params every series shares, for chart subtitles: "AES-128, encrypt, heap buffers, 1 thread". */
    static String subtitle(Results results, EnvManifest env) {
        List<String> parts = new ArrayList<>();
        java.util.Map<String, String> shared = new java.util.LinkedHashMap<>(results.rows().get(0).dims());
        shared.keySet().removeAll(results.varying());
        if (!shared.isEmpty()) {
            parts.add(Results.describe(shared));
        }
        if (env != null) {
            parts.add(str(env.host()) + ", " + str(env.cpu() == null ? null : env.cpu().model()));
            if (isTrue(env.emulated())) {
                parts.add("EMULATED, not a benchmark result");
            }
        }
        return String.join(", ", parts);
    }

    /**
     * The most one section of REPORT.md takes; the rest is cut at a line and said so. With the crossover table
     * summarised and the chunk tables capped no real run comes near it: it bounds what a crafted jmh.json or
     * env.json (3,000 backends, a host name of megabytes) makes of the report, a few MB in all.
     */
    static final int SECTION_BUDGET = 256 << 10;
    /** Series listed per chunk size in "Results by chunk size"; data/summary.tsv has them all. */
    static final int MAX_CHUNK_ROWS = 200;

    String render() {
        StringBuilder md = new StringBuilder();
        EnvManifest.RunInfo run = env == null ? null : env.run();
        bounded(md, m -> title(m, run));
        EnvironmentSections environment = new EnvironmentSections(results, env);
        ResultsSections tables = new ResultsSections(results, findings, env, reference, drawn);
        bounded(md, m -> environment.runSummary(m, run));
        bounded(md, environment::environment);
        bounded(md, this::charts);
        bounded(md, this::warnings);
        bounded(md, tables::abstractionCost);
        bounded(md, tables::authenticationCost);
        bounded(md, tables::byChunk);
        bounded(md, tables::scaling);
        bounded(md, m -> WhereTimeGoes.section(m, results, env, drawn));
        bounded(md, m -> WhereTimeGoes.opensslSpeed(m, results, dir));
        bounded(md, tables::crossovers);
        notes(md);
        return md.toString();
    }

    /** Appends one section, cut after {@link #SECTION_BUDGET} characters at the end of a line. */
    private static void bounded(StringBuilder md, Consumer<StringBuilder> section) {
        int start = md.length();
        section.accept(md);
        if (md.length() - start <= SECTION_BUDGET) {
            return;
        }
        int cut = Math.max(start, md.lastIndexOf("\n", start + SECTION_BUDGET) + 1);
        long left = md.substring(cut).lines().count();
        md.setLength(cut);
        md.append("\n_").append(left).append(" more line(s) of this section left out to keep the report readable; ")
                .append(ResultsFolder.inData(ResultsFolder.SUMMARY_TSV)).append(" and ").append(ResultsFolder.JMH_JSON)
                .append(" have every number._\n\n");
    }

    private void title(StringBuilder md, EnvManifest.RunInfo run) {
        md.append("# ").append(text(ciphers())).append(" by chunk size: ").append(text(env == null ? String.valueOf(dir.getFileName()) : str(env.host())));
        if (run != null && run.startedUtc() != null) {
            md.append(", ").append(text(run.startedUtc()));
        }
        if (emulated(env)) {
            md.append(EMULATED_TITLE);
        }
        md.append("\n\n");
        if (emulated(env)) {
            md.append("**This run was made under emulation (CHUNKBENCH_IN_VM=1). Its timings are not benchmark results: "
                    + "they show that the sweep works, not how fast anything is. Every ns and MB/s below is emulated "
                    + "(qemu without hardware acceleration, many times slower than the machine and not uniformly so); "
                    + "only ratios between series of this run can be read, and only for this emulated kernel.**\n\n");
        }
        if (run != null && "smoke".equals(run.preset())) {
            md.append("**Smoke run: its iterations are far too short to measure anything; it checks that the sweep, the "
                    + "results folder and the report work.**\n\n");
        }
        if (env == null) {
            md.append("_").append(ResultsFolder.ENV_JSON).append(" is missing from this folder, so the environment is unknown._\n\n");
        }
    }

    /** "AES-CTR", "AES-GCM" or "AES-CTR and AES-GCM": the ciphers of the rows, in the order the sweep runs them. */
    private String ciphers() {
        List<String> names = results.rows().stream().map(r -> Results.cipher(r.dims())).distinct()
                .sorted(java.util.Comparator.comparingInt(org.chunkbench.backends.CipherSpec.CIPHERS::indexOf))
                .map(c -> c.toUpperCase(java.util.Locale.ROOT)).toList();
        return names.isEmpty() ? "AES-CTR" : String.join(" and ", names);
    }

    private void warnings(StringBuilder md) {
        List<String> warnings = findings.warnings();
        if (!warnings.isEmpty()) {
            md.append("## Warnings\n\n");
            for (String w : warnings) {
                // Findings writes its warnings as Markdown, labels already through code()
                md.append("- ⚠ ").append(w).append('\n');
            }
            md.append('\n');
        }
    }

    private void charts(StringBuilder md) {
        md.append("## Charts\n\n");
        if (drawn.isEmpty()) {
            md.append("_Charts not drawn: ").append(chartsMissing).append(". Install gnuplot (`").append(Gnuplot.INSTALL_HINT)
                    .append("`), then draw them with ").append(code("./chunkbench report " + dir)).append("._\n\n");
            return;
        }
        for (Chart c : Chart.values()) {
            if (c.everyFolder() && drawn.contains(c.fileName())) {
                md.append("![").append(caption(c)).append("](").append(c.png()).append(")\n\n");
            }
        }
        md.append("SVG versions sit next to the PNGs. Error bars: JMH's 99.9% confidence interval.\n\n");
    }

    private String caption(Chart c) {
        return switch (c) {
            case THROUGHPUT -> "Throughput (MB/s) by chunk size";
            case RELATIVE -> "Throughput relative to " + text(reference);
            case NS_PER_CHUNK -> "Time per chunk (ns)";
            // drawn in their own sections (ResultsSections, WhereTimeGoes) or by history
            case SCALING, DECOMPOSITION, HISTORY -> c.fileName();
        };
    }

    private void notes(StringBuilder md) {
        md.append(NOTES_SECTION).append("\n\n")
                .append("- One operation is one chunk through one cipher, in buffers allocated before timing; every trial first "
                        + "checks its backend's output for three chunks against SunJCE one-shot AES-CTR.\n")
                .append("- `stream`: the counter is carried from chunk to chunk; `per-chunk-iv`: each chunk comes with its "
                        + "counter block (advanced in place, as a record protocol would send it).\n")
                .append("- `baseline` is SunJCE's `Cipher.update` without `ChunkedCipher` (with direct buffers it uses the "
                        + "JCA's ByteBuffer API, which copies through temporary arrays).\n")
                .append("- Raw data: `").append(ResultsFolder.JMH_JSON).append("` (untouched JMH output), `")
                .append(ResultsFolder.ENV_JSON).append("`, `").append(ResultsFolder.inData(ResultsFolder.SUMMARY_TSV))
                .append("`. Redraw with `./chunkbench report DIR`, or by hand: `gnuplot -c ")
                .append(ResultsFolder.inPlots(Chart.THROUGHPUT.script())).append(' ').append(ResultsFolder.DATA_DIR).append(' ')
                .append(Chart.THROUGHPUT.fileName()).append("` in this folder.\n");
    }

    /** Appended to the title of a run made under emulation, so that no copy of its first line loses that. */
    static final String EMULATED_TITLE = " (EMULATED: timings from qemu, not benchmark results)";

    /** The run was made inside the kernel VM ({@code CHUNKBENCH_IN_VM=1}, recorded as {@code emulated} in env.json). */
    static boolean emulated(EnvManifest env) {
        return env != null && isTrue(env.emulated());
    }
}
