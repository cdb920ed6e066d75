package org.chunkbench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.report.MarkdownText;
import org.chunkbench.results.Json;
import org.chunkbench.results.Numbers;
import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

/** Renders a {@link Comparison} as Markdown (job summaries, pull-request comments) or JSON (machines). */
public final class ComparisonReport {
    private ComparisonReport() {
    }

    public static String markdown(Comparison c) {
        StringBuilder sb = new StringBuilder();
        long regressions = c.count(Verdict.REGRESSION);
        sb.append("## chunkbench compare: ")
                .append(regressions == 0 ? "no regression" : regressions + (regressions == 1 ? " regression" : " regressions"))
                .append("\n\n");
        sb.append("Baseline ").append(MarkdownText.code(c.baseline().label())).append(", current ")
                .append(MarkdownText.code(c.current().label())).append(". ").append(method(c.judge())).append("\n\n");
        if (!c.envDifferences().isEmpty()) {
            sb.append("> **The environments differ, so this comparison measures the machine as well as the code:**\n");
            for (EnvDiff.Difference d : c.envDifferences()) {
                sb.append("> - ").append(MarkdownText.code(d.key())).append(": ").append(cell(d.baseline())).append(" \u2192 ")
                        .append(cell(d.current())).append("\n");
            }
            sb.append("\n");
        }
        List<String> warnings = new ArrayList<>(c.baseline().warnings());
        warnings.addAll(c.current().warnings());
        long singleFork = c.rows().stream().filter(r -> r.baselineForks() < 2 || r.currentForks() < 2).count();
        if (singleFork > 0) {
            warnings.add(singleFork + " of " + c.rows().size() + " rows have a single fork on a side: the fork is the unit, "
                    + "so they can only be too noisy. Pool runs (compare base-1,base-2 head-1,head-2), run more forks, or use gate");
        }
        for (String w : warnings) {
            sb.append("> Note: ").append(cell(w)).append("\n");
        }
        if (!warnings.isEmpty()) {
            sb.append("\n");
        }
        List<String> counts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            long n = c.count(v);
            String s = n + " " + v.text() + (v == Verdict.REGRESSION && n != 1 ? "s" : "");
            counts.add(v == Verdict.REGRESSION && n > 0 ? "**" + s + "**" : s);
        }
        counts.add(c.onlyInBaseline().size() + " only in baseline");
        counts.add(c.onlyInCurrent().size() + " only in current");
        sb.append(String.join(" \u00b7 ", counts)).append("\n\n");

