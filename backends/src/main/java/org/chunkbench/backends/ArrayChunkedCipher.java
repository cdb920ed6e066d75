package org.chunkbench.backends;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.chunkbench.backends.memory.NativeMemory;

/**
 * Base for backends whose engine works on {@code byte[]} (JCA providers, Bouncy Castle's lightweight API).
 * The array overloads go straight to {@link #cryptArrays}; heap buffers are handed over as their backing arrays; direct buffers go through two scratch arrays owned
 * by the instance, in slices of at most {@value #SCRATCH} bytes. The JCA's own {@code update(ByteBuffer,
 * ByteBuffer)} would allocate a temporary array per call for direct buffers; owning the scratch keeps the
 * steady state free of allocation for every buffer kind.
 *
 * <p>Overlap: one slice is read whole before it is written, so any overlap is harmless up to {@value #SCRATCH}
 * bytes. Longer chunks of two direct buffers that overlap without being the same region are rejected; a
 * read-only heap input longer than that is copied first, because its array cannot be compared with the
 * output's (the only case that allocates, and only for such chunks).
 */
public abstract class ArrayChunkedCipher extends AbstractChunkedCipher {
    static final int SCRATCH = 64 * 1024;
    private byte[] scratchIn;
    private byte[] scratchOut;

    protected ArrayChunkedCipher(String backend, CipherSpec spec) {
        super(backend, spec);
    }

    @Override
    protected final void crypt(ByteBuffer in, ByteBuffer out, int len) {
        if (in.hasArray() && out.hasArray()) {
            cryptArrays(in.array(), in.arrayOffset() + in.position(), len, out.array(), out.arrayOffset() + out.position());
            return;
        }
        cryptSlices(in, out, len);
    }

    /** Direct buffers, or read-only heap input (whose array is not accessible): through the scratch arrays. */
    private void cryptSlices(ByteBuffer in, ByteBuffer out, int len) {
        if (scratchIn == null) {
            scratchIn = new byte[SCRATCH];
            scratchOut = new byte[SCRATCH];
        }
        int inPos = in.position();
        if (len > SCRATCH && in != out) {
            // Several slices: the output of one must not overwrite input of the next that is still unread.
            if (!in.isDirect() && !in.hasArray() && !out.isDirect()) {
                // Read-only heap input may share its array with the output, and nothing tells: read it all first.
                byte[] copy = new byte[len];
                in.get(inPos, copy, 0, len);
                in = ByteBuffer.wrap(copy);
                inPos = 0;
            }
        }
        int outPos = out.position();
        for (int done = 0; done < len; ) {
            int n = Math.min(SCRATCH, len - done);
            byte[] ia;
            int io;
            if (in.hasArray()) {
                ia = in.array();
                io = in.arrayOffset() + inPos + done;
            } else {
                in.get(inPos + done, scratchIn, 0, n);
                ia = scratchIn;
                io = 0;
            }
            if (out.hasArray()) {
                cryptArrays(ia, io, n, out.array(), out.arrayOffset() + outPos + done);
            } else {
                cryptArrays(ia, io, n, scratchOut, 0);
                out.put(outPos + done, scratchOut, 0, n);
            }
            done += n;
        }
    }

    @Override
    protected final void checkDirectOverlap(ByteBuffer in, ByteBuffer out, int len) {
        // Up to one slice, the input is read whole before any output is written: overlap cannot hurt.
        if (len > SCRATCH) {
            NativeMemory m = NativeMemory.of(Binding.JNA);
            checkOverlap(m.address(in) + in.position(), m.address(out) + out.position(), len);
        }
    }

    /**
     * Processes exactly {@code len} bytes; continues the counter of the previous call. The array overloads of
     * {@link ChunkedCipher} call it straight after their checks, heap buffers after reading their arrays.
     */
    @Override
    protected abstract void cryptArrays(byte[] in, int inOff, int len, byte[] out, int outOff);

    @Override
    protected void release() {
        // Plaintext and ciphertext passed through the scratch arrays.
        if (scratchIn != null) {
            Arrays.fill(scratchIn, (byte) 0);
            Arrays.fill(scratchOut, (byte) 0);
        }
        scratchIn = null;
        scratchOut = null;
    }
}
