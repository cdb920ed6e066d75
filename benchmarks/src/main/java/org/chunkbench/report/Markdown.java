package org.chunkbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.chunkbench.report.Findings.AbstractionCost;
import org.chunkbench.report.Findings.Crossovers;
import org.chunkbench.report.Findings.Ratio;
import org.chunkbench.report.Results.Row;
import org.chunkbench.report.Results.Series;
import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.Numbers;
import org.chunkbench.results.ResultsFolder.Chart;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.Visible;

/**
 * REPORT.md: GitHub-flavoured Markdown with relative image links, so the folder can be published as it is. Renders
 * {@link Findings}; computes nothing of its own. Text from the results (labels, env.json values) goes into a
 * table cell through {@link #cell}.
 */
public final class Markdown {
    static final String ENVIRONMENT_SECTION = "## Environment";
    static final String RESULTS_SECTION = "## Results by chunk size";
    static final String NOTES_SECTION = "## Notes";

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
        bounded(md, m -> runSummary(m, run));
        bounded(md, this::environment);
        bounded(md, this::charts);
        bounded(md, this::warnings);
        bounded(md, this::abstractionCost);
        bounded(md, this::byChunk);
        bounded(md, this::scaling);
        bounded(md, m -> WhereTimeGoes.section(m, results, env, drawn));
        bounded(md, m -> WhereTimeGoes.opensslSpeed(m, results, dir));
        bounded(md, this::crossovers);
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
        md.append("# AES-CTR by chunk size: ").append(text(env == null ? String.valueOf(dir.getFileName()) : str(env.host())));
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

    private void runSummary(StringBuilder md, EnvManifest.RunInfo run) {
        if (run == null) {
            return;
        }
        EnvManifest.JmhSettings jmh = run.jmh();
        boolean j = jmh != null;
        md.append(code(run.command() == null ? "chunkbench run" : run.command())).append(": ")
                .append(run.trialsCompleted() == null ? results.rows().size() : run.trialsCompleted()).append(" of ")
                .append(run.trialsPlanned() == null ? results.rows().size() : run.trialsPlanned()).append(" trials in ")
                .append(or(run.duration(), "?")).append(" (").append(or(run.preset(), "?"))
                .append(" preset). JMH ").append(or(j ? jmh.version() : null, "?")).append(": ")
                .append(or(j ? jmh.forks() : null, "?")).append(" fork(s), warmup ")
                .append(or(j ? jmh.warmupIterations() : null, "?")).append(" × ").append(or(j ? jmh.warmupTime() : null, "?"))
                .append(", measurement ").append(or(j ? jmh.measurementIterations() : null, "?")).append(" × ")
                .append(or(j ? jmh.measurementTime() : null, "?")).append(", ").append(threadsText(j ? jmh.threads() : null));
        if (j && jmh.rawOptions() != null && !jmh.rawOptions().isBlank()) {
            md.append(", raw JMH options ").append(code(jmh.rawOptions()));
        }
        md.append(".\n\n");
        List<EnvManifest.Unavailable> un = list(run.unavailableBackends());
        if (!un.isEmpty()) {
            md.append("**Left out, unavailable here:**\n\n");
            for (EnvManifest.Unavailable u : un) {
                md.append("- ").append(code(str(u.variant()))).append(": ").append(text(str(u.reason()))).append('\n');
            }
            md.append('\n');
        }
        List<EnvManifest.FailedTrial> failed = list(run.failedTrials());
        if (!failed.isEmpty()) {
            md.append("**Failed trials (not in the results):**\n\n");
            for (EnvManifest.FailedTrial f : failed) {
                md.append("- ").append(code(str(f.trial()))).append(": ")
                        .append(text(str(f.message()).lines().findFirst().orElse(""))).append('\n');
            }
            md.append('\n');
        }
    }

