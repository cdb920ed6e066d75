package org.chunkbench.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.chunkbench.report.DataFiles.Ratio;
import org.chunkbench.report.Results.Row;
import org.chunkbench.report.Results.Series;

/** REPORT.md: GitHub-flavoured Markdown with relative image links, so the folder can be published as it is. */
final class Markdown {
    /** A result whose confidence interval is wider than this share of its score gets a warning line. */
    static final double NOISY = 0.10;
    /** The abstraction's target: ChunkedCipher over SunJCE within this of calling SunJCE directly. */
    static final double ABSTRACTION_TARGET = 0.03;

    private final Results results;
    private final JsonNode env;
    private final String reference;
    private final Path dir;
    private final List<String> drawn;
    private final String chartsMissing;
    private final List<String> warnings = new ArrayList<>();

    Markdown(Results results, JsonNode env, String reference, Path dir, List<String> drawn, String chartsMissing) {
        this.results = results;
        this.env = env;
        this.reference = reference;
        this.dir = dir;
        this.drawn = drawn;
        this.chartsMissing = chartsMissing;
        for (Series s : results.series()) {
            for (Row r : s.rows()) {
                double e = r.relativeError();
                if (Double.isNaN(e)) {
                    warnings.add(String.format(Locale.ROOT, "`%s` at %s: no confidence interval (%d sample%s); the score alone "
                            + "says nothing about its noise", s.label(), DataFiles.sizeLabel(r.chunkSize()), r.samples(),
                            r.samples() == 1 ? "" : "s"));
                } else if (e > NOISY) {
                    warnings.add(String.format(Locale.ROOT, "`%s` at %s: error ±%.1f%% of the score (over %.0f%%); rerun with "
                            + "more iterations or forks before trusting it", s.label(), DataFiles.sizeLabel(r.chunkSize()), e * 100,
                            NOISY * 100));
                }
            }
        }
    }

    List<String> warnings() {
        return warnings;
    }

    /** The params every series shares, for chart subtitles: "AES-128, encrypt, heap buffers, 1 thread". */
    static String subtitle(Results results, JsonNode env) {
        List<String> parts = new ArrayList<>();
        Row any = results.rows().get(0);
        List<String> varying = results.varying();
        if (!varying.contains("keyBits")) {
            parts.add("AES-" + any.dims().get("keyBits"));
        }
        if (!varying.contains("mode")) {
            parts.add(any.dims().get("mode") + " mode");
        }
        if (!varying.contains("op")) {
            parts.add(any.dims().get("op"));
        }
        if (!varying.contains("buffer")) {
            parts.add(any.dims().get("buffer") + " buffers");
        }
        if (!varying.contains("threads")) {
            parts.add(any.dims().get("threads") + (any.dims().get("threads").equals("1") ? " thread" : " threads"));
        }
        if (env != null) {
            parts.add(env.path("host").asText() + ", " + env.path("cpu").path("model").asText());
            if (env.path("emulated").asBoolean()) {
                parts.add("EMULATED, not a benchmark result");
            }
        }
        return String.join(", ", parts);
    }

    String render() {
        StringBuilder md = new StringBuilder();
        JsonNode run = env == null ? null : env.path("run");
        md.append("# AES-CTR by chunk size: ").append(env == null ? dir.getFileName() : env.path("host").asText());
        if (run != null && run.has("startedUtc")) {
            md.append(", ").append(run.path("startedUtc").asText());
        }
        md.append("\n\n");
        if (env != null && env.path("emulated").asBoolean()) {
            md.append("**This run was made under emulation (CHUNKBENCH_IN_VM=1). Its timings are not benchmark results: "
                    + "they show that the sweep works, not how fast anything is.**\n\n");
        }
        if (run != null && run.path("preset").asText().equals("smoke")) {
            md.append("**Smoke run: its iterations are far too short to measure anything; it checks that the sweep, the "
                    + "results folder and the report work.**\n\n");
        }
        if (env == null) {
            md.append("_env.json is missing from this folder, so the environment is unknown._\n\n");
        }
        runSummary(md, run);
        environment(md);
        charts(md);
        if (!warnings.isEmpty()) {
            md.append("## Warnings\n\n");
            for (String w : warnings) {
                md.append("- ⚠ ").append(w).append('\n');
            }
            md.append('\n');
        }
        abstractionCost(md);
        byChunk(md);
        crossovers(md);
        notes(md);
        return md.toString();
    }

