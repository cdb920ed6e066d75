package org.chunkbench.backends.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.jna.Native;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.kernel.KernelControls;
import org.chunkbench.backends.openssl.OpenSslControls;

/**
 * The controls of the cost decomposition (issue 12, "Where the time goes"), by name; a registry of their own,
 * apart from {@link Backends}, so that {@code chunkbench backends} and the default sweep never list them. Their
 * names in results say what they are:
 * <ul>
 * <li>{@code none}: a cipher that does nothing (the harness floor every series pays once per chunk).</li>
 * <li>{@code call[binding=jna|ffm]}: one native call that does nothing (the binding's floor per call).</li>
 * <li>{@code copy}: heap buffer to native memory and back, as the native backends stage heap buffers.</li>
 * <li>{@code syscall[binding=jna|ffm]}: sendmsg plus read of the chunk on an AF_UNIX socket pair, through the
 * kernel backend's binding and staging.</li>
 * <li>{@code openssl-null[binding=jna|ffm]}: the openssl backend with {@code EVP_enc_null()}.</li>
 * <li>{@code kernel-null[binding=jna|ffm,io=copy|splice]}: the kernel backend with the kernel's null cipher.</li>
 * </ul>
 * The FFM variants are unavailable on JDK &lt; 22 ("needs JDK 22 or newer") and load their classes by name on 22+
 * only ({@link org.chunkbench.backends.Binding#loadFfm}).
 * No control shares a name with a backend. The two null-cipher controls were once spelled with their backend's name
 * and a marker option ({@code openssl[binding=jna,cipher=null]}, {@code kernel[binding=jna,driver=ecb(cipher_null),io=copy]});
 * those spellings stay accepted as aliases ({@link #unalias}) and spell as the new names.
 */
public final class Controls {
    /**
     * The bindings of the native controls, {@code jna} first: the default, so a name from before the FFM controls
     * ({@code openssl-null}, {@code kernel-null[io=copy]}, {@code syscall}) spells as the
     * JNA control it was ({@link #spell}).
     */
    private static final List<String> BINDINGS = List.of("jna", "ffm");
    private static final Map<String, Control> BY_NAME = new LinkedHashMap<>();

    static {
        register(new Control("none", "a cipher that does nothing: the harness floor every series pays once per chunk",
                "harness (benchmark loop and ChunkedCipher checks)", Map.of(),
                o -> Availability.yes(),
                () -> "-",
                (spelled, spec, o) -> new NoneControl(spelled, spec)));
        register(new Control("call", "one native call that does nothing (libc abs) per chunk", "binding, per call",
                Map.of("binding", BINDINGS),
                o -> NoOpCalls.availability(o.get("binding")),
                () -> "JNA " + Native.VERSION,
                (spelled, spec, o) -> new CallControl(spelled, spec, NoOpCalls.forBinding(o.get("binding")))));
        register(new Control("copy", "heap buffer to native memory and back through the backends' staging, no native call",
                "copies (heap staging)", Map.of(),
                o -> jna(),
                () -> "JNA " + Native.VERSION,
                (spelled, spec, o) -> new CopyControl(spelled, spec)));
        register(new Control("syscall", "sendmsg and read of each chunk on an AF_UNIX socket pair, through the kernel "
                + "backend's binding and staging, in its 64 KiB pieces", "system calls and kernel copies, no crypto",
                Map.of("binding", BINDINGS),
                o -> KernelControls.syscallAvailability(o.get("binding")),
                () -> "JNA " + Native.VERSION,
                (spelled, spec, o) -> KernelControls.openSyscall(spelled, spec, o.get("binding"))));
        register(new Control("openssl-null", "the openssl backend with EVP_enc_null() instead of AES", "openssl path minus AES",
                Map.of("binding", BINDINGS), "openssl", Map.of("cipher", "null"),
                o -> OpenSslControls.nullCipherAvailability(o.get("binding")),
                () -> Backends.get("openssl").version(),
                (spelled, spec, o) -> OpenSslControls.openNullCipher(spelled, spec, o.get("binding"))));
        Map<String, List<String>> kernel = new LinkedHashMap<>();
        kernel.put("binding", BINDINGS);
        kernel.put("io", List.of("copy", "splice"));
        register(new Control("kernel-null", "the kernel backend with the kernel's null cipher (no key, no IV)",
                "AF_ALG path minus AES", kernel, "kernel", Map.of("driver", KernelControls.NULL_DRIVER),
                o -> KernelControls.nullCipherAvailability(o.get("binding")),
                () -> Backends.get("kernel").version(),
                (spelled, spec, o) -> KernelControls.openNullCipher(spelled, spec, o.get("io"), o.get("binding"))));
    }

    private Controls() {
    }

    private static void register(Control control) {
        BY_NAME.put(control.name(), control);
    }

    private static Availability jna() {
        try {
            return JnaNoOpCall.LOAD_ERROR == null ? Availability.yes() : Availability.no(JnaNoOpCall.LOAD_ERROR);
        } catch (LinkageError e) {
            return Availability.no("JNA could not load: " + e);
        }
    }

    public static List<Control> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
    }

    /**
     * The variant under today's name: an old spelling of a renamed control ({@code openssl[cipher=null]},
     * {@code kernel[driver=ecb(cipher_null),io=splice]}) becomes {@code openssl-null}, {@code kernel-null[io=splice]};
     * anything else is returned as it is.
     */
    public static BackendSpec unalias(BackendSpec variant) {
        if (BY_NAME.containsKey(variant.name())) {
            return variant;
        }
        for (Control c : BY_NAME.values()) {
            Map<String, String> options = c.unalias(variant);
            if (options != null) {
                return new BackendSpec(c.name(), options);
            }
        }
        return variant;
    }

    /** Whether the variant, by today's name or an old one, is a control. */
    public static boolean isControl(BackendSpec variant) {
        return BY_NAME.containsKey(unalias(variant).name());
    }

    /** The control of that name; an unknown name is an error that lists the known ones. */
    public static Control get(String name) {
        Control c = BY_NAME.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown control '" + name + "'; known controls: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return c;
    }

    /** Every variant of every control, spelled in full, in registry order. */
    public static List<String> variants() {
        List<String> out = new ArrayList<>();
        for (Control c : BY_NAME.values()) {
            out.addAll(c.variants());
        }
        return out;
    }

    /**
     * Spells a control variant in full under today's name: {@code kernel-null} gives
     * {@code kernel-null[binding=jna,io=copy]}, and an old spelling from before the FFM controls,
     * {@code openssl[cipher=null]}, gives {@code openssl-null[binding=jna]}, the control it was.
     */
    public static String spell(String variant) {
        BackendSpec s = unalias(BackendSpec.parse(variant));
        return get(s.name()).spell(s.options());
    }

    /**
     * Opens a control from its variant, as {@link Backends#open(String, CipherSpec)} opens a backend: unknown names,
     * options and values are {@link IllegalArgumentException}s, a control that cannot run here is a
     * {@link BackendUnavailableException} with its reason.
     */
    public static ChunkedCipher open(String variant, CipherSpec spec) {
        BackendSpec s = unalias(BackendSpec.parse(variant));
        Control c = get(s.name());
        Map<String, String> resolved = c.resolve(s.options());
        Availability a = c.availability(resolved);
        if (!a.available()) {
            throw new BackendUnavailableException("control " + c.spell(resolved) + " is not available: " + a.reason());
        }
        return c.open(spec, resolved);
    }
}
