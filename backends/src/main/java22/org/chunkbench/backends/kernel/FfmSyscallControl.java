package org.chunkbench.backends.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.ffm.BufferSegments;

/**
 * The {@code syscall[binding=ffm]} control, the FFM twin of {@link SyscallControl}: each chunk goes out with
 * {@code sendmsg} on one end of an {@code AF_UNIX} {@code SOCK_SEQPACKET} socket pair and comes back with
 * {@code read} on the other, in {@link Pieces#PIECE}-byte pieces ({@link Pieces#copy}), through the kernel
 * backend's FFM downcalls ({@link FfmLibC}, errno captured into this instance's block) and the staging and msghdr
 * layout of {@link FfmKernelCipher}: direct buffers in place, heap buffers (read-only ones included) through
 * native memory owned here, wiped at close. The kernel backend's copy path without AF_ALG and without crypto; the
 * output equals the input. No control messages, so in per-chunk-iv mode a counter block changes nothing.
 *
 * <p>A sequenced packet is sent whole or not at all and one {@code read} returns one piece, so a short send or
 * read is an error, not something to loop on. After any failure the instance is broken
 * ({@link AbstractChunkedCipher}: every later call throws {@link IllegalStateException} naming it).
 */
final class FfmSyscallControl extends AbstractChunkedCipher {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int PAGE = 4096;
    private static final int OFF_MSG = 0;
    private static final int OFF_IOV = 64;
    private static final int OFF_SCRATCH = OFF_IOV + AlgLayout.IOVEC_SIZE;
    private static final int OFF_CAPTURE = OFF_SCRATCH + 8;
    private static final long BLOCK_SIZE = OFF_CAPTURE + FfmLibC.CAPTURE_LAYOUT.byteSize();

    private final Owner owner;
    private final Cleaner.Cleanable cleanable;
    private final MemorySegment block;
    private final MemorySegment capture;
    private final long msgAddr;
    private final Pieces.Step piece = this::piece;
    private ByteBuffer inStageView;
    private ByteBuffer outStageView;
    private ByteBuffer lastIn;
    private long lastInBase;
    private ByteBuffer lastOut;
    private long lastOutBase;

    FfmSyscallControl(String spelled, CipherSpec spec) {
        super(spelled, spec);
        Arena arena = Arena.ofShared();
        // A global-scope view, as in FfmKernelCipher: no arena to acquire and release per downcall.
        this.block = MemorySegment.ofAddress(arena.allocate(BLOCK_SIZE, 16).address()).reinterpret(BLOCK_SIZE);
        this.capture = block.asSlice(OFF_CAPTURE, FfmLibC.CAPTURE_LAYOUT);
        this.owner = new Owner(arena, capture, block);
        this.cleanable = CLEANER.register(this, owner);
        this.msgAddr = block.address() + OFF_MSG;
        int rc;
        try {
            rc = (int) FfmLibC.SOCKETPAIR.invokeExact(capture, UnixSockets.AF_UNIX,
                    LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, 0, block.address() + OFF_SCRATCH);
        } catch (Throwable t) {
            close();
            throw FfmLibC.rethrow(t);
        }
        if (rc != 0) {
            int errno = FfmLibC.errno(capture);
            close();
            throw new AfAlgException("socketpair(AF_UNIX, SOCK_SEQPACKET, 0)", errno, null);
        }
        owner.send = block.get(JAVA_INT, OFF_SCRATCH);
        owner.receive = block.get(JAVA_INT, OFF_SCRATCH + 4);
        FfmAfAlg.writeMsghdr(block.asSlice(OFF_MSG), block.address() + OFF_IOV);
    }

    @Override
    protected void restart(byte[] counterBlock) {
        // nothing to carry: this control has no IV (see the class comment)
    }

    @Override
    protected void checkDirectOverlap(ByteBuffer in, ByteBuffer out, int len) {
        checkOverlap(inBase(in) + in.position(), outBase(out) + out.position(), len);
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        try {
            Pieces.copy(BufferSegments.unshared(in, out, len), out, len, piece);
        } finally {
            // The Cleaner must not close the pair, nor a direct buffer's memory go, during a call.
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(in);
            Reference.reachabilityFence(out);
        }
    }

