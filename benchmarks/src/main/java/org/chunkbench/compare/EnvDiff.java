package org.chunkbench.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Differences between two environments that make a comparison measure the machine rather than the code. Only
 * fields both sides have are compared: env.json is written by another command and may grow or shrink.
 */
public final class EnvDiff {
    /** CPU, kernel, JDK/JVM, crypto drivers, providers and libraries, and what JMH ran with. */
    private static final Pattern RELEVANT = Pattern.compile(
            "(?i).*(emulated|cpu|model|flags|core|kernel|os\\.|jdk|java|jvm|vm|intrinsic|af_?alg|crypto|driver|backend|provider"
                    + "|librar|version|jmh).*");
    /**
     * Fields that differ between any two runs by design (the commit under test is the point of the comparison),
     * matched against each dot-separated segment of the key.
     */
    private static final Pattern EXPECTED_TO_DIFFER = Pattern.compile(
            "(?i)(git.*|commit|dirty|branch|date|time|timestamp|started.*|finished.*|host|hostname|duration.*"
                    + "|elapsed.*|uptime|loadavg|load|path|dir|out|outdir|results.*|command.*|pid|user)");

    private EnvDiff() {
    }

    public record Difference(String key, String baseline, String current) {
    }

    static boolean isRelevant(String key) {
        if (!RELEVANT.matcher(key).matches()) {
            return false;
        }
        for (String segment : key.split("[.\\[\\]]")) {
            if (EXPECTED_TO_DIFFER.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    public static List<Difference> between(Map<String, String> baseline, Map<String, String> current) {
        List<Difference> out = new ArrayList<>();
        for (Map.Entry<String, String> e : baseline.entrySet()) {
            String other = current.get(e.getKey());
            if (other != null && !other.equals(e.getValue()) && isRelevant(e.getKey())) {
                out.add(new Difference(e.getKey(), e.getValue(), other));
            }
        }
        return out;
    }
}
