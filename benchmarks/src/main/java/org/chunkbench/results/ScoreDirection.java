package org.chunkbench.results;

import java.util.Locale;
import java.util.Set;

/** Whether a bigger score is better, read from the score unit the way JMH writes it. */
public enum ScoreDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    private static final Set<String> TIME_UNITS = Set.of(
            "ns", "us", "\u00b5s", "ms", "s", "sec", "min", "m", "h", "hr", "d", "day");

    /**
     * {@code ops/s}, {@code MB/s}: something per unit of time, higher is better. {@code ns/op}, {@code s/op}: time
     * per something, lower is better. Anything else (for example {@code B/op}) has no direction we can assume, and
     * guessing wrong would turn every improvement into a regression, so it is refused.
     */
    public static ScoreDirection ofUnit(String unit) {
        if (unit == null) {
            throw new IllegalArgumentException("score unit is missing");
        }
        String u = unit.strip();
        int slash = u.indexOf('/');
        if (slash > 0 && slash < u.length() - 1) {
            String num = u.substring(0, slash).strip().toLowerCase(Locale.ROOT);
            String den = u.substring(slash + 1).strip().toLowerCase(Locale.ROOT);
            boolean numTime = TIME_UNITS.contains(num);
            boolean denTime = TIME_UNITS.contains(den);
            if (denTime && !numTime) {
                return HIGHER_IS_BETTER;
            }
            if (numTime && !denTime) {
                return LOWER_IS_BETTER;
            }
        }
        throw new IllegalArgumentException("score unit '" + unit + "' is neither something per time (ops/s, MB/s) "
                + "nor time per something (ns/op); cannot tell whether higher is better");
    }

    public boolean isWorse(double baseline, double current) {
        return this == HIGHER_IS_BETTER ? current < baseline : current > baseline;
    }
}