    private void piece(ByteBuffer in, ByteBuffer out, int offset, int n, boolean last) {
        send(in, offset, n);
        receive(out, offset, n);
    }

    private long inBase(ByteBuffer in) {
        if (in != lastIn) {
            lastInBase = MemorySegment.ofBuffer(in).address() - in.position();
            lastIn = in;
        }
        return lastInBase;
    }

    private long outBase(ByteBuffer out) {
        if (out != lastOut) {
            lastOutBase = MemorySegment.ofBuffer(out).address() - out.position();
            lastOut = out;
        }
        return lastOutBase;
    }

    private void send(ByteBuffer in, int offset, int n) {
        long src;
        if (in.isDirect()) {
            src = inBase(in) + in.position() + offset;
        } else {
            if (owner.inStage == null) {
                owner.inStage = owner.arena.allocate(Pieces.PIECE, PAGE);
                inStageView = owner.inStage.asByteBuffer();
            }
            inStageView.put(0, in, in.position() + offset, n);
            src = owner.inStage.address();
        }
        block.set(JAVA_LONG, OFF_IOV + AlgLayout.IOV_BASE, src);
        block.set(JAVA_LONG, OFF_IOV + AlgLayout.IOV_LEN, n);
        while (true) {
            long r;
            try {
                r = (long) FfmLibC.SENDMSG.invokeExact(capture, owner.send, msgAddr, 0);
            } catch (Throwable t) {
                throw FfmLibC.rethrow(t);
            }
            if (r < 0) {
                int errno = FfmLibC.errno(capture);
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw new AfAlgException(backend() + ": sendmsg(AF_UNIX socket)", errno, null);
            }
            if (r != n) {
                throw new IllegalStateException(backend() + ": sendmsg(AF_UNIX socket) sent " + r + " of " + n + " bytes");
            }
            return;
        }
    }

    private void receive(ByteBuffer out, int offset, int n) {
        long dst;
        if (out.isDirect()) {
            dst = outBase(out) + out.position() + offset;
        } else {
            if (owner.outStage == null) {
                owner.outStage = owner.arena.allocate(Pieces.PIECE, 16);
                outStageView = owner.outStage.asByteBuffer();
            }
            dst = owner.outStage.address();
        }
        while (true) {
            long r;
            try {
                r = (long) FfmLibC.READ.invokeExact(capture, owner.receive, dst, (long) n);
            } catch (Throwable t) {
                throw FfmLibC.rethrow(t);
            }
            if (r < 0) {
                int errno = FfmLibC.errno(capture);
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw new AfAlgException(backend() + ": read(AF_UNIX socket)", errno, null);
            }
            if (r != n) {
                throw new IllegalStateException(backend() + ": read(AF_UNIX socket) returned " + r + " of a " + n
                        + "-byte message");
            }
            break;
        }
        if (!out.isDirect()) {
            out.put(out.position() + offset, outStageView, 0, n);
        }
    }

    @Override
    protected void release() {
        lastIn = null;
        lastOut = null;
        cleanable.clean();
    }

    /** Both descriptors and the native memory, released once by close() or, as a safety net, by the Cleaner. */
    private static final class Owner implements Runnable {
        final Arena arena;
        private final MemorySegment capture;
        private final MemorySegment block;
        int send = -1;
        int receive = -1;
        MemorySegment inStage;
        MemorySegment outStage;
        private boolean done;

        Owner(Arena arena, MemorySegment capture, MemorySegment block) {
            this.arena = arena;
            this.capture = capture;
            this.block = block;
        }

        @Override
        public void run() {
            if (done) {
                return;
            }
            done = true;
            try {
                FfmAfAlg.closeQuietly(capture, send);
                FfmAfAlg.closeQuietly(capture, receive);
                send = receive = -1;
            } finally {
                // The staging held the caller's data: wipe, then free.
                if (inStage != null) {
                    inStage.fill((byte) 0);
                }
                if (outStage != null) {
                    outStage.fill((byte) 0);
                }
                block.fill((byte) 0);
                arena.close();
            }
        }
    }
}
