package org.chunkbench.backends;

import java.util.Objects;

/**
 * What to open: direction, mode, key and (in {@link Mode#STREAM} mode) the initial counter block.
 * In {@link Mode#PER_CHUNK_IV} mode the IV comes with every chunk and {@code iv} may be null.
 */
public record CipherSpec(Direction direction, Mode mode, AesKey key, byte[] iv) {
    /** The cipher's name on the command line and in results ({@link AeadSpec#CIPHER} is the other). */
    public static final String CIPHER = "aes-ctr";

    /** Every cipher chunkbench runs, in the order the help lists them. */
    public static final java.util.List<String> CIPHERS = java.util.List.of(CIPHER, AeadSpec.CIPHER);

    public CipherSpec {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(key, "key");
        if (iv != null || mode == Mode.STREAM) {
            CounterBlock.check(iv);
            iv = iv.clone();
        }
    }

    public static CipherSpec stream(Direction direction, AesKey key, byte[] iv) {
        return new CipherSpec(direction, Mode.STREAM, key, iv);
    }

    public static CipherSpec perChunkIv(Direction direction, AesKey key) {
        return new CipherSpec(direction, Mode.PER_CHUNK_IV, key, null);
    }

    @Override
    public byte[] iv() {
        return iv == null ? null : iv.clone();
    }
}
