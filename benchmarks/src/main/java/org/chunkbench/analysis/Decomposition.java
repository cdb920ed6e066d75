package org.chunkbench.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.chunkbench.results.RowKinds;

/**
 * "Where the time goes": a native backend's ns per chunk split into the parts its controls measure, per chunk
 * size. Pure arithmetic over {@link Measurement}s; it knows nothing of JMH, files or the command line.
 * {@link #ARITHMETIC} states it in full and is what the report prints under the table.
 */
public final class Decomposition {
    /** The components, in the order they stack (bottom first). */
    public static final List<String> COMPONENTS = List.of("harness", "binding", "copies", "path", "cipher");

    /** The null-cipher controls as {@link #arithmetic} names them. */
    static final String NULL_CONTROLS = "openssl-null[binding=...], kernel-null[binding=...,io=...]";
    /** The same, as a folder written before the controls were renamed spells them (its report reads as it did). */
    static final String NULL_CONTROLS_BEFORE_RENAME = "openssl[binding=...,cipher=null], kernel[binding=...,driver=ecb(cipher_null),io=...]";

    /**
     * The arithmetic, in words, for under the table. One place: change it together with {@link #of}. The null-cipher
     * controls are named as the folder spells them: {@code renamedControls} for one that holds their old spellings
     * ({@link RowKinds#renamed}).
     */
    public static String arithmetic(boolean renamedControls) {
        return ARITHMETIC.replace(NULL_CONTROLS, renamedControls ? NULL_CONTROLS_BEFORE_RENAME : NULL_CONTROLS);
    }

    private static final String ARITHMETIC = String.join("\n",
            "Each component is a sum of measured series with fixed coefficients, all at the same chunk size:",
            "- harness = none (a ChunkedCipher that does nothing: benchmark loop, interface call and checks, paid once per chunk by every series)",
            "- binding = k x (call - none), where call is one no-op native call through the backend's binding and k the backend's native calls per chunk",
            "- copies = copy - none (heap buffer to native memory and back through the backends' staging); exactly 0 for a path without staging",
            "- path = null - none - binding - copies, where null is the backend's own path with a null cipher through the same binding (" + NULL_CONTROLS + "): system calls and the kernel's AF_ALG code for kernel, OpenSSL's EVP code outside AES for openssl",
            "- cipher = backend - null: AES itself",
            "The five add up to the backend's own ns per chunk. Share = component / backend.",
            "Error: each series' JMH error (99.9% half-width) is taken as independent, so a component's error is the root-sum-square of "
                    + "coefficient x error over its series (binding: k x sqrt(e_call^2 + e_none^2)); a share's error is the component's error / backend.",
            "A component below zero is noise or an interaction (the controls run the same code in a different context) and is shown with its sign and error, never clipped.",
            "A component whose series is missing at that chunk size is shown as not measured, with the missing series named; nothing is interpolated.");

    private Decomposition() {
    }

    /** One component at one chunk size: a value with error, or the reason it could not be measured. */
    public record Component(String name, String label, Optional<Quantity> value, Optional<Quantity> share, String notMeasured) {
        public boolean measured() {
            return value.isPresent();
        }
    }

