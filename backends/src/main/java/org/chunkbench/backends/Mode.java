package org.chunkbench.backends;

/**
 * How the counter block reaches each chunk.
 *
 * <ul>
 *   <li>{@link #STREAM}: the IV is given once at open; the backend carries the counter from chunk to chunk.</li>
 *   <li>{@link #PER_CHUNK_IV}: every chunk comes with the counter block for its offset, as a record or packet
 *       protocol would send it; the backend starts afresh from it.</li>
 * </ul>
 * Both give output byte-identical to one-shot encryption of the whole input.
 */
public enum Mode {
    STREAM("stream"),
    PER_CHUNK_IV("per-chunk-iv");

    private final String cliName;

    Mode(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Mode parse(String s) {
        for (Mode m : values()) {
            if (m.cliName.equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + s + "'; allowed: stream, per-chunk-iv");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
