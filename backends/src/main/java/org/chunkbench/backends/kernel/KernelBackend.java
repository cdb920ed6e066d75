package org.chunkbench.backends.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.sun.jna.LastErrorException;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.jna.OwnedMemory;

/**
 * The Linux kernel's AES-CTR through AF_ALG sockets. Available when this process can open an AF_ALG socket and
 * bind {@code ctr(aes)}; otherwise the reason names the failed call and its errno.
 */
public final class KernelBackend implements Backend {
    private Availability availability;

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public String description() {
        return "the Linux kernel crypto API through AF_ALG (skcipher) via JNA direct mapping; options driver=ctr(aes)|<driver>, "
                + "io=copy|splice, key=raw|keyring (or a key serial)";
    }

    @Override
    public Set<String> optionNames() {
        return KernelOptions.NAMES;
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            availability = probe();
        }
        return availability;
    }

    private static Availability probe() {
        try {
            if (LibC.LOAD_ERROR != null) {
                return Availability.no(LibC.LOAD_ERROR);
            }
            int fd = AfAlg.socket();
            try (OwnedMemory sa = new OwnedMemory("sockaddr_alg", AlgLayout.SOCKADDR_ALG_SIZE)) {
                AlgLayout.writeSockaddr(sa.pointer(), "skcipher", KernelOptions.DEFAULT_DRIVER);
                LibC.bind(fd, sa.address(), AlgLayout.SOCKADDR_ALG_SIZE);
            } catch (LastErrorException e) {
                return Availability.no(AfAlg.bindFailure(KernelOptions.DEFAULT_DRIVER, e.getErrorCode()).getMessage());
            } finally {
                AfAlg.closeQuietly(fd);
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
        lines.add("names to bind (driver=...): " + String.join(", ", crypto.bindableCtrAesNames()));
        if (availability().available()) {
            lines.addAll(KernelTraits.probe().describe());
        }
        return lines;
    }

    @Override
    public ChunkedCipher open(CipherSpec spec, Map<String, String> options) {
        KernelOptions o = KernelOptions.of(options, spec.key());
        Availability a = availability();
        if (!a.available()) {
            throw new BackendUnavailableException("backend kernel is not available: " + a.reason());
        }
        return new KernelChunkedCipher(name(), spec, o);
    }
}
