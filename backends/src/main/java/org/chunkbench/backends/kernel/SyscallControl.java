package org.chunkbench.backends.kernel;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.memory.NativeBlock;
import org.chunkbench.backends.memory.Staging;

/**
 * The {@code syscall[binding=jna|ffm]} control, written once over {@link Syscalls}: each chunk goes out with
 * {@code sendmsg} on one end of an {@code AF_UNIX} {@code SOCK_SEQPACKET} socket pair and comes back with
 * {@code read} on the other, in pieces of {@link Pieces#PIECE} bytes, through the shared staging
 * ({@link Staging}: direct buffers in place, heap ones through native memory wiped at close) and the
 * kernel backend's msghdr layout ({@link AlgLayout}). That is the kernel backend's copy path (two system calls and
 * two kernel copies per piece) without AF_ALG and without crypto; the output equals the input.
 *
 * <p>Unlike the kernel backend it sends no control messages, so in per-chunk-iv mode a counter block changes
 * nothing. A sequenced-packet socket keeps message boundaries: a packet is sent whole or not at all and one
 * {@code read} returns one piece, so a short send or read is an error rather than something to loop on. A failure
 * throws; {@link AbstractChunkedCipher} then refuses every later call, naming it.
 */
final class SyscallControl extends AbstractChunkedCipher {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int OFF_MSG = 0;
    private static final int OFF_IOV = 64;
    private static final int OFF_SCRATCH = OFF_IOV + AlgLayout.IOVEC_SIZE;
    private static final int BLOCK_SIZE = OFF_SCRATCH + 8;

    private final Syscalls sys;
    private final Pair fds;
    private final Cleaner.Cleanable cleanable;
    private final NativeBlock block;
    private final ByteBuffer fields;
    private final long msgAddr;
    private final Staging staging;
    private final Pieces.Step piece = this::piece;

    SyscallControl(Syscalls binding, String spelled, CipherSpec spec) {
        super(spelled, spec);
        this.sys = binding.forOwner();
        this.fds = new Pair(sys);
        this.cleanable = CLEANER.register(this, fds);
        this.block = new NativeBlock(sys.memory(), "syscall control message block", BLOCK_SIZE);
        this.fields = block.view();
        this.staging = new Staging(sys.memory(), "syscall control", Pieces.PIECE);
        this.msgAddr = block.address() + OFF_MSG;
        int rc = sys.socketpair(LibC.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0,
                block.address() + OFF_SCRATCH);
        if (rc < 0) {
            close();
            throw new AfAlgException("socketpair(AF_UNIX, SOCK_SEQPACKET, 0)", -rc, null);
        }
        fds.send = fields.getInt(OFF_SCRATCH);
        fds.receive = fields.getInt(OFF_SCRATCH + 4);
        AlgLayout.writeMsghdr(fields, OFF_MSG, block.address() + OFF_IOV);
    }

    @Override
    protected void restart(byte[] counterBlock) {
        // nothing to carry: this control has no IV (see the class comment)
    }

    @Override
    protected void checkDirectOverlap(ByteBuffer in, ByteBuffer out, int len) {
        checkOverlap(staging.inputBase(in) + in.position(), staging.outputBase(out) + out.position(), len);
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        try {
            Pieces.copy(staging.stableInput(in, out, len), out, len, piece);
        } finally {
            // The Cleaner must not close the pair, nor a direct buffer's memory go, during a call.
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(in);
            Reference.reachabilityFence(out);
        }
    }

    private void piece(ByteBuffer in, ByteBuffer out, int offset, int n, boolean last) {
        send(staging.inputAddress(in, offset, n), n);
        receive(out, offset, n);
    }

    private void send(long src, int n) {
        fields.putLong(OFF_IOV + AlgLayout.IOV_BASE, src);
        fields.putLong(OFF_IOV + AlgLayout.IOV_LEN, n);
        long r;
        do {
            r = sys.sendmsg(fds.send, msgAddr, 0);
        } while (r == -Errno.EINTR);
        if (r < 0) {
            throw new AfAlgException(backend() + ": sendmsg(AF_UNIX socket)", (int) -r, null);
        }
        if (r != n) {
            throw new IllegalStateException(backend() + ": sendmsg(AF_UNIX socket) sent " + r + " of " + n + " bytes");
        }
    }

    private void receive(ByteBuffer out, int offset, int n) {
        long dst = staging.outputAddress(out, offset, n);
        long r;
        do {
            r = sys.read(fds.receive, dst, n);
        } while (r == -Errno.EINTR);
        if (r < 0) {
            throw new AfAlgException(backend() + ": read(AF_UNIX socket)", (int) -r, null);
        }
        if (r != n) {
            throw new IllegalStateException(backend() + ": read(AF_UNIX socket) returned " + r + " of a " + n
                    + "-byte message");
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

    /** Both descriptors, closed once by close() or, as a safety net, by the Cleaner. Captures no control. */
    static final class Pair implements Runnable {
        private final Syscalls sys;
        int send = -1;
        int receive = -1;

        Pair(Syscalls sys) {
            this.sys = sys;
        }

        @Override
        public void run() {
            send = AfAlg.closeQuietly(sys, send);
            receive = AfAlg.closeQuietly(sys, receive);
        }
    }
}