    private void runSummary(StringBuilder md, JsonNode run) {
        if (run == null || run.isMissingNode()) {
            return;
        }
        JsonNode jmh = run.path("jmh");
        md.append("`").append(run.path("command").asText("chunkbench run")).append("`: ")
                .append(run.path("trialsCompleted").asInt(results.rows().size())).append(" of ")
                .append(run.path("trialsPlanned").asInt(results.rows().size())).append(" trials in ")
                .append(run.path("duration").asText("?")).append(" (").append(run.path("preset").asText("?"))
                .append(" preset). JMH ").append(jmh.path("version").asText("?")).append(": ")
                .append(jmh.path("forks").asText("?")).append(" fork(s), warmup ")
                .append(jmh.path("warmupIterations").asText("?")).append(" × ").append(jmh.path("warmupTime").asText("?"))
                .append(", measurement ").append(jmh.path("measurementIterations").asText("?")).append(" × ")
                .append(jmh.path("measurementTime").asText("?")).append(", ").append(jmh.path("threads").asText("1"))
                .append(" thread(s)");
        if (!jmh.path("rawOptions").asText("").isBlank()) {
            md.append(", raw JMH options `").append(jmh.path("rawOptions").asText()).append('`');
        }
        md.append(".\n\n");
        JsonNode un = run.path("unavailableBackends");
        if (un.size() > 0) {
            md.append("**Left out, unavailable here:**\n\n");
            for (JsonNode u : un) {
                md.append("- `").append(u.path("variant").asText()).append("`: ").append(u.path("reason").asText()).append('\n');
            }
            md.append('\n');
        }
        JsonNode failed = run.path("failedTrials");
        if (failed.size() > 0) {
            md.append("**Failed trials (not in the results):**\n\n");
            for (JsonNode f : failed) {
                md.append("- `").append(f.path("trial").asText()).append("`: ")
                        .append(f.path("message").asText().lines().findFirst().orElse("")).append('\n');
            }
            md.append('\n');
        }
    }

    private void environment(StringBuilder md) {
        if (env == null) {
            return;
        }
        md.append("## Environment\n\n| | |\n|---|---|\n");
        JsonNode cpu = env.path("cpu");
        List<String> flags = new ArrayList<>();
        cpu.path("cryptoFlags").forEach(f -> flags.add(f.asText()));
        row(md, "CPU", cpu.path("model").asText() + " (" + cpu.path("availableProcessors").asText() + " CPUs available to the JVM)");
        row(md, "CPU crypto flags", flags.isEmpty() ? "none of aes, vaes, avx512*" : String.join(" ", flags));
        JsonNode os = env.path("os");
        row(md, "Kernel", os.path("name").asText() + " " + os.path("kernelRelease").asText() + " " + os.path("arch").asText());
        JsonNode af = env.path("afAlg");
        row(md, "AF_ALG", af.path("available").asBoolean() ? "available" : "not available: " + af.path("reason").asText());
        List<String> details = new ArrayList<>();
        af.path("details").forEach(d -> details.add(d.asText()));
        if (!details.isEmpty()) {
            row(md, "kernel backend", String.join("; ", details));
        }
        List<String> drivers = new ArrayList<>();
        for (JsonNode d : af.path("ctrAesDrivers")) {
            drivers.add(d.path("driver").asText() + " (priority " + d.path("priority").asText() + ", " + d.path("module").asText() + ")");
        }
        JsonNode traits = af.path("kernelTraits");
        if (!traits.isMissingNode()) {
            row(md, "AF_ALG traits", "AF_ALG " + traits.path("afAlg").asText() + "; ALG_SET_KEY_BY_KEY_SERIAL "
                    + traits.path("keyBySerial").asText() + "; io=splice " + traits.path("zeroCopy").asText()
                    + " (" + traits.path("zeroCopyDetail").asText() + ")");
        }
        row(md, "ctr(aes) drivers", drivers.isEmpty() ? "none listed in /proc/crypto" : String.join("; ", drivers)
                + "; the first is what a plain bind to ctr(aes) gets");
        JsonNode jvm = env.path("jvm");
        row(md, "JVM", jvm.path("java.vm.name").asText() + " " + jvm.path("java.runtime.version").asText() + " ("
                + jvm.path("java.vendor").asText() + ")");
        List<String> aes = new ArrayList<>();
        jvm.path("aesFlags").fields().forEachRemaining(e -> aes.add(e.getKey() + "=" + e.getValue().asText()));
        row(md, "JVM AES flags", String.join(", ", aes));
        for (JsonNode b : env.path("backends")) {
            row(md, "Backend `" + b.path("name").asText() + "`", b.path("available").asBoolean() ? b.path("version").asText()
                    : "unavailable: " + b.path("reason").asText());
        }
        JsonNode git = env.path("git");
        row(md, "Source", "commit " + git.path("commit").asText("unknown") + (git.path("dirty").asBoolean() ? " (with uncommitted changes)" : ""));
        md.append('\n');
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|").replace("\n", " ")).append(" |\n");
    }

