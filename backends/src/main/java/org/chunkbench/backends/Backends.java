package org.chunkbench.backends;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.chunkbench.backends.bc.BcLightweightBackend;
import org.chunkbench.backends.jca.JcaBackend;
import org.chunkbench.backends.kernel.KernelBackend;
import org.chunkbench.backends.openssl.OpenSslBackend;

/** The registry: every backend by its stable name, in the order reports list them. */
public final class Backends {
    private static final Map<String, Backend> BY_NAME = new LinkedHashMap<>();

    static {
        register(JcaBackend.sunJce());
        register(JcaBackend.bouncyCastle());
        register(new BcLightweightBackend());
        register(JcaBackend.conscrypt());
        register(new OpenSslBackend());
        register(new KernelBackend());
    }

    private Backends() {
    }

    private static void register(Backend backend) {
        BY_NAME.put(backend.name(), backend);
    }

    public static List<Backend> all() {
        return Collections.unmodifiableList(new ArrayList<>(BY_NAME.values()));
    }

    public static Set<String> names() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /** The backend of that name; an unknown name is an error that lists the known ones. */
    public static Backend get(String name) {
        Backend b = BY_NAME.get(name);
        if (b == null) {
            throw new IllegalArgumentException("unknown backend '" + name + "'; known backends: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return b;
    }

    /**
     * Opens a cipher from a variant such as {@code sunjce} or {@code kernel[io=splice]}. Unknown names and options
     * are {@link IllegalArgumentException}s; a backend that cannot run here is a {@link BackendUnavailableException}
     * carrying its reason. There is no fallback to another backend.
     */
    /** The variant with every machine-dependent default spelled out, for example {@code openssl[binding=ffm]}. */
    public static String canonical(String variant) {
        BackendSpec spec = BackendSpec.parse(variant);
        return get(spec.name()).canonical(spec).toString();
    }

    public static ChunkedCipher open(String variant, CipherSpec spec) {
        return open(BackendSpec.parse(variant), spec);
    }

    public static ChunkedCipher open(BackendSpec variant, CipherSpec spec) {
        return checked(variant).open(spec, variant.options());
    }

    /** AES-GCM sealed records from a variant, with the same checks and errors as {@link #open(BackendSpec, CipherSpec)}. */
    public static SealedRecords openAead(String variant, AeadSpec spec) {
        return openAead(BackendSpec.parse(variant), spec);
    }

    public static SealedRecords openAead(BackendSpec variant, AeadSpec spec) {
        return checked(variant).openAead(spec, variant.options());
    }

    /** The variant's backend once its options are known to it and it can run here. */
    private static Backend checked(BackendSpec variant) {
        Backend backend = get(variant.name());
        Set<String> allowed = backend.optionNames();
        for (String key : variant.options().keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("backend " + backend.name() + " has no option '" + key + "'; "
                        + (allowed.isEmpty() ? "it takes no options" : "its options: " + String.join(", ", new TreeSet<>(allowed))));
            }
        }
        Availability a = backend.availability();
        if (!a.available()) {
            throw new BackendUnavailableException("backend " + backend.name() + " is not available: " + a.reason());
        }
        return backend;
    }
}
