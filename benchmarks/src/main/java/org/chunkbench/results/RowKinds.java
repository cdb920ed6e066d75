package org.chunkbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.chunkbench.backends.BackendSpec;

/**
 * What a results folder says about the variants in its rows: which are controls of the decomposition and which are
 * backends, each control's spelling today, and the order its backends are listed in. Read from env.json's
 * {@code run.variants} (recorded at run time); a folder written before that record, or without env.json, reads by
 * {@link #BEFORE_RECORD}, a frozen table of every control name such folders could hold. Never today's registry: how
 * a folder reads does not change when the code that runs benchmarks does.
 */
public final class RowKinds {
    /** Every control variant written before the record, as spelled then, to its spelling today. */
    private static final Map<BackendSpec, String> CONTROLS_BEFORE_RECORD = new LinkedHashMap<>();
    /** The backends' registry order before the record (reports list backends in it; unknown names after). */
    private static final List<String> BACKENDS_BEFORE_RECORD = List.of("sunjce", "bc", "bc-lightweight", "conscrypt", "openssl", "kernel");

    static {
        for (String v : List.of("none", "copy", "call[binding=jna]", "call[binding=ffm]", "syscall[binding=jna]",
                "syscall[binding=ffm]")) {
            CONTROLS_BEFORE_RECORD.put(BackendSpec.parse(v), v);
        }
        // the null-cipher controls, spelled with their backend's name and a marker option until they were renamed
        // (folders recorded before the rename hold these names too, so the table maps them whatever the folder says)
        for (String binding : List.of("jna", "ffm")) {
            CONTROLS_BEFORE_RECORD.put(BackendSpec.parse("openssl[binding=" + binding + ",cipher=null]"),
                    "openssl-null[binding=" + binding + "]");
            for (String io : List.of("copy", "splice")) {
                CONTROLS_BEFORE_RECORD.put(BackendSpec.parse("kernel[binding=" + binding + ",driver=ecb(cipher_null),io=" + io + "]"),
                        "kernel-null[binding=" + binding + ",io=" + io + "]");
            }
        }
        // the JNA controls' names before the FFM ones spelled their binding (folders of 2026-12-01 hold them)
        CONTROLS_BEFORE_RECORD.put(BackendSpec.parse("openssl[cipher=null]"), "openssl-null[binding=jna]");
        for (String io : List.of("copy", "splice")) {
            CONTROLS_BEFORE_RECORD.put(BackendSpec.parse("kernel[driver=ecb(cipher_null),io=" + io + "]"),
                    "kernel-null[binding=jna,io=" + io + "]");
        }
    }

    /** How a folder without a record of its variants reads: by the frozen table. */
    public static final RowKinds BEFORE_RECORD = new RowKinds(null);

    /** The folder's record, spelled variant to {@code backend} or {@code control}; null: {@link #BEFORE_RECORD}. */
    private final Map<String, String> record;

    private RowKinds(Map<String, String> record) {
        this.record = record;
    }

    /** The folder's own record when its env.json has one, else {@link #BEFORE_RECORD}; {@code env} may be null. */
    public static RowKinds of(EnvManifest env) {
        Map<String, String> r = env == null || env.run() == null ? null : env.run().variants();
        return r == null ? BEFORE_RECORD : new RowKinds(new LinkedHashMap<>(r));
    }

    /**
     * Whether this trial times a control of the decomposition rather than a backend: the {@code chunked} benchmark
     * with a {@code backend} param that the folder names a control.
     */
    public boolean control(Trial t) {
        String backend = t.key().param(SweepParam.BACKEND);
        return backend != null && t.key().method().equals("chunked") && control(backend);
    }

    /** Whether the folder names this variant a control; a name it does not know (or that does not parse) is not one. */
    public boolean control(String variant) {
        if (record != null) {
            return "control".equals(record.get(variant));
        }
        return controlBeforeRecord(variant);
    }

    /**
     * A control's spelling today, so a decomposition finds a series under the name the code asks for:
     * {@code openssl[cipher=null]} from a folder of 2026-12-01 is {@code openssl-null[binding=jna]},
     * {@code kernel[binding=ffm,driver=ecb(cipher_null),io=copy]} is {@code kernel-null[binding=ffm,io=copy]}. Anything
     * else (today's names among them) is left as it is.
     */
    public static String spelledToday(String variant) {
        try {
            return CONTROLS_BEFORE_RECORD.getOrDefault(BackendSpec.parse(variant), variant);
        } catch (IllegalArgumentException notAVariant) {
            return variant;
        }
    }

    /**
     * Whether the name is a control's old spelling, one that {@link #spelledToday} renames
     * ({@code openssl[cipher=null]}, {@code kernel[binding=jna,driver=ecb(cipher_null),io=copy]}).
     */
    public static boolean renamed(String variant) {
        try {
            String today = CONTROLS_BEFORE_RECORD.get(BackendSpec.parse(variant));
            return today != null && !BackendSpec.parse(today).name().equals(BackendSpec.parse(variant).name());
        } catch (IllegalArgumentException notAVariant) {
            return false;
        }
    }

    /** Whether the name is one of the controls written before the record (the frozen table), in any option order. */
    public static boolean controlBeforeRecord(String variant) {
        try {
            return CONTROLS_BEFORE_RECORD.containsKey(BackendSpec.parse(variant));
        } catch (IllegalArgumentException notAVariant) {
            return false;
        }
    }

    /** The backends' names in the order the folder lists them (its record's order, else the frozen one). */
    public List<String> backendOrder() {
        if (record == null) {
            return BACKENDS_BEFORE_RECORD;
        }
        List<String> out = new ArrayList<>();
        record.forEach((variant, kind) -> {
            if (!"control".equals(kind)) {
                try {
                    String name = BackendSpec.parse(variant).name();
                    if (!out.contains(name)) {
                        out.add(name);
                    }
                } catch (IllegalArgumentException notAVariant) {
                    // a hand-edited record; the row sorts after the known ones
                }
            }
        });
        return out;
    }
}
