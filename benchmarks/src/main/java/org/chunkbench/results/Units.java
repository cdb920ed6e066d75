package org.chunkbench.results;

import java.util.Locale;
import java.util.Map;

/**
 * The score units JMH writes, in one table: how many of each time unit make a second, whether a score in a unit is
 * better higher or lower, and a score in {@code ops/time} or {@code time/op} as operations per second. The results
 * model ({@link Trial#direction()}), compare and the report all read units here.
 */
public final class Units {
    /** How many of each time unit make a second (names as JMH and people write them, matched in lower case). */
    private static final Map<String, Double> PER_SECOND = Map.ofEntries(
            Map.entry("ns", 1e9), Map.entry("us", 1e6), Map.entry("\u00b5s", 1e6), Map.entry("ms", 1e3),
            Map.entry("s", 1.0), Map.entry("sec", 1.0), Map.entry("min", 1.0 / 60), Map.entry("m", 1.0 / 60),
            Map.entry("h", 1.0 / 3600), Map.entry("hr", 1.0 / 3600), Map.entry("d", 1.0 / 86400), Map.entry("day", 1.0 / 86400));

    private static final String OPS_PER = "ops/";
    private static final String PER_OP = "/op";

    private Units() {
    }

    /** Whether {@code name} is a time unit of the table. */
    public static boolean isTime(String name) {
        return PER_SECOND.containsKey(name.strip().toLowerCase(Locale.ROOT));
    }

    /** How many of {@code timeUnit} make a second; IllegalArgumentException, naming {@code unit}, when it is not a time unit. */
    public static double perSecond(String timeUnit, String unit) {
        Double f = PER_SECOND.get(timeUnit.strip().toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException("unknown JMH unit " + unit);
        }
        return f;
    }

    /** Seconds in one {@code timeUnit}. */
    public static double seconds(String timeUnit, String unit) {
        return 1 / perSecond(timeUnit, unit);
    }

    /**
     * {@code ops/s}, {@code MB/s}: something per unit of time, higher is better. {@code ns/op}, {@code s/op}: time
     * per something, lower is better. Anything else (for example {@code B/op}) has no direction we can assume, and
     * guessing wrong would turn every improvement into a regression, so it is refused (IllegalArgumentException).
     */
    public static ScoreDirection direction(String unit) {
        if (unit == null) {
            throw new IllegalArgumentException("score unit is missing");
        }
        String u = unit.strip();
        int slash = u.indexOf('/');
        if (slash > 0 && slash < u.length() - 1) {
            boolean numTime = isTime(u.substring(0, slash));
            boolean denTime = isTime(u.substring(slash + 1));
            if (denTime && !numTime) {
                return ScoreDirection.HIGHER_IS_BETTER;
            }
            if (numTime && !denTime) {
                return ScoreDirection.LOWER_IS_BETTER;
            }
        }
        throw new IllegalArgumentException("score unit '" + unit + "' is neither something per time (ops/s, MB/s) "
                + "nor time per something (ns/op); cannot tell whether higher is better");
    }

    /** Whether {@code unit} is time per operation ({@code ns/op}), whose scores turn into operations per second inverted. */
    public static boolean isTimePerOp(String unit) {
        return unit.endsWith(PER_OP);
    }

    /**
     * A score in {@code ops/time} or {@code time/op} as operations per second; IllegalArgumentException for any other
     * unit (a throughput in bytes, an allocation) or an unknown time unit.
     */
    public static double opsPerSecond(double score, String unit) {
        if (unit.startsWith(OPS_PER)) {
            return score * perSecond(unit.substring(OPS_PER.length()), unit);
        }
        if (isTimePerOp(unit)) {
            return 1 / (score * seconds(unit.substring(0, unit.length() - PER_OP.length()), unit));
        }
        throw new IllegalArgumentException("unit " + unit + " is neither ops/time nor time/op");
    }
}
