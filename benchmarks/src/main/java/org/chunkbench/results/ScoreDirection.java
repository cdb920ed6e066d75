package org.chunkbench.results;

/** Whether a bigger score is better, read from the score unit the way JMH writes it. */
public enum ScoreDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /** The direction of a score in {@code unit}, as {@link Units#direction} tells it. */
    public static ScoreDirection ofUnit(String unit) {
        return Units.direction(unit);
    }

    public boolean isWorse(double baseline, double current) {
        return this == HIGHER_IS_BETTER ? current < baseline : current > baseline;
    }
}
