package org.chunkbench.backends.kernel;

import java.nio.ByteBuffer;

/**
 * The copy path's loop over one chunk, shared by the kernel backend ({@link AfAlgCipher}) and the {@code syscall}
 * control ({@link SyscallControl}): pieces of at most {@link #PIECE} bytes, each sent and its output read back
 * before the next is sent (the class comment of {@link AfAlgCipher} says why). Each user passes a {@link Step} made once at open, so a chunk
 * allocates nothing.
 */
final class Pieces {
    /** 16 pages: the most one splice may carry, and comfortably below the default socket send buffer. */
    static final int PIECE = AfAlgCipher.PIECE;

    /** Sends bytes {@code [offset, offset + n)} of the chunk and reads its {@code n} bytes of output back. */
    interface Step {
        void piece(ByteBuffer in, ByteBuffer out, int offset, int n, boolean last);
    }

    private Pieces() {
    }

    static void copy(ByteBuffer in, ByteBuffer out, int len, Step step) {
        for (int done = 0; done < len; ) {
            int n = Math.min(PIECE, len - done);
            step.piece(in, out, done, n, done + n == len);
            done += n;
        }
    }
}
