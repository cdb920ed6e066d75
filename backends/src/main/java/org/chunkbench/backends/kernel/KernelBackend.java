package org.chunkbench.backends.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.SealedRecords;

/**
 * The Linux kernel's AES-CTR through AF_ALG sockets, and AES-GCM sealed records through its aead type. Available when this process can open an AF_ALG socket and
 * bind {@code ctr(aes)}; otherwise the reason names the failed call and its errno.
 */
public final class KernelBackend implements Backend {
    private final Availability[] availability = new Availability[Binding.values().length];
    private final Availability[] gcm = new Availability[Binding.values().length];

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public String description() {
        return "the Linux kernel crypto API through AF_ALG (skcipher; aead gcm(aes) for aes-gcm); options binding=ffm|jna (FFM needs JDK 22+ and is the "
                + "default there, else JNA direct mapping), driver=ctr(aes)|<driver>, io=copy|splice, key=raw|keyring (or a key serial)";
    }

    @Override
    public Set<String> optionNames() {
        return KernelOptions.NAMES;
    }

    /** Available when AF_ALG works through either binding; the reason otherwise is the JNA probe's (the kernel's). */
    @Override
    public synchronized Availability availability() {
        Availability j = availability(Binding.JNA);
        return j.available() || availability(Binding.FFM).available() ? Availability.yes() : j;
    }

    /** Whether AF_ALG can be reached through one binding: its calls load, and {@code ctr(aes)} binds through them. */
    public synchronized Availability availability(Binding binding) {
        Availability a = availability[binding.ordinal()];
        if (a == null) {
            a = probe(binding, KernelOptions.DEFAULT_DRIVER);
            availability[binding.ordinal()] = a;
        }
        return a;
    }

    /** Opens and binds a transform socket for {@code driver} through {@code binding}'s calls, then closes it. */
    static Availability probe(Binding binding, String driver) {
        String reason = Syscalls.unavailableReason(binding);
        if (reason != null) {
            return Availability.no(reason);
        }
        AfAlgException e = AfAlg.tryBind(Syscalls.of(binding), driver);
        return e == null ? Availability.yes() : Availability.no(e.getMessage());
    }

    /**
     * {@code ffm} where the binding can run in this JVM, else {@code jna}; whether AF_ALG itself is reachable does
     * not change the default (the reason is then the same through either binding).
     */
    public Binding defaultBinding() {
        return Syscalls.defaultBinding();
    }

    @Override
    public BackendSpec canonical(BackendSpec variant) {
        Binding b = Binding.requested(name(), variant.options());
        return Binding.withBinding(variant, b == null ? defaultBinding() : b);
    }

    @Override
    public String version() {
        return "Linux " + osRelease() + ", AF_ALG skcipher" + boundDriver().map(d -> ", ctr(aes) -> " + d.driver()).orElse("");
    }

