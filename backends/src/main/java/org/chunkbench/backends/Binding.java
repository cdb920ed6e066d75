package org.chunkbench.backends;

import java.util.Locale;
import java.util.Map;

/**
 * How a native backend reaches its library: JNA direct mapping (any JDK from 17) or the Foreign Function &amp;
 * Memory API ({@code java.lang.foreign}, final in JDK 22). Spelled {@code binding=jna|ffm} in a variant; the
 * default is {@code ffm} where it can run and {@code jna} elsewhere, and results always spell the one used.
 *
 * <p>The FFM classes are compiled for release 22 (src/main/java22) and are loaded by name only after
 * {@link #ffmUnavailableReason()} has found a JDK 22 or newer, so a JDK 17 never sees their class files.
 */
public enum Binding {
    JNA,
    FFM;

    /** The option key in {@code name[binding=...]}. */
    public static final String OPTION = "binding";
    /** The first JDK feature release in which the FFM API is final. */
    public static final int FFM_JDK = 22;

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The binding an option map asks for, or null when it does not say; an unknown value is an error. */
    public static Binding requested(String backend, Map<String, String> options) {
        String v = options.get(OPTION);
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "jna" -> JNA;
            case "ffm" -> FFM;
            default -> throw new IllegalArgumentException(backend + ": binding='" + v + "' is unknown; allowed: jna, ffm");
        };
    }

    /** Why FFM cannot run in this JVM at all, or null when the JDK is new enough and the classes were built in. */
    public static String ffmUnavailableReason(String probeClass) {
        if (Runtime.version().feature() < FFM_JDK) {
            return "needs JDK " + FFM_JDK + " or newer (this is JDK " + Runtime.version().feature() + ")";
        }
        try {
            Class.forName(probeClass, false, Binding.class.getClassLoader());
            return null;
        } catch (ClassNotFoundException e) {
            return "this build has no FFM classes: it was compiled on a JDK older than " + FFM_JDK
                    + "; rebuild with JDK " + FFM_JDK + "+ (docs/ffm.md)";
        }
    }

    /** A release-22 binding loaded by {@link #tryLoadFfm}: the instance, or (instance null) why it cannot run here. */
    public record Loaded<T>(T instance, String reason) {
    }

    /**
     * Loads a release-22 binding and asks it whether its native library bound ({@code loadError}, null when it did):
     * the instance, or the reason it cannot run in this JVM (an older JDK, a build without FFM classes, the library).
     */
    public static <T> Loaded<T> tryLoadFfm(String className, Class<T> type, java.util.function.Function<T, String> loadError) {
        String reason = ffmUnavailableReason(className);
        T instance = null;
        if (reason == null) {
            try {
                instance = loadFfm(className, type);
                reason = loadError.apply(instance);
            } catch (RuntimeException | LinkageError e) {
                reason = "the FFM binding failed to load: " + e;
            }
        }
        return new Loaded<>(reason == null ? instance : null, reason);
    }

    /** Loads a release-22 class by name and instantiates it with its no-argument constructor. */
    public static <T> T loadFfm(String className, Class<T> type) {
        String reason = ffmUnavailableReason(className);
        if (reason != null) {
            throw new BackendUnavailableException("binding=ffm is not available: " + reason);
        }
        try {
            return type.cast(Class.forName(className, true, Binding.class.getClassLoader())
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("binding=ffm: cannot instantiate " + className + ": " + e, e);
        }
    }

    /** {@code spec} with {@code binding=...} spelled out (first), for results that must name the binding used. */
    public static BackendSpec withBinding(BackendSpec spec, Binding binding) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put(OPTION, binding.spelling());
        spec.options().forEach((k, v) -> {
            if (!k.equals(OPTION)) {
                o.put(k, v);
            }
        });
        return new BackendSpec(spec.name(), o);
    }
}
