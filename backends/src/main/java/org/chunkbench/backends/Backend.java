package org.chunkbench.backends;

import java.util.Map;
import java.util.Set;

/**
 * One implementation of AES-CTR that can open {@link ChunkedCipher}s. A backend obtains its ciphers from its
 * own provider object or library, never from a global lookup, so nothing can silently fall back to another
 * provider.
 */
public interface Backend {
    /** Stable name used on the command line and in results, for example {@code sunjce}. */
    String name();

    /** What it is and what it implements, in one line. */
    String description();

    /** Checked once, cached. */
    Availability availability();

    /** Provider and library version as the provider or library itself reports it; only meaningful when available. */
    String version();

    /** Variant options this backend accepts in {@code name[key=value,...]}; empty for most. */
    default Set<String> optionNames() {
        return Set.of();
    }

    /** Further lines for {@code chunkbench backends} (for example the kernel's drivers); empty for most. */
    default java.util.List<String> details() {
        return java.util.List.of();
    }

    /**
     * The variant as results spell it: defaults that depend on the machine (such as {@code binding}) made explicit,
     * so a result names what actually ran. Unknown option values are {@link IllegalArgumentException}s.
     */
    default BackendSpec canonical(BackendSpec variant) {
        return variant;
    }

    /**
     * Opens a cipher. Options have been checked against {@link #optionNames()}. Throws
     * {@link BackendUnavailableException} when the backend cannot run here.
     */
    ChunkedCipher open(CipherSpec spec, Map<String, String> options);

    /**
     * Opens AES-GCM sealed records ({@link AeadSpec#CIPHER}), apart from the CTR path. Options have been checked as
     * for {@link #open}. A backend without GCM throws {@link BackendUnavailableException} saying so.
     */
    default SealedRecords openAead(AeadSpec spec, Map<String, String> options) {
        throw new BackendUnavailableException(AeadSpec.CIPHER + " is not implemented for backend " + name());
    }
}