    private void environment(StringBuilder md) {
        if (env == null) {
            return;
        }
        md.append(ENVIRONMENT_SECTION).append("\n\n| | |\n|---|---|\n");
        EnvManifest.Cpu cpu = env.cpu() == null ? new EnvManifest.Cpu(null, null, null, null, null) : env.cpu();
        List<String> flags = list(cpu.cryptoFlags());
        row(md, "CPU", str(cpu.model()) + " (" + str(cpu.availableProcessors()) + " CPUs available to the JVM)");
        row(md, "CPU crypto flags", flags.isEmpty() ? "none of aes, vaes, avx512*" : String.join(" ", flags));
        EnvManifest.Os os = env.os() == null ? new EnvManifest.Os(null, null, null) : env.os();
        row(md, "Kernel", str(os.name()) + " " + str(os.kernelRelease()) + " " + str(os.arch()));
        EnvManifest.AfAlg af = env.afAlg() == null ? new EnvManifest.AfAlg(null, null, null, null, null, null) : env.afAlg();
        row(md, "AF_ALG", isTrue(af.available()) ? "available" : "not available: " + str(af.reason()));
        List<String> details = list(af.details());
        if (!details.isEmpty()) {
            row(md, "kernel backend", String.join("; ", details));
        }
        List<String> drivers = new ArrayList<>();
        for (EnvManifest.Driver d : list(af.ctrAesDrivers())) {
            drivers.add(str(d.driver()) + " (priority " + str(d.priority()) + ", " + str(d.module()) + ")");
        }
        Map<String, Object> traits = af.kernelTraits();
        if (traits != null) {
            row(md, "AF_ALG traits", "AF_ALG " + str(traits.get("afAlg")) + "; ALG_SET_KEY_BY_KEY_SERIAL "
                    + str(traits.get("keyBySerial")) + "; io=splice " + str(traits.get("zeroCopy"))
                    + " (" + str(traits.get("zeroCopyDetail")) + ")");
            Object restrict = traits.get("afAlgRestrict");
            if (restrict != null && List.of("0", "1", "2").contains(restrict.toString())) {
                List<String> refused = new ArrayList<>();
                if (traits.get("refused") instanceof Map<?, ?> r) {
                    r.keySet().forEach(k -> refused.add(str(k)));
                }
                row(md, "AF_ALG restriction", "crypto.af_alg_restrict=" + str(restrict) + "; this process privileged for it: "
                        + str(traits.get("afAlgPrivileged")) + " (" + str(traits.get("afAlgPrivilegedDetail")) + "); binds: "
                        + (traits.get("bindable") instanceof List<?> b && !b.isEmpty() ? String.join(", ", b.stream().map(Markdown::str).toList())
                                : "nothing")
                        + (refused.isEmpty() ? "" : "; refused: " + String.join(", ", refused))
                        + "; null cipher: " + str(traits.get("nullCipher")));
            }
        }
        row(md, "ctr(aes) drivers", drivers.isEmpty() ? "none listed in /proc/crypto" : String.join("; ", drivers)
                + "; the first is what a plain bind to ctr(aes) gets");
        EnvManifest.Jvm jvm = env.jvm() == null ? new EnvManifest.Jvm(null, null, null, null, null, null, null, null) : env.jvm();
        row(md, "JVM", str(jvm.vmName()) + " " + str(jvm.runtimeVersion()) + " (" + str(jvm.vendor()) + ")");
        List<String> aes = new ArrayList<>();
        if (jvm.aesFlags() != null) {
            jvm.aesFlags().forEach((k, v) -> aes.add(k + "=" + str(v)));
        }
        row(md, "JVM AES flags", String.join(", ", aes));
        for (EnvManifest.BackendInfo b : list(env.backends())) {
            row(md, "Backend " + codeCell(str(b.name())), isTrue(b.available()) ? str(b.version()) : "unavailable: " + str(b.reason()));
        }
        EnvManifest.Git git = env.git();
        row(md, "Source", "commit " + (git == null || git.commit() == null ? "unknown" : git.commit())
                + (git != null && isTrue(git.dirty()) ? " (with uncommitted changes)" : ""));
        md.append('\n');
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(cell(value)).append(" |\n");
    }

    /** Markdown's inline punctuation: escaped in text from a file so that it stays text. */
    private static final String SPECIAL = "\\`*[]<|~";

