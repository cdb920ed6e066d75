package org.chunkbench.compare;

import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

/**
 * One matched row. {@code ratio} is current score / baseline score; {@code pValue} is NaN when no test could be
 * run; {@code reason} says why a row is too noisy (or what else the reader should know), empty otherwise.
 */
public record RowComparison(TrialKey key, Trial baseline, Trial current, double ratio, double pValue,
        Verdict verdict, String reason) {

    public ScoreDirection direction() {
        return baseline.direction();
    }

    /** Change of the score in percent, signed as the score moved (+10 for ns/op means 10% more time). */
    public double changePercent() {
        return (ratio - 1) * 100;
    }
}
