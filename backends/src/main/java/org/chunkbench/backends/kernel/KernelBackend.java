package org.chunkbench.backends.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.jna.OwnedMemory;

/**
 * The Linux kernel's AES-CTR through AF_ALG sockets. Available when this process can open an AF_ALG socket and
 * bind {@code ctr(aes)}; otherwise the reason names the failed call and its errno.
 */
public final class KernelBackend implements Backend {
    /** The release-22 implementation of {@link FfmBinding} (src/main/java22), loaded by name only on JDK 22+. */
    static final String FFM_CLASS = "org.chunkbench.backends.kernel.FfmKernel";

    /** What the FFM side provides. */
    interface FfmBinding {
        /** Why libc could not be bound through FFM, or null. */
        String loadError();

        /** The same probe as the JNA path's (socket, bind the driver: ctr(aes) for the backend), over FFM. */
        Availability probe(String driver);

        ChunkedCipher open(String variant, CipherSpec spec, KernelOptions options);

        /** {@code kernel[binding=ffm,driver=ecb(cipher_null),...]}: no key, ALG_SET_OP alone ({@link KernelControls}). */
        ChunkedCipher openNullCipher(String variant, CipherSpec spec, KernelOptions options);

        /** {@code syscall[binding=ffm]}: sendmsg and read on an AF_UNIX socket pair ({@link KernelControls}). */
        ChunkedCipher openSyscall(String variant, CipherSpec spec);
    }

    private Availability availability;
    private Availability ffm;
    private FfmBinding ffmBinding;
    private boolean ffmLoaded;
    private String ffmLoadReason;

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public String description() {
        return "the Linux kernel crypto API through AF_ALG (skcipher); options binding=ffm|jna (FFM needs JDK 22+ and is the "
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

    /** Whether AF_ALG can be reached through one binding. */
    public synchronized Availability availability(Binding binding) {
        if (binding == Binding.JNA) {
            if (availability == null) {
                availability = probe();
            }
            return availability;
        }
        if (ffm == null) {
            String reason = ffmLoadReason();
            ffm = reason == null ? ffmBinding.probe(KernelOptions.DEFAULT_DRIVER) : Availability.no(reason);
        }
        return ffm;
    }

    /**
     * The FFM binding, for the controls built from its parts ({@link KernelControls}); throws
     * {@link BackendUnavailableException} with the reason when it cannot run in this JVM (for example
     * "needs JDK 22 or newer"). Whether AF_ALG itself works is not checked here.
     */
    synchronized FfmBinding ffmBinding() {
        String reason = ffmLoadReason();
        if (reason != null) {
            throw new BackendUnavailableException("binding=ffm is not available: " + reason);
        }
        return ffmBinding;
    }

    /** Why the FFM binding itself cannot run in this JVM (old JDK, no FFM classes, libc not bound), or null. */
    synchronized String ffmLoadReason() {
        if (!ffmLoaded) {
            ffmLoaded = true;
            ffmLoadReason = Binding.ffmUnavailableReason(FFM_CLASS);
            if (ffmLoadReason == null) {
                try {
                    ffmBinding = Binding.loadFfm(FFM_CLASS, FfmBinding.class);
                    ffmLoadReason = ffmBinding.loadError();
                } catch (RuntimeException | LinkageError e) {
                    ffmLoadReason = "the FFM binding failed to load: " + e;
                }
            }
        }
        return ffmLoadReason;
    }

    /**
     * {@code ffm} where the binding can run in this JVM, else {@code jna}; whether AF_ALG itself is reachable does
     * not change the default (the reason is then the same through either binding).
     */
    public Binding defaultBinding() {
        return ffmLoadReason() == null ? Binding.FFM : Binding.JNA;
    }

    @Override
    public BackendSpec canonical(BackendSpec variant) {
        Binding b = Binding.requested(name(), variant.options());
        return Binding.withBinding(variant, b == null ? defaultBinding() : b);
    }

    private static Availability probe() {
        try {
            if (LibC.LOAD_ERROR != null) {
                return Availability.no(LibC.LOAD_ERROR);
            }
            try (OwnedMemory sa = new OwnedMemory("sockaddr_alg", AlgLayout.SOCKADDR_ALG_SIZE)) {
                AfAlg.closeQuietly(AfAlg.openTransform(sa.pointer(), KernelOptions.DEFAULT_DRIVER));
            }
            return Availability.yes();
        } catch (AfAlgException e) {
            return Availability.no(e.getMessage());
        } catch (LinkageError e) {
            return Availability.no("JNA could not load: " + e);
        }
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
            lines.addAll(KernelTraits.probe().describe());
        }
        return lines;
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
        return b == Binding.FFM ? ffmBinding.open(o.spell(name()), spec, o) : new KernelChunkedCipher(name(), spec, o);
    }
}