    /**
     * The one place text from a results folder (jmh.json, env.json, file names) becomes Markdown text, in REPORT.md
     * and in compare's report: control characters (a newline would end a table row or start a heading) and invisible
     * or bidi ones are shown escaped ({@link Visible#text}), and every character that could start a link, an image, HTML, emphasis, a code span or a table column
     * ({@code \ ` * [ ] < | ~}, {@code _} at a word's edge, {@code &} before a name or {@code #}) is
     * backslash-escaped, so it shows as itself and does nothing. (A bare URL stays text, which GitHub may underline.)
     */
    public static String text(String value) {
        String s = Visible.text(value);
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // '_' inside a word (AF_ALG) cannot start emphasis, nor '&' an entity unless a name or '#' follows
            boolean special = SPECIAL.indexOf(c) >= 0
                    || c == '_' && !(i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)) && i + 1 < s.length()
                            && Character.isLetterOrDigit(s.charAt(i + 1)))
                    || c == '&' && i + 1 < s.length() && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '#');
            if (special) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Text from the results in a table cell: {@link #text} (which escapes {@code |} too). */
    public static String cell(String value) {
        return text(value);
    }

    /**
     * Text from the results as a code span outside a table: a fence of one backtick more than the longest run of
     * backticks inside, padded when the text starts or ends with a backtick or space; control and invisible
     * characters shown escaped ({@link Visible#text}). Inside a code span nothing else is special.
     */
    public static String code(String value) {
        String s = Visible.text(value);
        if (s.isEmpty()) {
            return "";
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = s.startsWith("`") || s.endsWith("`") || s.startsWith(" ") || s.endsWith(" ");
        return fence + (pad ? " " + s + " " : s) + fence;
    }

    /** A code span in a table cell: {@link #code}, with {@code |} escaped as GitHub's tables need even there. */
    public static String codeCell(String value) {
        return code(value).replace("|", "\\|");
    }

    private void charts(StringBuilder md) {
        md.append("## Charts\n\n");
        if (drawn.isEmpty()) {
            md.append("_Charts not drawn: ").append(chartsMissing).append(". Install gnuplot (`").append(Gnuplot.INSTALL_HINT)
                    .append("`), then draw them with ").append(code("./chunkbench report " + dir)).append("._\n\n");
            return;
        }
        for (Chart c : Chart.values()) {
            if (drawn.contains(c.fileName())) {
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
        };
    }

    private void abstractionCost(StringBuilder md) {
        List<AbstractionCost> costs = findings.abstractionCost();
        if (costs.isEmpty()) {
            return;
        }
        boolean grouped = !results.varying().isEmpty();
        md.append("## Cost of the abstraction\n\n`baseline` calls SunJCE's `Cipher.update` directly; `sunjce` does the same "
                + "work through `ChunkedCipher`. A ratio of 1 means the abstraction costs nothing (target: within 3%).\n\n");
        md.append(grouped ? "| params " : "").append("| chunk | baseline MB/s | sunjce MB/s | sunjce / baseline | |\n")
                .append(grouped ? "|---" : "").append("|---:|---:|---:|---:|---|\n");
        for (AbstractionCost a : costs) {
            md.append("| ").append(a.group().isEmpty() ? "" : cell(a.group()) + " | ").append(Numbers.size(a.chunkSize())).append(" | ")
                    .append(mbps(a.baseline())).append(" | ").append(mbps(a.chunked())).append(" | ").append(ratio(a.ratio()))
                    .append(" | ").append(a.verdict()).append(" |\n");
        }
        md.append('\n');
    }

    private void byChunk(StringBuilder md) {
        boolean alloc = results.rows().stream().anyMatch(r -> !Double.isNaN(r.allocBytesPerOp()));
        boolean haveRef = findings.haveReference();
        md.append(RESULTS_SECTION).append("\n\nMB/s counts 10^6 bytes; ± is the half-width of JMH's 99.9% confidence interval; "
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
                if (listed == MAX_CHUNK_ROWS) {
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

    private void crossovers(StringBuilder md) {
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

    /** "1 thread(s)" from env.json; the counts themselves when the run swept several (env.json holds the first). */
    private String threadsText(Integer fromEnv) {
        TreeSet<Integer> counts = ScalingChart.threadCounts(results);
        if (counts.size() > 1) {
            return counts.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + " threads (one JMH run each)";
        }
        return or(fromEnv, "1") + " thread(s)";
    }

    static final String SCALING_SECTION = "## Thread scaling";

    /** Aggregate throughput by thread count, against the ideal; only when the run swept more than one. */
    private void scaling(StringBuilder md) {
        if (!ScalingChart.applies(results)) {
            return;
        }
        md.append(SCALING_SECTION).append("\n\n");
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
        if (drawn.contains(ScalingChart.NAME)) {
            md.append("![Thread scaling: share of linear, one panel per chunk size](").append(ScalingChart.NAME).append(".png)\n\n");
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

    /** A value as JsonNode.asText() wrote it: empty when absent. Raw: escape it with {@link #text} or {@link #cell}. */
    private static String str(Object v) {
        return v == null ? "" : v.toString();
    }

    /** A value from env.json as escaped inline text, or {@code absent} (ours, not escaped). */
    private static String or(Object v, String absent) {
        return v == null ? absent : text(v.toString());
    }

    /** Appended to the title of a run made under emulation, so that no copy of its first line loses that. */
    static final String EMULATED_TITLE = " (EMULATED: timings from qemu, not benchmark results)";

    /** The run was made inside the kernel VM ({@code CHUNKBENCH_IN_VM=1}, recorded as {@code emulated} in env.json). */
    static boolean emulated(EnvManifest env) {
        return env != null && isTrue(env.emulated());
    }

    private static boolean isTrue(Boolean b) {
        return b != null && b;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
