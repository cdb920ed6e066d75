package org.chunkbench.backends;

import java.nio.ByteBuffer;

/**
 * The checks every backend shares, done once here so that each backend does the same work per chunk and
 * the messages are the same everywhere. Subclasses implement {@link #crypt} and {@link #restart}; they read
 * {@code len} bytes at {@code in.position()} and write them at {@code out.position()} without moving either
 * position (this class advances both afterwards).
 */
public abstract class AbstractChunkedCipher implements ChunkedCipher {
    private final String backend;
    private final CipherSpec spec;
    private boolean closed;
    /** Length of the ragged chunk that ended the stream, or -1 while the stream is open. */
    private int raggedEnd = -1;

    protected AbstractChunkedCipher(String backend, CipherSpec spec) {
        this.backend = backend;
        this.spec = spec;
    }

    @Override
    public final CipherSpec spec() {
        return spec;
    }

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final void process(ByteBuffer in, ByteBuffer out) {
        checkOpen();
        if (spec.mode() != Mode.STREAM) {
            throw new IllegalStateException(backend + ": opened in per-chunk-iv mode; pass the counter block with every chunk");
        }
        int len = checkChunk(in, out);
        crypt(in, out, len);
        advance(in, out, len);
    }

    @Override
    public final void process(byte[] counterBlock, ByteBuffer in, ByteBuffer out) {
        checkOpen();
        if (spec.mode() != Mode.PER_CHUNK_IV) {
            throw new IllegalStateException(backend + ": opened in stream mode; the counter is carried from chunk to chunk, "
                    + "so no counter block may be passed");
        }
        CounterBlock.check(counterBlock);
        int len = checkChunk(in, out);
        restart(counterBlock);
        crypt(in, out, len);
        advance(in, out, len);
    }

    private static void advance(ByteBuffer in, ByteBuffer out, int len) {
        in.position(in.position() + len);
        out.position(out.position() + len);
    }

    private int checkChunk(ByteBuffer in, ByteBuffer out) {
        int len = in.remaining();
        if (out.isReadOnly()) {
            throw new IllegalArgumentException(backend + ": output buffer is read-only");
        }
        if (out.remaining() < len) {
            throw new IllegalArgumentException(backend + ": output buffer has " + out.remaining()
                    + " bytes left but the chunk is " + len + " bytes; the output needs at least as many bytes as the input");
        }
        if (raggedEnd >= 0) {
            throw new IllegalStateException(backend + ": the stream already ended with a chunk of " + raggedEnd
                    + " bytes; only the last chunk may be a length that is not a multiple of 16");
        }
        if (len % CounterBlock.SIZE != 0) {
            raggedEnd = len;
        }
        return len;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(backend + ": cipher is closed");
        }
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }

    protected final boolean isClosed() {
        return closed;
    }

    /** Encrypts or decrypts {@code len} bytes from {@code in} into {@code out}, positions untouched. */
    protected abstract void crypt(ByteBuffer in, ByteBuffer out, int len);

    /** Per-chunk-iv mode: the next {@link #crypt} starts from this counter block. */
    protected abstract void restart(byte[] counterBlock);

    /** Frees everything; called exactly once. */
    protected abstract void release();
}