    /** A backend at one chunk size: its own total and its components in {@link #COMPONENTS} order. */
    public record Row(String backend, int chunkBytes, long callsPerChunk, Quantity total, List<Component> components) {
        public Component component(String name) {
            return components.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * The decomposition of {@code path.backend()} at every chunk size where the backend itself was measured, in
     * increasing chunk size. The measurements may hold any other series; each (series, chunk size) must be unique.
     */
    public static List<Row> of(NativePath path, Collection<Measurement> measurements) {
        return of(path, measurements, Map.of());
    }

    /**
     * As {@link #of(NativePath, Collection)}, with the known reason a series is missing (for example
     * {@code kernel-null[binding=jna,io=copy]} -> "AF_ALG: socket failed with EAFNOSUPPORT"), which then
     * appears in the components that needed it.
     */
    public static List<Row> of(NativePath path, Collection<Measurement> measurements, Map<String, String> whyMissing) {
        Map<String, Measurement> byKey = new HashMap<>();
        TreeSet<Integer> chunks = new TreeSet<>();
        Map<String, String> why = new HashMap<>();
        whyMissing.forEach((series, reason) -> why.putIfAbsent(spelled(series), reason));
        for (Measurement m : measurements) {
            if (byKey.put(key(spelled(m.series()), m.chunkBytes()), m) != null) {
                throw new IllegalArgumentException("two results for " + m.series() + " at " + m.chunkBytes() + " B");
            }
            if (m.series().equals(path.backend())) {
                chunks.add(m.chunkBytes());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int chunk : chunks) {
            rows.add(row(path, chunk, byKey, why));
        }
        return rows;
    }

    /**
     * A control's series as spelled today ({@link RowKinds#spelledToday}), so that results written before the
     * null-cipher controls were renamed, or before the native controls spelled their binding, still match:
     * {@code openssl[cipher=null]} is {@code openssl-null[binding=jna]}, {@code kernel[driver=ecb(cipher_null),io=copy]}
     * is {@code kernel-null[binding=jna,io=copy]}. Anything else is left as it is.
     */
    static String spelled(String series) {
        return RowKinds.spelledToday(series);
    }

    private static Row row(NativePath path, int chunk, Map<String, Measurement> byKey, Map<String, String> why) {
        Measurement total = byKey.get(key(path.backend(), chunk));
        long k = path.callsPerChunk().applyAsLong(chunk);
        Map<String, Double> harness = Map.of(path.harness(), 1.0);
        Map<String, Double> binding = new LinkedHashMap<>();
        binding.put(path.call(), (double) k);
        binding.merge(path.harness(), (double) -k, Double::sum);
        Map<String, Double> copies = new LinkedHashMap<>();
        path.copy().ifPresent(c -> {
            copies.put(c, 1.0);
            copies.put(path.harness(), -1.0);
        });
        // path = null - none - binding - copies
        Map<String, Double> rest = new LinkedHashMap<>();
        rest.put(path.nullPath(), 1.0);
        add(rest, harness, -1);
        add(rest, binding, -1);
        add(rest, copies, -1);
        Map<String, Double> cipher = new LinkedHashMap<>();
        cipher.put(path.backend(), 1.0);
        cipher.put(path.nullPath(), -1.0);

        List<Component> components = new ArrayList<>();
        components.add(component("harness", "harness", harness, chunk, byKey, why, total));
        components.add(component("binding", "binding (" + k + " call" + (k == 1 ? "" : "s") + ")", binding, chunk, byKey, why, total));
        components.add(component("copies", path.copy().isPresent() ? "copies" : "copies (none on this path)", copies, chunk, byKey, why, total));
        components.add(component("path", path.pathLabel(), rest, chunk, byKey, why, total));
        components.add(component("cipher", "cipher", cipher, chunk, byKey, why, total));
        return new Row(path.backend(), chunk, k, new Quantity(total.nsPerChunk(), total.error()), List.copyOf(components));
    }

    private static void add(Map<String, Double> into, Map<String, Double> terms, double sign) {
        terms.forEach((series, c) -> into.merge(series, sign * c, Double::sum));
    }

    private static Component component(String name, String label, Map<String, Double> terms, int chunk,
            Map<String, Measurement> byKey, Map<String, String> why, Measurement total) {
        List<String> missing = new ArrayList<>();
        double value = 0;
        double variance = 0;
        for (Map.Entry<String, Double> t : terms.entrySet()) {
            double c = t.getValue();
            if (c == 0) {
                continue; // cancelled out (for example k = 0 calls)
            }
            Measurement m = byKey.get(key(t.getKey(), chunk));
            if (m == null) {
                missing.add(t.getKey() + (why.containsKey(t.getKey()) ? " (" + why.get(t.getKey()) + ")" : ""));
                continue;
            }
            value += c * m.nsPerChunk();
            variance += (c * m.error()) * (c * m.error());
        }
        if (!missing.isEmpty()) {
            return new Component(name, label, Optional.empty(), Optional.empty(),
                    "not measured: no result for " + String.join("; ", missing) + " at " + chunk + " B");
        }
        Quantity q = new Quantity(value, Math.sqrt(variance));
        return new Component(name, label, Optional.of(q), Optional.of(q.shareOf(total.nsPerChunk())), "");
    }

    private static String key(String series, int chunk) {
        return chunk + " " + series;
    }
}
