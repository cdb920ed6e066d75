package org.chunkbench.backends.jca;

import java.security.Provider;

import org.conscrypt.Conscrypt;

/** Kept apart so that the Conscrypt classes are touched only when that backend is asked for. */
final class ConscryptLoader {
    private ConscryptLoader() {
    }

    static Provider newProvider() {
        // Throws the UnsatisfiedLinkError that explains why BoringSSL did not load (for example no build for
        // this OS or CPU in the uber jar); JcaBackend turns it into the backend's unavailability reason.
        Conscrypt.checkAvailability();
        return Conscrypt.newProvider();
    }

    static String describe(Provider p) {
        Conscrypt.Version v = Conscrypt.version();
        return "Conscrypt " + v.major() + "." + v.minor() + "." + v.patch() + ", BoringSSL";
    }
}
