package org.chunkbench.compare;

import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

/**
 * One matched row ({@link Judge} says how it is decided). {@code ratio} is the Hodges-Lehmann estimate of
 * current / baseline on the per-fork medians, {@code low}..{@code high} its confidence interval (1 - alpha; NaN
 * when no estimate could be made, 0 or infinite when too few forks bound it); {@code pValue} is the Holm-adjusted
 * one-sided p-value in the direction of the estimate, NaN when no test could be run; {@code mde} the minimum
 * detectable effect at 90% power as a fraction (infinite when none is detectable); {@code forksNeeded} the forks
 * per side (pairs when {@code paired}) that would bring it to the largest useful one, 0 when it is there already
 * and -1 beyond any count; {@code reason} what else the reader should know.
 */
public record RowComparison(TrialKey key, Trial baseline, Trial current, double ratio, double pValue, double low,
        double high, double mde, int forksNeeded, int baselineForks, int currentForks, boolean paired, Verdict verdict,
        String reason) {

    public ScoreDirection direction() {
        return baseline.direction();
    }

    /** Change of the score in percent, signed as the score moved (+10 for ns/op means 10% more time). */
    public double changePercent() {
        return (ratio - 1) * 100;
    }
}
