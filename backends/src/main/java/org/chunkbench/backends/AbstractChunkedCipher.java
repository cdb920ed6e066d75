package org.chunkbench.backends;

import java.nio.ByteBuffer;
import java.util.Objects;

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
 * <p>The per-chunk cost of all this is one field compare: {@link #state} says at once whether the instance is
 * usable and in the mode the call needs. The array overloads are final here too, with the same contract and
 * messages; they build no {@code ByteBuffer} and call {@link #cryptArrays}.
 */
public abstract class AbstractChunkedCipher implements ChunkedCipher {
    /** {@link #state} while usable in stream mode. */
    private static final int STREAM = 0;
    /** {@link #state} while usable in per-chunk-iv mode. */
    private static final int PER_CHUNK_IV = 1;
    /** {@link #state} once closed, broken, or ended by a ragged chunk; {@link #unusable} says which. */
    private static final int UNUSABLE = 2;

    private final String backend;
    private final CipherSpec spec;
    private final boolean stream;
    /**
     * One field answers "usable, and in the mode this call needs?": each {@code process} compares it with one
     * constant and takes the slow path ({@link #refuse}) on anything else.
     */
    private int state;
    /** Null while usable; otherwise why not (closed, broken, or the stream ended with a ragged chunk). */
    private String unusable;
    private boolean closed;
    /** The default {@link #cryptArrays}: views of the caller's last arrays, re-wrapped only when an array changes. */
    private byte[] wrappedIn;
    private byte[] wrappedOut;
    private ByteBuffer inView;
    private ByteBuffer outView;

    protected AbstractChunkedCipher(String backend, CipherSpec spec) {
        this.backend = backend;
        this.spec = spec;
        this.stream = spec.mode() == Mode.STREAM;
        this.state = stream ? STREAM : PER_CHUNK_IV;
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
        if (state != STREAM) {
            throw refuse();
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
        if (state != PER_CHUNK_IV) {
            throw refuse();
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

    /**
     * The array overload: the same contract and messages as {@link #process(ByteBuffer, ByteBuffer)} with
     * {@code ByteBuffer.wrap(in, inOff, len)} and {@code ByteBuffer.wrap(out, outOff, out.length - outOff)},
     * without building either buffer (bounds are {@link IndexOutOfBoundsException}s, as {@code wrap} throws).
     */
    @Override
    public final void process(byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (state != STREAM) {
            throw refuse();
        }
        checkArrays(in, inOff, len, out, outOff);
        try {
            cryptArrays(in, inOff, len, out, outOff);
        } catch (RuntimeException | Error e) {
            markBroken(e);
            throw e;
        }
    }

    /** Per-chunk-iv mode on arrays; see {@link #process(byte[], int, int, byte[], int)}. */
    @Override
    public final void process(byte[] counterBlock, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (state != PER_CHUNK_IV) {
            throw refuse();
        }
        CounterBlock.check(counterBlock);
        checkArrays(in, inOff, len, out, outOff);
        try {
            restart(counterBlock);
            cryptArrays(in, inOff, len, out, outOff);
        } catch (RuntimeException | Error e) {
            markBroken(e);
            throw e;
        }
    }

    /** Why this call cannot go on: the instance is unusable, or the call is the other mode's. */
    private IllegalStateException refuse() {
        if (unusable != null) {
            return new IllegalStateException(unusable);
        }
        if (!stream) {
            return new IllegalStateException(backend + ": opened in per-chunk-iv mode; pass the counter block with every chunk");
        }
        return new IllegalStateException(backend + ": opened in stream mode; the counter is carried from chunk to chunk, "
                + "so no counter block may be passed");
    }

    private void checkArrays(byte[] in, int inOff, int len, byte[] out, int outOff) {
        Objects.checkFromIndexSize(inOff, len, in.length);
        int room = out.length - outOff;
        if (room < len || outOff < 0) {
            Objects.checkFromToIndex(outOff, out.length, out.length);
            throw shortOutput(room, len);
        }
        if (in == out && inOff != outOff) {
            checkOverlap(inOff, outOff, len);
        }
        if ((len & (CounterBlock.SIZE - 1)) != 0) {
            end(len);
        }
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
        int room = out.remaining();
        if (room < len) {
            throw shortOutput(room, len);
        }
        if (out != in) {
            if (in.hasArray()) {
                if (out.hasArray() && in.array() == out.array()) {
                    checkOverlap(in.arrayOffset() + in.position(), out.arrayOffset() + out.position(), len);
                }
            } else if (in.isDirect() && out.isDirect()) {
                checkDirectOverlap(in, out, len);
            }
        }
        if ((len & (CounterBlock.SIZE - 1)) != 0) {
            end(len);
        }
        return len;
    }

    private IllegalArgumentException shortOutput(int room, int len) {
        return new IllegalArgumentException(backend + ": output buffer has " + room + " bytes left but the chunk is " + len
                + " bytes; the output needs at least as many bytes as the input");
    }

    /** A chunk that is not a multiple of 16 ends the stream: this one is processed, every later one refused. */
    private void end(int len) {
        unusable = backend + ": the stream already ended with a chunk of " + len
                + " bytes; only the last chunk may be a length that is not a multiple of 16";
        state = UNUSABLE;
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
        state = UNUSABLE;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            unusable = backend + ": cipher is closed";
            state = UNUSABLE;
            wrappedIn = null;
            wrappedOut = null;
            inView = null;
            outView = null;
            release();
        }
    }

    protected final boolean isClosed() {
        return closed;
    }

    /** Encrypts or decrypts {@code len} bytes from {@code in} into {@code out}, positions untouched. */
    protected abstract void crypt(ByteBuffer in, ByteBuffer out, int len);

    /**
     * The array overloads' engine call: {@code len} bytes from {@code in[inOff..]} into {@code out[outOff..]},
     * checked already (bounds, room, overlap), continuing the counter. This default hands the arrays to
     * {@link #crypt} through two views owned by the instance, re-wrapped only when the caller passes another
     * array, so a steady stream of chunks allocates nothing and backends that work on buffers need no code of
     * their own; {@link ArrayChunkedCipher} replaces it with a direct call into its engine.
     */
    protected void cryptArrays(byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (in != wrappedIn) {
            inView = ByteBuffer.wrap(in);
            wrappedIn = in;
        }
        if (out != wrappedOut) {
            outView = ByteBuffer.wrap(out);
            wrappedOut = out;
        }
        ByteBuffer i = inView;
        ByteBuffer o = outView;
        i.limit(inOff + len).position(inOff);
        o.limit(out.length).position(outOff);
        crypt(i, o, len);
    }

    /** Per-chunk-iv mode: the next {@link #crypt} starts from this counter block. */
    protected abstract void restart(byte[] counterBlock);

    /** Frees everything; called exactly once. */
    protected abstract void release();
}
