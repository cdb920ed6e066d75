package org.chunkbench.backends.openssl;

import java.util.Map;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;

/**
 * The system's OpenSSL libcrypto called directly through JNA: the user-space baseline that crosses the same
 * binding as the kernel backend, so the two together separate the cost of JNA from the cost of the kernel.
 */
public final class OpenSslBackend implements Backend {
    private Availability availability;

    @Override
    public String name() {
        return "openssl";
    }

    @Override
    public String description() {
        return "the system's OpenSSL libcrypto through JNA direct mapping, EVP aes-N-ctr (one EVP_CIPHER_CTX per instance)";
    }

    @Override
    public synchronized Availability availability() {
        if (availability == null) {
            try {
                availability = LibCrypto.LOAD_ERROR == null ? Availability.yes() : Availability.no(LibCrypto.LOAD_ERROR);
            } catch (LinkageError e) {
                // JNA itself could not load its native stub (for example no build for this CPU).
                availability = Availability.no("JNA could not load: " + e);
            }
        }
        return availability;
    }

    @Override
    public String version() {
        if (!availability().available()) {
            return "-";
        }
        return LibCrypto.OpenSSL_version(LibCrypto.OPENSSL_VERSION).getString(0) + " (" + LibCrypto.LIBRARY
                + String.format(", OPENSSL_VERSION_NUMBER 0x%x)", LibCrypto.OpenSSL_version_num());
    }

    @Override
    public ChunkedCipher open(CipherSpec spec, Map<String, String> options) {
        return new OpenSslChunkedCipher(name(), spec);
    }
}
