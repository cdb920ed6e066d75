package org.chunkbench.compare;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;

import org.chunkbench.results.Json;
import org.chunkbench.results.Numbers;
import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

/**
 * Feeds dashboards that already exist. github-action-benchmark's own JMH parser treats every JMH score as
 * smaller-is-better, so throughput regressions look like improvements there; its custom formats carry the
 * direction explicitly, one direction per file.
 */
public final class GithubActionBenchmark {
    public static final String FORMAT = "github-action-benchmark";

    private GithubActionBenchmark() {
    }

    /** The tool name the action's workflow must give for a file of this direction. */
    public static String tool(ScoreDirection dir) {
        return dir == ScoreDirection.HIGHER_IS_BETTER ? "customBiggerIsBetter" : "customSmallerIsBetter";
    }

    /** The direction to export: {@code wanted}, or the only one the run has. */
    public static ScoreDirection direction(String run, List<Trial> rows, ScoreDirection wanted) {
        long bigger = rows.stream().filter(r -> r.direction() == ScoreDirection.HIGHER_IS_BETTER).count();
        long smaller = rows.size() - bigger;
        if (wanted == null && bigger > 0 && smaller > 0) {
            throw new SelectionException(run + " has " + bigger + " higher-is-better and " + smaller
                    + " lower-is-better rows, and github-action-benchmark takes one direction per file: export twice, "
                    + "with --only bigger (tool: customBiggerIsBetter) and --only smaller (tool: customSmallerIsBetter)");
        }
        return wanted != null ? wanted : bigger > 0 ? ScoreDirection.HIGHER_IS_BETTER : ScoreDirection.LOWER_IS_BETTER;
    }

    public static ArrayNode export(String run, List<Trial> rows, ScoreDirection dir) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (Trial r : rows) {
            if (r.direction() != dir) {
                continue;
            }
            TrialKey k = r.key();
            array.addObject()
                    .put("name", k.shortBenchmark() + " (" + k.jmhMode() + ")" + (k.params().isEmpty() ? "" : " " + k.paramsText()))
                    .put("unit", r.unit())
                    .put("value", r.score())
                    .put("range", Double.isFinite(r.error()) ? "\u00b1 " + Numbers.significant4(r.error()) : "")
                    .put("extra", String.format(Locale.ROOT, "%d forks, %d samples, 99.9%% CI; %s",
                            r.forkMeans().length, r.sampleCount(), k.benchmark()));
        }
        if (array.isEmpty()) {
            throw new SelectionException(run + " has no " + (dir == ScoreDirection.HIGHER_IS_BETTER ? "higher" : "lower")
                    + "-is-better rows to export");
        }
        return array;
    }
}