    private void charts(StringBuilder md) {
        md.append("## Charts\n\n");
        if (drawn.isEmpty()) {
            md.append("_Charts not drawn: ").append(chartsMissing).append(". Install gnuplot (`").append(Gnuplot.INSTALL_HINT)
                    .append("`), then draw them with `./chunkbench report ").append(dir).append("`._\n\n");
            return;
        }
        for (Report.Chart c : Report.CHARTS) {
            if (drawn.contains(c.name())) {
                String caption = c.name().equals("relative") ? "Throughput relative to " + reference : c.caption();
                md.append("![").append(caption).append("](").append(c.name()).append(".png)\n\n");
            }
        }
        md.append("SVG versions sit next to the PNGs. Error bars: JMH's 99.9% confidence interval.\n\n");
    }

    /** Groups of series that share every param but the backend: comparisons only make sense inside one. */
    private Map<String, List<Series>> groups() {
        Map<String, List<Series>> g = new LinkedHashMap<>();
        for (Series s : results.series()) {
            List<String> parts = new ArrayList<>();
            for (String d : results.varying()) {
                parts.add(d.equals("keyBits") ? "AES-" + s.dims().get(d) : d.equals("threads") ? s.dims().get(d) + " threads" : s.dims().get(d));
            }
            g.computeIfAbsent(String.join(", ", parts), k -> new ArrayList<>()).add(s);
        }
        return g;
    }

