package org.chunkbench.backends.jca;

import java.security.Provider;
import java.security.Security;
import java.util.Map;
import java.util.function.Supplier;

import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.SealedRecords;

/**
 * A JCA provider's {@code AES/CTR/NoPadding}, and its {@code AES/GCM/NoPadding} for sealed records. The provider object is created (or looked up) once and every
 * cipher is obtained from that object, so the JCA cannot hand out another provider's implementation.
 */
public final class JcaBackend implements Backend {
    private final String name;
    private final String description;
    private final Supplier<Provider> providerFactory;
    private Availability availability;
    private Provider provider;

    private JcaBackend(String name, String description, Supplier<Provider> providerFactory) {
        this.name = name;
        this.description = description;
        this.providerFactory = providerFactory;
    }

    public static JcaBackend sunJce() {
        return new JcaBackend("sunjce", "the JDK's SunJCE provider, AES/CTR/NoPadding through the JCA (AES-NI intrinsics)",
                () -> {
                    Provider p = Security.getProvider("SunJCE");
                    if (p == null) {
                        throw new IllegalStateException("this JDK has no SunJCE provider");
                    }
                    return p;
                });
    }

    public static JcaBackend bouncyCastle() {
        return new JcaBackend("bc", "Bouncy Castle's JCA provider, AES/CTR/NoPadding (pure Java)",
                org.bouncycastle.jce.provider.BouncyCastleProvider::new);
    }

    public static JcaBackend conscrypt() {
        return new JcaBackend("conscrypt", "Conscrypt's JCA provider, AES/CTR/NoPadding over BoringSSL (JNI)",
                ConscryptLoader::newProvider);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            try {
                Provider p = providerFactory.get();
                javax.crypto.Cipher.getInstance(JcaChunkedCipher.TRANSFORMATION, p);
                provider = p;
                availability = Availability.yes();
            } catch (Throwable t) {
                // LinkageError included: a JNI provider whose native library cannot load must not take the JVM down.
                availability = Availability.no(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
        return availability;
    }

    @Override
    public String version() {
        if (!availability().available()) {
            return "-";
        }
        String v = provider.getName() + " " + provider.getVersionStr();
        if (name.equals("sunjce")) {
            v += " (" + System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version") + ")";
        }
        if (name.equals("conscrypt")) {
            v += " (" + ConscryptLoader.describe(provider) + ")";
        }
        return v;
    }

    @Override
    public ChunkedCipher open(CipherSpec spec, Map<String, String> options) {
        return new JcaChunkedCipher(name, provider(), spec);
    }

    @Override
    public SealedRecords openAead(AeadSpec spec, Map<String, String> options) {
        return new JcaSealedRecords(name, provider(), spec, name.equals("conscrypt"));
    }

    /** The provider object, once it is known to work here. */
    private Provider provider() {
        Availability a = availability();
        if (!a.available()) {
            throw new BackendUnavailableException("backend " + name + " is not available: " + a.reason());
        }
        return provider;
    }
}
