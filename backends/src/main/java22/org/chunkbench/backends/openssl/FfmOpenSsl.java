package org.chunkbench.backends.openssl;

import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;

/** The FFM binding of the openssl backend; {@link OpenSslBackend} loads it by name on JDK 22+. */
public final class FfmOpenSsl implements OpenSslBackend.FfmBinding {
    public FfmOpenSsl() {
    }

    @Override
    public String loadError() {
        return FfmLibCrypto.LOAD_ERROR;
    }

    @Override
    public String version() {
        return FfmLibCrypto.version();
    }

    @Override
    public java.util.function.LongSupplier noOpCall(boolean critical) {
        return critical ? FfmLibCrypto::versionNumCritical : FfmLibCrypto::versionNumPlain;
    }

    @Override
    public ChunkedCipher open(String variant, CipherSpec spec) {
        return new FfmOpenSslCipher(variant, spec);
    }

    @Override
    public ChunkedCipher openNullCipher(String variant, CipherSpec spec) {
        return new FfmOpenSslCipher(variant, spec, true);
    }
}