    private void abstractionCost(StringBuilder md) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<Series>> g : groups().entrySet()) {
            Series base = null;
            Series sun = null;
            for (Series s : g.getValue()) {
                if (s.backend().equals(Results.BASELINE)) {
                    base = s;
                } else if (s.backend().equals("sunjce")) {
                    sun = s;
                }
            }
            if (base == null || sun == null) {
                continue;
            }
            for (Row b : base.rows()) {
                Row c = sun.at(b.chunkSize());
                if (c == null) {
                    continue;
                }
                Ratio q = Ratio.of(c, b);
                String verdict = Math.abs(q.value() - 1) <= ABSTRACTION_TARGET ? "within 3%"
                        : Math.abs(q.value() - 1) <= q.error() ? "within the error" : q.value() > 1 ? "faster" : "**slower**";
                lines.add("| " + (g.getKey().isEmpty() ? "" : g.getKey() + " | ") + DataFiles.sizeLabel(b.chunkSize()) + " | "
                        + mbps(b) + " | " + mbps(c) + " | " + ratio(q) + " | " + verdict + " |");
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        boolean grouped = !results.varying().isEmpty();
        md.append("## Cost of the abstraction\n\n`baseline` calls SunJCE's `Cipher.update` directly; `sunjce` does the same "
                + "work through `ChunkedCipher`. A ratio of 1 means the abstraction costs nothing (target: within 3%).\n\n");
        md.append(grouped ? "| params " : "").append("| chunk | baseline MB/s | sunjce MB/s | sunjce / baseline | |\n")
                .append(grouped ? "|---" : "").append("|---:|---:|---:|---:|---|\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append('\n');
    }

    private void byChunk(StringBuilder md) {
        boolean alloc = results.rows().stream().anyMatch(r -> !Double.isNaN(r.allocBytesPerOp()));
        boolean haveRef = results.backends().contains(reference);
        md.append("## Results by chunk size\n\nMB/s counts 10^6 bytes; ± is the half-width of JMH's 99.9% confidence interval; "
                + "ns/chunk is the wall time one thread spends per chunk");
        if (haveRef) {
            md.append("; × ").append(reference).append(" is the throughput ratio to `").append(reference)
                    .append("` with the same params");
        }
        md.append(".\n\n");
        for (int chunk : results.chunkSizes()) {
            md.append("### ").append(DataFiles.sizeLabel(chunk)).append(chunk >= 1024 ? " (" + chunk + " bytes)" : "").append("\n\n");
            md.append("| series | MB/s | ± | ns/chunk |").append(haveRef ? " × " + reference + " |" : "")
                    .append(alloc ? " alloc B/chunk |" : "").append('\n');
            md.append("|---|---:|---:|---:|").append(haveRef ? "---:|" : "").append(alloc ? "---:|" : "").append('\n');
            for (Series s : results.series()) {
                Row r = s.at(chunk);
                if (r == null) {
                    continue;
                }
                md.append("| `").append(s.label()).append("` | ").append(mbps(r)).append(" | ")
                        .append(Double.isNaN(r.mbpsError()) ? "?" : fmt(r.mbpsError())).append(" | ").append(ns(r.nsPerChunk())).append(" |");
                if (haveRef) {
                    Series ref = results.counterpart(s, reference);
                    Row b = ref == null ? null : ref.at(chunk);
                    md.append(' ').append(b == null ? "–" : ratio(Ratio.of(r, b))).append(" |");
                }
                if (alloc) {
                    md.append(' ').append(Double.isNaN(r.allocBytesPerOp()) ? "–" : String.format(Locale.ROOT, "%.1f", r.allocBytesPerOp()))
                            .append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
    }

    private void crossovers(StringBuilder md) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, List<Series>> g : groups().entrySet()) {
            List<Series> ss = g.getValue();
            if (ss.size() < 2) {
                continue;
            }
            if (!g.getKey().isEmpty()) {
                body.append("**").append(g.getKey()).append("**\n\n");
            }
            body.append("| row ≥ column from |");
            ss.forEach(s -> body.append(" `").append(s.backend()).append("` |"));
            body.append("\n|---|");
            ss.forEach(s -> body.append("---|"));
            body.append('\n');
            for (Series a : ss) {
                body.append("| `").append(a.backend()).append("` |");
                for (Series b : ss) {
                    body.append(' ').append(a == b ? "" : crossover(a, b)).append(" |");
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
        return from.equals(common.get(0)) ? "always" : DataFiles.sizeLabel(from);
    }

    private void notes(StringBuilder md) {
        md.append("## Notes\n\n")
                .append("- One operation is one chunk through one cipher, in buffers allocated before timing; every trial first "
                        + "checks its backend's output for three chunks against SunJCE one-shot AES-CTR.\n")
                .append("- `stream`: the counter is carried from chunk to chunk; `per-chunk-iv`: each chunk comes with its "
                        + "counter block (advanced in place, as a record protocol would send it).\n")
                .append("- `baseline` is SunJCE's `Cipher.update` without `ChunkedCipher` (with direct buffers it uses the "
                        + "JCA's ByteBuffer API, which copies through temporary arrays).\n")
                .append("- Raw data: `jmh.json` (untouched JMH output), `env.json`, `data/summary.tsv`. Redraw with "
                        + "`./chunkbench report DIR`, or by hand: `gnuplot -c plots/throughput.gp data throughput` in this folder.\n");
    }

    private static String mbps(Row r) {
        return fmt(r.mbps());
    }

    private static String fmt(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String ns(double v) {
        return fmt(v);
    }

    private static String ratio(Ratio q) {
        return String.format(Locale.ROOT, "%.2f ± %.2f", q.value(), q.error());
    }
}
