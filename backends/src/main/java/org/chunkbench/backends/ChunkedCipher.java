package org.chunkbench.backends;

import java.nio.ByteBuffer;

/**
 * AES-CTR over a stream that arrives in chunks: open with a key and IV, process one chunk at a time into a
 * buffer the caller owns, close.
 *
 * <p>Each call reads {@code in.remaining()} bytes from {@code in} and writes as many into {@code out}, advancing
 * both positions. Chunks are multiples of 16 bytes, except the last chunk of a stream, which may be shorter or
 * ragged; after it, the cipher takes no more chunks. Heap and direct buffers are both accepted, in any mix.
 *
 * <p>{@code in} and {@code out} may be the same buffer, or view the same bytes at the same position (in place).
 * Any other overlap of the two either gives the right answer or is refused with an
 * {@link IllegalArgumentException} before anything is written.
 * Read-only input is accepted. If a chunk fails part-way (a native call, a provider), the instance is broken:
 * every later call throws {@link IllegalStateException} naming the first failure.
 *
 * <p>One instance is used by one thread at a time; instances are not thread-safe. {@link #close()} releases
 * every resource (native memory, file descriptors, key copies), may be called any number of times, and any
 * use after it throws {@link IllegalStateException}.
 */
public interface ChunkedCipher extends AutoCloseable {

    /** What this cipher was opened with (a copy of the IV; the key is not re-exposed). */
    CipherSpec spec();

    /** The backend variant that produced this cipher, as it would be spelled in a sweep (for example {@code sunjce}). */
    String backend();

    /** {@link Mode#STREAM}: one chunk, the counter carried on from the previous chunk. */
    void process(ByteBuffer in, ByteBuffer out);

    /** {@link Mode#PER_CHUNK_IV}: one chunk, starting from {@code counterBlock} (16 bytes, not retained). */
    void process(byte[] counterBlock, ByteBuffer in, ByteBuffer out);

    /**
     * {@link Mode#STREAM} on arrays: {@code len} bytes from {@code in[inOff..]} into {@code out[outOff..]}. The
     * same contract and messages as {@code process(ByteBuffer.wrap(in, inOff, len), ByteBuffer.wrap(out, outOff,
     * out.length - outOff))}: bounds outside an array are an {@link IndexOutOfBoundsException}, too little room
     * after {@code outOff} and overlap within one array other than the same region an
     * {@link IllegalArgumentException}. Every backend implements it without building buffers per chunk.
     */
    default void process(byte[] in, int inOff, int len, byte[] out, int outOff) {
        process(ByteBuffer.wrap(in, inOff, len), ByteBuffer.wrap(out, outOff, out.length - outOff));
    }

    /** {@link Mode#PER_CHUNK_IV} on arrays. */
    default void process(byte[] counterBlock, byte[] in, int inOff, int len, byte[] out, int outOff) {
        process(counterBlock, ByteBuffer.wrap(in, inOff, len), ByteBuffer.wrap(out, outOff, out.length - outOff));
    }

    @Override
    void close();
}
