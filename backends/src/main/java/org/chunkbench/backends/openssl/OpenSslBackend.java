package org.chunkbench.backends.openssl;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkPath;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.SealedRecords;

/**
 * The system's OpenSSL libcrypto called directly, through JNA ({@code binding=jna}, any JDK) or the FFM API
 * ({@code binding=ffm}, JDK 22+, the default there): the user-space baseline that crosses the same binding as the
 * kernel backend, so the two together separate the cost of the binding from the cost of the kernel.
 */
public final class OpenSslBackend implements Backend {
    /** The release-22 binding (src/main/java22), loaded by name only on JDK 22+. */
    static final String FFM_CLASS = "org.chunkbench.backends.openssl.FfmLibCrypto";

    private Availability jna;
    private Availability ffm;
    private LibCrypto ffmBinding;

    @Override
    public String name() {
        return "openssl";
    }

    @Override
    public String description() {
        return "the system's OpenSSL libcrypto, EVP aes-N-ctr (one EVP_CIPHER_CTX per instance) and aes-N-gcm; option binding=ffm|jna "
                + "(FFM needs JDK 22+ and is the default there, else JNA direct mapping)";
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(Binding.OPTION);
    }

    @Override
    public synchronized Availability availability() {
        Availability j = availability(Binding.JNA);
        Availability f = availability(Binding.FFM);
        if (j.available() || f.available()) {
            return Availability.yes();
        }
        return Availability.no("binding=jna: " + j.reason() + "; binding=ffm: " + f.reason());
    }

    /** Whether one binding can run here. */
    public synchronized Availability availability(Binding binding) {
        if (binding == Binding.JNA) {
            if (jna == null) {
                try {
                    jna = JnaLibCrypto.LOAD_ERROR == null ? Availability.yes() : Availability.no(JnaLibCrypto.LOAD_ERROR);
                } catch (LinkageError e) {
                    // JNA itself could not load its native stub (for example no build for this CPU).
                    jna = Availability.no("JNA could not load: " + e);
                }
            }
            return jna;
        }
        if (ffm == null) {
            Binding.Loaded<LibCrypto> loaded = Binding.tryLoadFfm(FFM_CLASS, LibCrypto.class, LibCrypto::loadError);
            ffmBinding = loaded.instance();
            String reason = loaded.reason();
            ffm = reason == null ? Availability.yes() : Availability.no(reason);
        }
        return ffm;
    }

    /** {@code ffm} where it can run, else {@code jna}. */
    public Binding defaultBinding() {
        return availability(Binding.FFM).available() ? Binding.FFM : Binding.JNA;
    }

    @Override
    public BackendSpec canonical(BackendSpec variant) {
        Binding b = Binding.requested(name(), variant.options());
        return Binding.withBinding(variant, b == null ? defaultBinding() : b);
    }

    @Override
    public String version() {
        Binding b = defaultBinding();
        if (!availability(b).available()) {
            return "-";
        }
        return binding(b).version() + ", binding=" + b.spelling();
    }

    @Override
    public List<String> details() {
        Binding d = defaultBinding();
        return List.of(line(Binding.FFM, d), line(Binding.JNA, d));
    }

    private String line(Binding b, Binding dflt) {
        Availability a = availability(b);
        return "binding=" + b.spelling() + ": " + (a.available() ? "available" + (b == dflt ? " (the default here)" : "")
                : "unavailable: " + a.reason());
    }

    /** The binding's calls; only after {@link #availability(Binding)} said yes. */
    private LibCrypto binding(Binding b) {
        return b == Binding.FFM ? ffmBinding : JnaLibCrypto.INSTANCE;
    }

    /**
     * How {@code openssl[binding=b]} spends a chunk ({@link OpenSslChunkedCipher}): one {@code EVP_CipherUpdate}
     * per chunk on the caller's memory for two direct buffers, and for heap ones where the binding passes arrays in
     * place (FFM); otherwise (JNA heap) one per {@link OpenSslChunkedCipher#STAGE} bytes through native staging.
     * Plus one {@code EVP_CipherInit_ex} per chunk in per-chunk-iv mode. Known without loading the binding.
     */
    public static ChunkPath path(Binding b, boolean perChunkIv, boolean directBuffers) {
        boolean copied = !directBuffers && b == Binding.JNA;
        int piece = copied ? OpenSslChunkedCipher.STAGE : Integer.MAX_VALUE;
        int init = perChunkIv ? 1 : 0;
        return new ChunkPath("openssl-null[binding=" + b.spelling() + "]", ChunkPath.noOpCall(b),
                piece, copied, n -> ChunkPath.pieces(n, piece) + init);
    }

    @Override
    public ChunkedCipher open(CipherSpec spec, Map<String, String> options) {
        Binding b = chosen(options);
        return new OpenSslChunkedCipher(binding(b), variant(b), spec);
    }

    /** AES-GCM sealed records through EVP ({@link OpenSslSealedRecords}), over the same binding choice as CTR. */
    @Override
    public SealedRecords openAead(AeadSpec spec, Map<String, String> options) {
        Binding b = chosen(options);
        return new OpenSslSealedRecords(binding(b), variant(b), spec);
    }

    /** The binding asked for, else the default here; {@link BackendUnavailableException} when it cannot run. */
    private Binding chosen(Map<String, String> options) {
        Binding requested = Binding.requested(name(), options);
        Binding b = requested == null ? defaultBinding() : requested;
        Availability a = availability(b);
        if (!a.available()) {
            throw new BackendUnavailableException("backend " + variant(b) + " is not available: " + a.reason());
        }
        return b;
    }

    private String variant(Binding b) {
        return name() + "[binding=" + b.spelling() + "]";
    }

    /**
     * The {@code openssl-null[binding=...]} control through one binding ({@link OpenSslControls}); throws
     * {@link BackendUnavailableException} with the reason when that binding cannot run here.
     */
    ChunkedCipher openNullCipher(Binding b, String spelled, CipherSpec spec) {
        Availability a = availability(b);
        if (!a.available()) {
            throw new BackendUnavailableException(spelled + " is not available: " + a.reason());
        }
        return new OpenSslChunkedCipher(binding(b), spelled, spec, true);
    }
}