    private static String osRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return "(release unknown)";
        }
    }

    /** The driver {@code ctr(aes)} resolves to; the probe's bind has instantiated it, so /proc/crypto lists it. */
    private Optional<ProcCrypto.Entry> boundDriver() {
        if (!availability().available()) {
            return Optional.empty();
        }
        try {
            return ProcCrypto.read().boundBy(KernelOptions.DEFAULT_DRIVER);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> details() {
        List<String> lines = new ArrayList<>();
        ProcCrypto crypto;
        try {
            crypto = ProcCrypto.read();
        } catch (IOException e) {
            return List.of(ProcCrypto.PATH + " is not readable: " + e.getMessage());
        }
        List<ProcCrypto.Entry> drivers = crypto.driversOf(KernelOptions.DEFAULT_DRIVER);
        if (availability().available()) {
            lines.add("ctr(aes) binds " + crypto.boundBy(KernelOptions.DEFAULT_DRIVER)
                    .map(e -> e.driver() + " (priority " + e.priority() + ")").orElse("(not listed in " + ProcCrypto.PATH + ")"));
        } else {
            lines.add("(" + ProcCrypto.PATH + " of this kernel, which AF_ALG cannot reach from here)");
        }
        lines.add("drivers of ctr(aes) in " + ProcCrypto.PATH + (drivers.isEmpty() ? ": none registered yet" : ":"));
        for (ProcCrypto.Entry e : drivers) {
            lines.add("  " + e.describe());
        }
        // The names offered are those that bound just now: crypto.af_alg_restrict=1 (Linux 7.3) refuses most of them.
        KernelTraits t = KernelTraits.probe();
        AfAlgRestriction.State restrict = AfAlgRestriction.current();
        if (restrict.present()) {
            lines.add(AfAlgRestriction.describe(restrict));
        }
        lines.add("names to bind (driver=...): " + (t.bindable().isEmpty() ? "none" : String.join(", ", t.bindable()))
                + (t.afAlg().equals("available") ? "" : " (no AF_ALG socket: " + t.afAlg() + ")"));
        if (!t.refused().isEmpty()) {
            lines.add("names that do not bind here:");
            t.refused().forEach((name, why) -> lines.add("  " + name + ": " + why));
        }
        if (t.afAlg().equals("available")) {
            lines.add("null cipher (" + KernelControls.NULL_DRIVER + ", the decomposition's control): " + t.nullCipher());
        }
        lines.add("key=keyring: " + Keyring.logonFallbackReason().map(r -> "user keys, since " + r)
                .orElse("logon keys (unreadable from user space), user keys where the kernel refuses logon"));
        Binding d = defaultBinding();
        for (Binding b : new Binding[] {Binding.FFM, Binding.JNA}) {
            Availability a = availability(b);
            lines.add("binding=" + b.spelling() + ": " + (a.available() ? "available" + (b == d ? " (the default here)" : "")
                    : "unavailable: " + a.reason()));
        }
        if (availability().available()) {
            Availability g = gcmAvailability(defaultBinding());
            lines.add(AeadSpec.CIPHER + " (aead " + AfAlgAead.NAME + "): " + (g.available() ? "available" : "unavailable: " + g.reason()));
            lines.addAll(KernelTraits.probe().describe());
        }
        return lines;
    }

    /**
     * Whether AES-GCM ({@code aead gcm(aes)}) binds through one binding; checked once, after the binding's own
     * availability. Linux 7.3 refuses it at {@code crypto.af_alg_restrict=1}, the reason then says so.
     */
    public synchronized Availability gcmAvailability(Binding binding) {
        Availability a = gcm[binding.ordinal()];
        if (a == null) {
            a = availability(binding);
            if (a.available()) {
                AfAlgException e = AfAlg.tryBind(Syscalls.of(binding), AfAlg.AEAD, AfAlgAead.NAME);
                a = e == null ? Availability.yes() : Availability.no(e.getMessage());
            }
            gcm[binding.ordinal()] = a;
        }
        return a;
    }

    /**
     * AES-GCM sealed records through AF_ALG's aead {@code gcm(aes)} ({@link AfAlgAead}). Only {@code binding=}
     * can be chosen: {@code io=copy} and {@code key=raw} are accepted as what it does anyway, any other driver, io or
     * key option is the CTR path's and refused, as is a key given by its kernel serial.
     */
    @Override
    public SealedRecords openAead(AeadSpec spec, Map<String, String> options) {
        for (Map.Entry<String, String> o : options.entrySet()) {
            // io=copy and key=raw are what aes-gcm does anyway, so a variant spelled for aes-ctr with them still opens
            boolean same = o.getKey().equals("io") && o.getValue().equals("copy")
                    || o.getKey().equals("key") && o.getValue().equals("raw");
            if (!o.getKey().equals(Binding.OPTION) && !same) {
                throw new IllegalArgumentException("kernel: option " + o.getKey() + "=" + o.getValue() + " applies to aes-ctr "
                        + "only; aes-gcm binds aead " + AfAlgAead.NAME + " with the key bytes and sendmsg (io=copy, key=raw; "
                        + "only binding= can be chosen)");
            }
        }
        if (spec.key().isKernelSerial()) {
            throw new IllegalArgumentException("kernel: aes-gcm takes the key bytes (ALG_SET_KEY); a key given by its kernel "
                    + "serial is for aes-ctr only");
        }
        Binding requested = Binding.requested(name(), options);
        Binding b = requested == null ? defaultBinding() : requested;
        String spelled = name() + "[" + Binding.OPTION + "=" + b.spelling() + "]";
        Availability a = gcmAvailability(b);
        if (!a.available()) {
            throw new BackendUnavailableException("backend " + spelled + " has no " + AeadSpec.CIPHER + " here: " + a.reason());
        }
        return new AfAlgAead(Syscalls.of(b), spelled, spec);
    }

    @Override
    public ChunkedCipher open(CipherSpec spec, Map<String, String> options) {
        KernelOptions asked = KernelOptions.of(options, spec.key());
        Binding b = asked.binding() == null ? defaultBinding() : asked.binding();
        KernelOptions o = asked.withBinding(b);
        Availability a = availability(b);
        if (!a.available()) {
            throw new BackendUnavailableException("backend " + o.spell(name()) + " is not available: " + a.reason());
        }
        return new AfAlgCipher(Syscalls.of(b), o.spell(name()), spec, o, true);
    }
}
