package org.chunkbench.backends.kernel;

import java.util.Map;
import java.util.Set;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Binding;

/**
 * The variant options of {@code kernel[driver=...,io=...,key=...]}: which algorithm or driver to bind, how data
 * reaches the kernel, and where the key comes from. A key given as a kernel key serial ({@link AesKey#ofKernelSerial})
 * always uses the {@code serial} source; the JVM then never holds the key.
 */
record KernelOptions(String driver, Io io, KeySource keySource, Binding binding) {
    static final String DEFAULT_DRIVER = "ctr(aes)";
    static final Set<String> NAMES = Set.of(Binding.OPTION, "driver", "io", "key");

    KernelOptions(String driver, Io io, KeySource keySource) {
        this(driver, io, keySource, null);
    }

    /** The same options with the binding that will run (the backend decides the default). */
    KernelOptions withBinding(Binding b) {
        return new KernelOptions(driver, io, keySource, b);
    }

    enum Io {
        /** One sendmsg carrying the control messages and the data, then read. */
        COPY,
        /** vmsplice of the input into a pipe, splice into the operation socket, then read. */
        SPLICE
    }

    enum KeySource {
        /** ALG_SET_KEY with the key bytes. */
        RAW,
        /** The backend adds the key to the process keyring and binds it with ALG_SET_KEY_BY_KEY_SERIAL. */
        KEYRING,
        /** A key serial the user supplied; the key never enters the JVM. */
        SERIAL
    }

    static KernelOptions of(Map<String, String> options, AesKey key) {
        String driver = options.getOrDefault("driver", DEFAULT_DRIVER);
        if (driver.isEmpty() || driver.length() >= AlgLayout.SALG_NAME_LEN) {
            throw new IllegalArgumentException("kernel: driver '" + driver + "' must be 1 to "
                    + (AlgLayout.SALG_NAME_LEN - 1) + " characters, for example ctr(aes), ctr-aes-aesni or ctr(aes-generic) (ctr(aes-lib) from Linux 7.0)");
        }
        Io io = switch (options.getOrDefault("io", "copy")) {
            case "copy" -> Io.COPY;
            case "splice" -> Io.SPLICE;
            default -> throw new IllegalArgumentException("kernel: io='" + options.get("io") + "' is unknown; allowed: copy, splice");
        };
        String k = options.get("key");
        KeySource source;
        if (key.isKernelSerial()) {
            if (k != null && !k.equals("serial")) {
                throw new IllegalArgumentException("kernel: key=" + k + " applies to keys given as bytes, but this key is "
                        + "already in the kernel keyring (serial " + key.kernelSerial().getAsInt() + ")");
            }
            source = KeySource.SERIAL;
        } else {
            source = switch (k == null ? "raw" : k) {
                case "raw" -> KeySource.RAW;
                case "keyring" -> KeySource.KEYRING;
                case "serial" -> throw new IllegalArgumentException("kernel: key=serial needs a key given by its kernel "
                        + "serial (CLI: --key-serial N), not key bytes");
                default -> throw new IllegalArgumentException("kernel: key='" + k + "' is unknown; allowed: raw, keyring "
                        + "(a key serial is given as the key itself, CLI --key-serial N)");
            };
        }
        return new KernelOptions(driver, io, source, Binding.requested("kernel", options));
    }

    /** How the variant is spelled in results: every option explicit, so runs stay comparable when defaults change. */
    String spell(String backendName) {
        return backendName + "[" + (binding == null ? "" : Binding.OPTION + "=" + binding.spelling() + ",") + "driver=" + driver + ",io=" + io.name().toLowerCase() + ",key="
                + keySource.name().toLowerCase() + "]";
    }
}
