package org.chunkbench.backends;

import java.nio.ByteBuffer;

/**
 * The checks every backend shares, done once here so that each backend does the same work per chunk and
 * the messages are the same everywhere. Subclasses implement {@link #crypt} and {@link #restart}; they read
 * {@code len} bytes at {@code in.position()} and write them at {@code out.position()} without moving either
 * position (this class advances both afterwards, once when {@code in} and {@code out} are the same object).
 *
 * <p><b>Broken instances.</b> An exception out of {@link #crypt} or {@link #restart} (a native call that failed, a
 * provider that threw) may leave the engine part-way through a chunk: its counter, a pipe or a socket then no
 * longer line up with the caller's stream. Such an instance is marked broken and every later call throws an
 * {@link IllegalStateException} naming the first failure, instead of returning misaligned output. Bad arguments
 * found before any work is done (short output, wrong counter block) do not break an instance.
 *
 * <p>The per-chunk cost of all this is one field read: {@link #unusable} is null while the instance can be used.
 */
public abstract class AbstractChunkedCipher implements ChunkedCipher {
    private final String backend;
    private final CipherSpec spec;
    private final boolean stream;
    /** Null while usable; otherwise why not (closed, broken, or the stream ended with a ragged chunk). */
    private String unusable;
    private boolean closed;

    protected AbstractChunkedCipher(String backend, CipherSpec spec) {
        this.backend = backend;
        this.spec = spec;
        this.stream = spec.mode() == Mode.STREAM;
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
        if (unusable != null) {
            throw new IllegalStateException(unusable);
        }
        if (!stream) {
            throw new IllegalStateException(backend + ": opened in per-chunk-iv mode; pass the counter block with every chunk");
        }
        int len = checkChunk(in, out);
        try {
            crypt(in, out, len);
        } catch (RuntimeException | Error e) {
            markBroken(e);
            throw e;
        }
        advance(in, out, len);
    }

    @Override
    public final void process(byte[] counterBlock, ByteBuffer in, ByteBuffer out) {
        if (unusable != null) {
            throw new IllegalStateException(unusable);
        }
        if (stream) {
            throw new IllegalStateException(backend + ": opened in stream mode; the counter is carried from chunk to chunk, "
                    + "so no counter block may be passed");
        }
        CounterBlock.check(counterBlock);
        int len = checkChunk(in, out);
        try {
            restart(counterBlock);
            crypt(in, out, len);
        } catch (RuntimeException | Error e) {
            markBroken(e);
            throw e;
        }
        advance(in, out, len);
    }

    private static void advance(ByteBuffer in, ByteBuffer out, int len) {
        in.position(in.position() + len);
        if (out != in) {
            out.position(out.position() + len);
        }
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
        if (out != in) {
            if (in.hasArray() && out.hasArray() && in.array() == out.array()) {
                checkOverlap(in.arrayOffset() + in.position(), out.arrayOffset() + out.position(), len);
            } else if (in.isDirect() && out.isDirect()) {
                checkDirectOverlap(in, out, len);
            }
        }
        if (len % CounterBlock.SIZE != 0) {
            unusable = backend + ": the stream already ended with a chunk of " + len
                    + " bytes; only the last chunk may be a length that is not a multiple of 16";
        }
        return len;
    }

    /**
     * Rejects input and output that share memory without being the same region: an engine that works in pieces
     * would overwrite input it has not read yet. {@code inAt} and {@code outAt} are offsets in the same array or
     * addresses in the same address space. Subclasses call it from {@link #checkDirectOverlap}.
     */
    protected final void checkOverlap(long inAt, long outAt, int len) {
        if (inAt != outAt && inAt < outAt + len && outAt < inAt + len) {
            throw new IllegalArgumentException(backend + ": input and output overlap without being the same region "
                    + "(output starts " + (outAt - inAt) + " bytes after the input, chunk of " + len + " bytes); "
                    + "pass the same region for in-place processing, or buffers that do not overlap");
        }
    }

    /**
     * Two distinct direct buffers: a subclass that knows their addresses (or must, because it works in pieces)
     * calls {@link #checkOverlap} with them. Runs before any work, so a rejection leaves the instance usable.
     */
    protected void checkDirectOverlap(ByteBuffer in, ByteBuffer out, int len) {
    }

    private void markBroken(Throwable e) {
        // Overrides a ragged end marked for this same chunk: the failure is the more useful reason.
        unusable = backend + ": cipher is broken: an earlier chunk failed part-way (" + e
                + "), so its counter no longer matches the stream; close it and open a new one";
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            unusable = backend + ": cipher is closed";
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
