package org.chunkbench.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.chunkbench.results.ResultsException;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

/** Everything a report needs: the judged rows (worst first), rows on one side only, environment differences. */
public record Comparison(RunResults baseline, RunResults current, Judge judge, List<RowComparison> rows,
        List<Trial> onlyInBaseline, List<Trial> onlyInCurrent, List<EnvDiff.Difference> envDifferences) {

    public static Comparison of(RunResults baseline, RunResults current, Judge judge) {
        List<Trial[]> pairs = new ArrayList<>();
        List<Trial> onlyBase = new ArrayList<>();
        for (Map.Entry<TrialKey, Trial> e : baseline.rows().entrySet()) {
            Trial cur = current.rows().get(e.getKey());
            if (cur == null) {
                onlyBase.add(e.getValue());
            } else if (!cur.unit().equals(e.getValue().unit())) {
                throw new ResultsException(e.getKey() + ": baseline is in " + e.getValue().unit()
                        + " but current is in " + cur.unit() + "; rerun one side with the same time unit");
            } else {
                pairs.add(new Trial[] {e.getValue(), cur});
            }
        }
        List<Trial> onlyCur = current.rows().values().stream()
                .filter(r -> !baseline.rows().containsKey(r.key())).toList();
        List<RowComparison> rows = new ArrayList<>(judge.judgeAll(pairs));
        // Stable sort: within a verdict, rows keep the order of the baseline run.
        rows.sort(Comparator.comparing(RowComparison::verdict));
        return new Comparison(baseline, current, judge, List.copyOf(rows), List.copyOf(onlyBase), onlyCur,
                EnvDiff.between(baseline.env(), current.env()));
    }

    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }

    public boolean hasRegression() {
        return count(Verdict.REGRESSION) > 0;
    }
}
