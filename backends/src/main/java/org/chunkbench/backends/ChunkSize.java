package org.chunkbench.backends;

/**
 * The one chunk-size check, shared by the command line, the sweep planner and the benchmark: a whole number of
 * AES blocks (a stream may only pass whole 16-byte blocks, a ragged chunk would end it), and no larger than the
 * buffers any backend is asked to hold.
 */
public final class ChunkSize {
    public static final int MAX = 64 * 1024 * 1024;

    private ChunkSize() {
    }

    /** Returns {@code bytes}; {@code subject} names the value in the message ("--chunk", "chunk size"). */
    public static int check(String subject, int bytes) {
        if (bytes < CounterBlock.SIZE || bytes % CounterBlock.SIZE != 0 || bytes > MAX) {
            throw new IllegalArgumentException(subject + " " + bytes + " is not allowed; use a multiple of 16 from 16 to "
                    + MAX + " (a stream may only pass whole 16-byte blocks)");
        }
        return bytes;
    }
}
