package org.chunkbench.backends;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A backend variant as spelled on the command line and in results: {@code name} or
 * {@code name[key=value,key=value]}, for example {@code kernel[driver=ctr(aes-generic),io=splice]}. Values may
 * contain parentheses but not commas, brackets or equals signs.
 */
public record BackendSpec(String name, Map<String, String> options) {
    public BackendSpec {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static BackendSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("backend name is empty");
        }
        String s = text.strip();
        int open = s.indexOf('[');
        if (open < 0) {
            if (s.indexOf(']') >= 0) {
                throw new IllegalArgumentException("backend '" + text + "': ']' without '['");
            }
            return new BackendSpec(s, Map.of());
        }
        if (!s.endsWith("]")) {
            throw new IllegalArgumentException("backend '" + text + "': options must end with ']', as in name[key=value,key=value]");
        }
        String name = s.substring(0, open).strip();
        String body = s.substring(open + 1, s.length() - 1);
        Map<String, String> options = new LinkedHashMap<>();
        if (!body.isBlank()) {
            for (String part : body.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0 || eq == part.length() - 1) {
                    throw new IllegalArgumentException("backend '" + text + "': option '" + part
                            + "' is not key=value");
                }
                String key = part.substring(0, eq).strip();
                if (options.put(key, part.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException("backend '" + text + "': option '" + key + "' given twice");
                }
            }
        }
        return new BackendSpec(name, options);
    }

    @Override
    public String toString() {
        if (options.isEmpty()) {
            return name;
        }
        return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", name + "[", "]"));
    }
}
