package org.chunkbench.backends;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.chunkbench.backends.control.Control;
import org.chunkbench.backends.control.Controls;

/**
 * Every runnable variant, backend or control, behind one door: what kind a spelled variant is, its spelling in
 * results and how to open it. The backends stay in {@link Backends} (what {@code chunkbench backends} and the default
 * sweep list), the decomposition's controls in {@link Controls}; this is the one place that tells them apart.
 *
 * <p>A variant's name alone tells its kind: no control shares a name with a backend. Old spellings are aliases
 * ({@link Controls#unalias}): the null-cipher controls were once spelled with their backend's name and a marker option,
 * so {@code openssl[cipher=null]} is {@code openssl-null[binding=jna]} and
 * {@code kernel[driver=ecb(cipher_null),io=splice]} is {@code kernel-null[binding=jna,io=splice]} ({@link #spell}).
 *
 * <p>This is today's registry, for running. A results folder says itself which of its rows are controls (recorded
 * at run time, {@code results.RowKinds}); nothing that reads results asks this class.
 */
public final class Variants {
    /** What a variant is: a backend (AES) or a control of the decomposition (part of a backend's path). */
    public enum Kind {
        BACKEND, CONTROL;

        /** The kind as results record it: {@code backend} or {@code control}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private Variants() {
    }

    /**
     * The kind of a variant as spelled on the command line or in results: a control when a control has its name (or
     * it is a control's old spelling), else a backend (known or not: {@link #spell} and
     * {@link #open} refuse unknown names). IllegalArgumentException when it does not parse.
     */
    public static Kind kind(String variant) {
        return kind(BackendSpec.parse(variant));
    }

    public static Kind kind(BackendSpec variant) {
        return Controls.isControl(variant) ? Kind.CONTROL : Kind.BACKEND;
    }

    /**
     * The variant as results spell it: a backend's machine-dependent defaults explicit ({@code openssl} becomes
     * {@code openssl[binding=ffm]} on JDK 22+), a control's every option explicit. Unknown names, options and values
     * are IllegalArgumentExceptions.
     */
    public static String spell(String variant) {
        return kind(variant) == Kind.CONTROL ? Controls.spell(variant) : Backends.canonical(variant);
    }

    /**
     * Opens a backend or a control: unknown names and options are IllegalArgumentExceptions, a variant that cannot
     * run here is a {@link BackendUnavailableException} with its reason.
     */
    public static ChunkedCipher open(String variant, CipherSpec spec) {
        return kind(variant) == Kind.CONTROL ? Controls.open(variant, spec) : Backends.open(variant, spec);
    }

    /** Every control variant, spelled in full, in registry order (what {@code run --controls} adds). */
    public static List<String> controls() {
        return Controls.variants();
    }

    /** The backends' names in registry order (the default sweep). */
    public static List<String> backends() {
        return new ArrayList<>(Backends.names());
    }

    /**
     * The record a results folder keeps of its variants: each spelled variant with its {@link Kind#word()}, backends in
     * registry order first (the order reports list them), then controls in registry order, then anything else in the
     * order given.
     */
    public static Map<String, String> record(List<String> spelled) {
        List<String> backends = backends();
        List<String> controls = Controls.all().stream().map(Control::name).toList();
        List<String> sorted = new ArrayList<>(spelled);
        sorted.sort(Comparator.comparingInt((String v) -> kind(v).ordinal()).thenComparingInt(v -> {
            List<String> order = kind(v) == Kind.CONTROL ? controls : backends;
            int i = order.indexOf(BackendSpec.parse(v).name());
            return i < 0 ? order.size() : i;
        }));
        Map<String, String> out = new LinkedHashMap<>();
        sorted.forEach(v -> out.put(v, kind(v).word()));
        return out;
    }
}
