package org.chunkbench.backends.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;

/**
 * A control: a {@link Backend} that opens {@link ChunkedCipher}s which do part of what a native backend does per
 * chunk (a native call, the staging copies, the system calls, the whole path with a null cipher), so the
 * benchmark times it exactly like a backend. Its output is not ciphertext. Controls live in {@link Controls},
 * never in {@code Backends}, so they stay out of the backend table and the default sweep.
 *
 * <p>Every option has a fixed set of values, the first being the default; a control's name in results spells
 * every option, for example {@code call[binding=jna]}, so results stay comparable when defaults change.
 */
public final class Control implements Backend {
    /** Opens a cipher of the resolved variant; {@code spelled} is its name in results. */
    interface Opener {
        ChunkedCipher open(String spelled, CipherSpec spec, Map<String, String> options);
    }

    private final String name;
    private final String description;
    private final String measures;
    private final Map<String, List<String>> options;
    private final Function<Map<String, String>, Availability> availability;
    private final Supplier<String> version;
    private final Opener opener;
    private final String aliasName;
    private final Map<String, String> aliasMarker;

    Control(String name, String description, String measures, Map<String, List<String>> options,
            Function<Map<String, String>, Availability> availability, Supplier<String> version, Opener opener) {
        this(name, description, measures, options, null, Map.of(), availability, version, opener);
    }

    /**
     * A control renamed from a backend's name: {@code aliasName} with the option values {@code aliasMarker} is how it
     * was spelled before ({@code openssl} with {@code cipher=null} for {@code openssl-null}), still accepted
     * ({@link #unalias}).
     */
    Control(String name, String description, String measures, Map<String, List<String>> options, String aliasName,
            Map<String, String> aliasMarker, Function<Map<String, String>, Availability> availability,
            Supplier<String> version, Opener opener) {
        this.name = name;
        this.aliasName = aliasName;
        this.aliasMarker = Map.copyOf(aliasMarker);
        this.description = description;
        this.measures = measures;
        this.options = new LinkedHashMap<>(options);
        this.availability = availability;
        this.version = version;
        this.opener = opener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    /** The component of a native backend's cost this control measures, in a few words. */
    public String measures() {
        return measures;
    }

    /**
     * The options of this control when {@code old} is its old spelling (its old name with the marker options, for
     * example {@code kernel[binding=ffm,driver=ecb(cipher_null),io=splice]} for {@code kernel-null}), the marker left
     * out; null when it is not.
     */
    public Map<String, String> unalias(BackendSpec old) {
        if (aliasName == null || !aliasName.equals(old.name()) || !old.options().entrySet().containsAll(aliasMarker.entrySet())) {
            return null;
        }
        Map<String, String> rest = new LinkedHashMap<>(old.options());
        rest.keySet().removeAll(aliasMarker.keySet());
        return rest;
    }

    @Override
    public Set<String> optionNames() {
        return options.keySet();
    }

    /** The allowed values of an option, its default first. */
    public List<String> values(String option) {
        return List.copyOf(options.get(option));
    }

    /** Availability of the default variant. */
    @Override
    public Availability availability() {
        return availability.apply(resolve(Map.of()));
    }

    /** Availability of one variant (for example {@code binding=ffm} may be unavailable where {@code jna} works). */
    public Availability availability(Map<String, String> given) {
        return availability.apply(resolve(given));
    }

    @Override
    public String version() {
        return availability().available() ? version.get() : "-";
    }

    /** Every option with its value, defaults filled in, in declaration order; unknown options or values fail. */
    public Map<String, String> resolve(Map<String, String> given) {
        for (String key : given.keySet()) {
            if (!options.containsKey(key)) {
                throw new IllegalArgumentException("control " + name + " has no option '" + key + "'; "
                        + (options.isEmpty() ? "it takes no options" : "its options: " + String.join(", ", options.keySet())));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : options.entrySet()) {
            String v = given.getOrDefault(e.getKey(), e.getValue().get(0));
            if (!e.getValue().contains(v)) {
                throw new IllegalArgumentException("control " + name + ": " + e.getKey() + "='" + v + "' is unknown; allowed: "
                        + String.join(", ", e.getValue()));
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    /** The variant as spelled in results, every option explicit. */
    public String spell(Map<String, String> given) {
        return new BackendSpec(name, resolve(given)).toString();
    }

    /** Every variant of this control, each spelled in full, defaults first. */
    public List<String> variants() {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> e : options.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<String> out = new ArrayList<>();
        for (Map<String, String> c : combos) {
            out.add(spell(c));
        }
        return out;
    }

    @Override
    public ChunkedCipher open(CipherSpec spec, Map<String, String> given) {
        Map<String, String> resolved = resolve(given);
        return opener.open(new BackendSpec(name, resolved).toString(), spec, resolved);
    }
}
