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
 * <li>{@code openssl[binding=jna|ffm,cipher=null]}: the openssl backend with {@code EVP_enc_null()}.</li>
 * <li>{@code kernel[binding=jna|ffm,driver=ecb(cipher_null),io=copy|splice]}: the kernel backend with the kernel's
 * null cipher.</li>
 * </ul>
 * The FFM variants are unavailable on JDK &lt; 22 ("needs JDK 22 or newer") and load their classes by name on 22+
 * only ({@link org.chunkbench.backends.Binding#loadFfm}).
 * Two of them share a name with a backend ({@code openssl}, {@code kernel}); the option that makes them controls
 * is always spelled ({@link Control#marker}), so {@link org.chunkbench.backends.Variants#kind} tells a control's variant
 * from a backend's.
 */
public final class Controls {
    /**
     * The bindings of the native controls, {@code jna} first: the default, so a name from before the FFM controls
     * ({@code openssl[cipher=null]}, {@code kernel[driver=ecb(cipher_null),io=copy]}, {@code syscall}) spells as the
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
        Map<String, List<String>> openssl = new LinkedHashMap<>();
        openssl.put("binding", BINDINGS);
        openssl.put("cipher", List.of("null"));
        register(new Control("openssl", "the openssl backend with EVP_enc_null() instead of AES", "openssl path minus AES",
                openssl, Map.of("cipher", "null"),
                o -> OpenSslControls.nullCipherAvailability(o.get("binding")),
                () -> Backends.get("openssl").version(),
                (spelled, spec, o) -> OpenSslControls.openNullCipher(spelled, spec, o.get("binding"))));
        Map<String, List<String>> kernel = new LinkedHashMap<>();
        kernel.put("binding", BINDINGS);
        kernel.put("driver", List.of(KernelControls.NULL_DRIVER));
        kernel.put("io", List.of("copy", "splice"));
        register(new Control("kernel", "the kernel backend with the kernel's null cipher (no key, no IV)",
                "AF_ALG path minus AES", kernel, Map.of("driver", KernelControls.NULL_DRIVER),
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
     * Spells a control variant in full: {@code kernel[driver=ecb(cipher_null)]} gives
     * {@code kernel[binding=jna,driver=ecb(cipher_null),io=copy]}, and a result from before the FFM controls,
     * {@code openssl[cipher=null]}, gives {@code openssl[binding=jna,cipher=null]}, the control it was.
     */
    public static String spell(String variant) {
        BackendSpec s = BackendSpec.parse(variant);
        return get(s.name()).spell(s.options());
    }

    /**
     * Opens a control from its variant, as {@link Backends#open(String, CipherSpec)} opens a backend: unknown names,
     * options and values are {@link IllegalArgumentException}s, a control that cannot run here is a
     * {@link BackendUnavailableException} with its reason.
     */
    public static ChunkedCipher open(String variant, CipherSpec spec) {
        BackendSpec s = BackendSpec.parse(variant);
        Control c = get(s.name());
        Map<String, String> resolved = c.resolve(s.options());
        Availability a = c.availability(resolved);
        if (!a.available()) {
            throw new BackendUnavailableException("control " + c.spell(resolved) + " is not available: " + a.reason());
        }
        return c.open(spec, resolved);
    }
}
