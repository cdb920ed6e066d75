package org.chunkbench.backends.kernel;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.jna.NativeStaging;
import org.chunkbench.backends.jna.OwnedMemory;

/**
 * The {@code syscall[binding=jna]} control (its FFM twin is {@code FfmSyscallControl}): each chunk goes out with {@code sendmsg} on one end of an
 * {@code AF_UNIX} {@code SOCK_SEQPACKET} socket pair and comes back with {@code read} on the other, in pieces of
 * {@link Pieces#PIECE} bytes, through the kernel backend's binding ({@link LibC}), staging
 * ({@link NativeStaging}) and msghdr layout ({@link AlgLayout}). That is the kernel backend's copy path (two
 * system calls and two kernel copies per piece) without AF_ALG and without crypto; the output equals the input.
 *
 * <p>Unlike the kernel backend it sends no control messages, so in per-chunk-iv mode a counter block changes
 * nothing. A sequenced-packet socket keeps message boundaries: one {@code read} returns one piece, and a short
 * read would mean the rest of the message was dropped, so it is an error rather than something to loop on.
 */
final class SyscallControl extends AbstractChunkedCipher {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int OFF_MSG = 0;
    private static final int OFF_IOV = 64;
    private static final int OFF_SCRATCH = OFF_IOV + AlgLayout.IOVEC_SIZE;
    private static final int BLOCK_SIZE = OFF_SCRATCH + 8;

    private final Pair fds;
    private final Cleaner.Cleanable cleanable;
    private final OwnedMemory block;
    private final ByteBuffer fields;
    private final long msgAddr;
    private final NativeStaging staging;
    private final Pieces.Step piece = this::piece;

    SyscallControl(String spelled, CipherSpec spec) {
        super(spelled, spec);
        this.fds = new Pair();
        this.cleanable = CLEANER.register(this, fds);
        this.block = new OwnedMemory("syscall control message block", BLOCK_SIZE);
        this.staging = new NativeStaging("syscall control", Pieces.PIECE);
        this.msgAddr = block.address() + OFF_MSG;
        this.fields = block.pointer().getByteBuffer(0, BLOCK_SIZE).order(ByteOrder.nativeOrder());
        try {
            UnixSockets.socketpair(UnixSockets.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0,
                    block.address() + OFF_SCRATCH);
        } catch (LastErrorException e) {
            close();
            throw new AfAlgException("socketpair(AF_UNIX, SOCK_SEQPACKET, 0)", e.getErrorCode(), null);
        }
        fds.send = fields.getInt(OFF_SCRATCH);
        fds.receive = fields.getInt(OFF_SCRATCH + 4);
        AlgLayout.writeMsghdr(block.pointer().share(OFF_MSG), block.address() + OFF_IOV);
    }

    @Override
    protected void restart(byte[] counterBlock) {
        // nothing to carry: this control has no IV (see the class comment)
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        try {
            Pieces.copy(in, out, len, piece);
        } finally {
            // The Cleaner closes the pair once this control is unreachable: not during a call on it.
            Reference.reachabilityFence(this);
        }
    }

    private void piece(ByteBuffer in, ByteBuffer out, int offset, int n, boolean last) {
        send(staging.inputAddress(in, offset, n), n);
        receive(out, offset, n);
    }

    private void send(long src, int n) {
        fields.putLong(OFF_IOV + AlgLayout.IOV_BASE, src);
        fields.putLong(OFF_IOV + AlgLayout.IOV_LEN, n);
        while (true) {
            long r;
            try {
                r = LibC.sendmsg(fds.send, msgAddr, 0);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EINTR) {
                    continue;
                }
                throw new AfAlgException(backend() + ": sendmsg(AF_UNIX socket)", e.getErrorCode(), null);
            }
            if (r != n) {
                // a sequenced packet is sent whole or not at all
                throw new IllegalStateException(backend() + ": sendmsg(AF_UNIX socket) sent " + r + " of " + n + " bytes");
            }
            return;
        }
    }

    private void receive(ByteBuffer out, int offset, int n) {
        long dst = staging.outputAddress(out, offset, n);
        while (true) {
            long r;
            try {
                r = LibC.read(fds.receive, dst, n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EINTR) {
                    continue;
                }
                throw new AfAlgException(backend() + ": read(AF_UNIX socket)", e.getErrorCode(), null);
            }
            if (r != n) {
                throw new IllegalStateException(backend() + ": read(AF_UNIX socket) returned " + r + " of a " + n
                        + "-byte message");
            }
            break;
        }
        staging.finishOutput(out, offset, n);
    }

    @Override
    protected void release() {
        try {
            cleanable.clean();
        } finally {
            staging.close();
            block.close();
        }
    }

    /** Both descriptors, closed once by close() or, as a safety net, by the Cleaner. */
    static final class Pair implements Runnable {
        int send = -1;
        int receive = -1;

        @Override
        public void run() {
            send = closeQuietly(send);
            receive = closeQuietly(receive);
        }

        private static int closeQuietly(int fd) {
            if (fd >= 0) {
                AfAlg.closeQuietly(fd);
            }
            return -1;
        }
    }
}