        if (!c.rows().isEmpty()) {
            sb.append("| Verdict | Benchmark | Params | Baseline | Current | Change | p (Holm) | MDE | Forks | Note |\n");
            sb.append("|---|---|---|--:|--:|--:|--:|--:|--:|---|\n");
            for (RowComparison r : c.rows()) {
                String v = r.verdict() == Verdict.REGRESSION ? "**" + r.verdict().text() + "**" : r.verdict().text();
                sb.append("| ").append(v)
                        .append(" | ").append(cell(r.key().shortBenchmark())).append(modeSuffix(r.key()))
                        .append(" | ").append(cell(r.key().paramsText()))
                        .append(" | ").append(score(r.baseline()))
                        .append(" | ").append(score(r.current()))
                        .append(" | ").append(String.format(Locale.ROOT, "%+.1f%%", r.changePercent()))
                        .append(" | ").append(Numbers.pValue(r.pValue()))
                        .append(" | ").append(mde(r.mde()))
                        .append(" | ").append(r.paired() ? r.baselineForks() + " pairs" : r.baselineForks() + " / " + r.currentForks())
                        .append(" | ").append(cell(r.reason())).append(" |\n");
            }
            sb.append("\n");
        }
        oneSide(sb, "Only in baseline", c.onlyInBaseline());
        oneSide(sb, "Only in current", c.onlyInCurrent());
        sb.append("Change is the score's own change (Hodges-Lehmann on the per-fork medians): for time per operation (ns/op) "
                + "+10% means 10% slower. MDE: the smallest change this row could detect with 90% power.\n");
        return sb.toString();
    }

    private static void oneSide(StringBuilder sb, String title, List<Trial> rows) {
        if (rows.isEmpty()) {
            return;
        }
        sb.append("### ").append(title).append(" (").append(rows.size()).append(")\n\n");
        sb.append("| Benchmark | Params | Score |\n|---|---|--:|\n");
        for (Trial r : rows) {
            sb.append("| ").append(cell(r.key().shortBenchmark())).append(modeSuffix(r.key()))
                    .append(" | ").append(cell(r.key().paramsText())).append(" | ").append(score(r)).append(" |\n");
        }
        sb.append("\n");
    }

    private static String modeSuffix(TrialKey k) {
        return " (" + k.jmhMode() + ")";
    }

    public static ObjectNode json(Comparison c) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("baseline", c.baseline().label());
        root.put("current", c.current().label());
        ObjectNode settings = root.putObject("settings");
        settings.put("threshold", c.judge().threshold());
        settings.put("alpha", c.judge().alpha());
        settings.put("maxMde", c.judge().maxMde());
        settings.put("paired", c.judge().paired());
        settings.put("test", method(c.judge()));
        ObjectNode summary = root.putObject("summary");
        for (Verdict v : Verdict.values()) {
            summary.put(v.text(), c.count(v));
        }
        summary.put("only in baseline", c.onlyInBaseline().size());
        summary.put("only in current", c.onlyInCurrent().size());
        ArrayNode env = root.putArray("environmentDifferences");
        for (EnvDiff.Difference d : c.envDifferences()) {
            env.addObject().put("key", d.key()).put("baseline", d.baseline()).put("current", d.current());
        }
        ArrayNode warnings = root.putArray("warnings");
        c.baseline().warnings().forEach(warnings::add);
        c.current().warnings().forEach(warnings::add);
        ArrayNode rows = root.putArray("rows");
        for (RowComparison r : c.rows()) {
            ObjectNode o = rows.addObject();
            key(o, r.key());
            o.put("unit", r.baseline().unit());
            o.put("higherIsBetter", r.direction() == ScoreDirection.HIGHER_IS_BETTER);
            side(o.putObject("baseline"), r.baseline());
            side(o.putObject("current"), r.current());
            o.put("ratio", r.ratio());
            o.put("changePercent", r.changePercent());
            putNumber(o, "pValue", r.pValue());
            putNumber(o, "low", r.low());
            putNumber(o, "high", r.high());
            putNumber(o, "mde", r.mde());
            o.put("forksNeeded", r.forksNeeded());
            o.put("paired", r.paired());
            o.put("verdict", r.verdict().text());
            o.put("reason", r.reason());
        }
        ArrayNode ob = root.putArray("onlyInBaseline");
        c.onlyInBaseline().forEach(r -> side(key(ob.addObject(), r.key()), r));
        ArrayNode oc = root.putArray("onlyInCurrent");
        c.onlyInCurrent().forEach(r -> side(key(oc.addObject(), r.key()), r));
        return root;
    }

    private static ObjectNode key(ObjectNode o, TrialKey k) {
        o.put("benchmark", k.benchmark());
        o.put("mode", k.jmhMode());
        ObjectNode p = o.putObject("params");
        k.params().forEach(p::put);
        return o;
    }

    private static void side(ObjectNode o, Trial r) {
        o.put("score", r.score());
        putNumber(o, "error", r.error());
        o.put("unit", r.unit());
        o.put("samples", r.sampleCount());
        o.put("forks", r.forkMeans().length);
        putNumber(o, "forkSpread", r.forkSpread());
        putNumber(o, "withinForkScatter", r.withinForkScatter());
    }

    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    /** The statistics in one paragraph, for the report's head and the JSON settings. */
    static String method(Judge j) {
        return "Unit: the fork (median of its iterations). Change: Hodges-Lehmann estimate of current / baseline"
                + (j.paired() ? " (paired by position where the fork counts match)" : "") + " with its "
                + Numbers.setting((1 - j.alpha()) * 100) + "% rank-test interval. Regression: worse by more than "
                + Numbers.setting(j.threshold() * 100) + "% and one-sided rank-test p < " + Numbers.setting(j.alpha())
                + " after Holm's correction across all rows. Unchanged \"within \u00b1x%\" when the whole interval lies inside \u00b1"
                + Numbers.setting(j.threshold() * 100) + "%. Too noisy: the row could not detect "
                + Numbers.setting(j.maxMde() * 100) + "% with 90% power.";
    }

    private static String mde(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v * 100) : "\u221e";
    }

    static String score(Trial r) {
        return Numbers.compact(r.score()) + (Double.isFinite(r.error()) ? " \u00b1 " + Numbers.compact(r.error()) : " \u00b1 ?") + " " + r.unit();
    }

    /** Text from the runs: the one Markdown escaping of report and compare, {@link MarkdownText#cell}. */
    private static String cell(String s) {
        return MarkdownText.cell(s);
    }
}
