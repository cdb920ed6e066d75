package org.chunkbench.backends;

import java.nio.ByteBuffer;

/** Drives a ChunkedCipher over a whole input, split into chunks, the way a caller of either mode would. */
public final class Chunker {
    private Chunker() {
    }

    /**
     * Processes {@code data} in chunks of {@code chunk} bytes (the last one may be shorter) through a fresh cipher of
     * {@code variant}, with {@code bufferKind} ("heap" or "direct") buffers, and returns the concatenated output.
     */
    public static byte[] run(String variant, Direction dir, Mode mode, byte[] key, byte[] iv, byte[] data, int chunk,
                             String bufferKind) {
        AesKey k = AesKey.ofBytes(key);
        CipherSpec spec = mode == Mode.STREAM ? CipherSpec.stream(dir, k, iv) : CipherSpec.perChunkIv(dir, k);
        byte[] result = new byte[data.length];
        try (ChunkedCipher c = Backends.open(variant, spec)) {
            ByteBuffer in = Reference.buffer(bufferKind, chunk);
            ByteBuffer out = Reference.buffer(bufferKind, chunk);
            for (int off : order(mode, data.length, chunk)) {
                int n = Math.min(chunk, data.length - off);
                in.clear();
                in.put(data, off, n).flip();
                out.clear();
                if (mode == Mode.STREAM) {
                    c.process(in, out);
                } else {
                    // Counter from BigInteger arithmetic, not from CounterBlock: the test must not trust code under test.
                    c.process(Reference.counterAt(iv, off), in, out);
                }
                if (in.remaining() != 0 || out.position() != n) {
                    throw new AssertionError(variant + ": positions not advanced by " + n + " (in.remaining=" + in.remaining()
                            + ", out.position=" + out.position() + ")");
                }
                out.flip().get(result, off, n);
            }
        } finally {
            k.destroy();
        }
        return result;
    }

    /**
     * Chunk offsets in the order they are processed. In per-chunk-iv mode the order is shuffled (seeded), with a ragged
     * tail kept last: consecutive counter blocks would let a backend that ignores the passed counter block pass.
     */
    static java.util.List<Integer> order(Mode mode, int length, int chunk) {
        java.util.List<Integer> offsets = new java.util.ArrayList<>();
        for (int off = 0; off < length; off += chunk) {
            offsets.add(off);
        }
        if (mode == Mode.PER_CHUNK_IV && offsets.size() > 1) {
            int last = offsets.get(offsets.size() - 1);
            boolean raggedTail = (length - last) % 16 != 0;
            java.util.List<Integer> head = raggedTail ? offsets.subList(0, offsets.size() - 1) : offsets;
            java.util.Collections.shuffle(head, new java.util.Random(length * 31L + chunk));
            if (head.size() > 1 && head.get(0) == 0) {
                java.util.Collections.swap(head, 0, 1); // never start at offset 0, where "no restart" is still right
            }
        }
        return offsets;
    }
}
