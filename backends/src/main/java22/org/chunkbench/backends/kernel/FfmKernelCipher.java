package org.chunkbench.backends.kernel;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.ffm.BufferSegments;

/**
 * AES-CTR in the kernel through AF_ALG, over FFM: the same protocol as {@link KernelChunkedCipher} (one transform
 * socket holding the key, one operation socket, the IV as a control message with the first data, pieces of at
 * most {@link KernelChunkedCipher#PIECE} bytes, MSG_MORE / SPLICE_F_MORE while more follows; its class comment
 * says why), with the same error messages. Per chunk nothing is allocated: the msghdr, iovec, control messages,
 * sockaddr and the errno capture segment live in one native block laid out at open, a chunk patches the iovec,
 * the control pointer and (per-chunk-iv mode) the 16 IV bytes. Direct buffers are passed in place; heap buffers
 * (read-only ones included) are staged through native memory owned here.
 *
 * <p>A failed call in the middle of a chunk leaves data in the operation socket, so the instance is then broken:
 * every later call throws {@link IllegalStateException} naming the first failure.
 */
final class FfmKernelCipher extends AbstractChunkedCipher {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int PAGE = 4096;
    private static final int PIECE = KernelChunkedCipher.PIECE;

    // One native block: msghdr, iovec, control messages, sockaddr_alg, scratch for key or serial, errno capture.
    private static final int OFF_MSG = 0;
    private static final int OFF_IOV = 64;
    private static final int OFF_CONTROL = OFF_IOV + AlgLayout.IOVEC_SIZE;
    private static final int OFF_SOCKADDR = OFF_CONTROL + AlgLayout.CONTROL_SIZE;
    private static final int OFF_SCRATCH = OFF_SOCKADDR + AlgLayout.SOCKADDR_ALG_SIZE;
    private static final int OFF_CAPTURE = OFF_SCRATCH + 32;
    private static final long BLOCK_SIZE = OFF_CAPTURE + FfmLibC.CAPTURE_LAYOUT.byteSize();

    private final KernelOptions options;
    private final Owner owner;
    private final Cleaner.Cleanable cleanable;
    private final MemorySegment block;
    private final MemorySegment capture;
    private final long msgAddr;
    private final long iovAddr;
    private final long controlAddr;
    /** Native staging for heap buffers: input (page-aligned, so vmsplice moves whole pages) and output. */
    private MemorySegment inStage;
    private ByteBuffer inStageView;
    private MemorySegment outStage;
    private ByteBuffer outStageView;
    private ByteBuffer lastIn;
    private long lastInBase;
    private ByteBuffer lastOut;
    private long lastOutBase;
    private boolean controlPending;
    private String broken;
    /** Bytes of control messages sent: op and IV, or op alone for a cipher without IV. */
    private final int controlLen;
    private final Pieces.Step copyPiece = this::copyPiece;

    FfmKernelCipher(String variant, CipherSpec spec, KernelOptions options) {
        this(variant, spec, options, true);
    }

    /**
     * {@code keyAndIv} false is for {@code ecb(cipher_null)}, the {@code kernel[binding=ffm,driver=ecb(cipher_null)]}
     * control, as in {@link KernelChunkedCipher}: keysize and ivsize 0, so no key is set and the control message is
     * ALG_SET_OP alone; otherwise this same path.
     */
    FfmKernelCipher(String variant, CipherSpec spec, KernelOptions options, boolean keyAndIv) {
        super(variant, spec);
        this.options = options;
        this.controlLen = keyAndIv ? AlgLayout.CONTROL_SIZE : AlgLayout.CMSG_OP_SPACE;
        Arena arena = Arena.ofShared();
        // A global-scope view of memory the shared arena owns: a downcall taking the capture segment then has no
        // arena to acquire and release per call. The Owner frees it on close; no call reaches it after close.
        this.block = MemorySegment.ofAddress(arena.allocate(BLOCK_SIZE, 16).address()).reinterpret(BLOCK_SIZE);
        this.capture = block.asSlice(OFF_CAPTURE, FfmLibC.CAPTURE_LAYOUT);
        this.owner = new Owner(arena, capture, block);
        this.cleanable = CLEANER.register(this, owner);
        long base = block.address();
        this.msgAddr = base + OFF_MSG;
        this.iovAddr = base + OFF_IOV;
        this.controlAddr = base + OFF_CONTROL;
        try {
            owner.tfm = FfmAfAlg.openTransform(capture, block.asSlice(OFF_SOCKADDR, AlgLayout.SOCKADDR_ALG_SIZE),
                    options.driver());
            if (keyAndIv) {
                bindKey(spec);
            }
            owner.op = FfmAfAlg.accept(capture, owner.tfm);
            if (options.io() == KernelOptions.Io.SPLICE) {
                openPipe();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        FfmAfAlg.writeMsghdr(block.asSlice(OFF_MSG), iovAddr);
        FfmAfAlg.writeControl(block.asSlice(OFF_CONTROL),
                spec.direction() == Direction.ENCRYPT ? AlgLayout.ALG_OP_ENCRYPT : AlgLayout.ALG_OP_DECRYPT);
        if (spec.mode() == Mode.STREAM) {
            MemorySegment.copy(spec.iv(), 0, block, JAVA_BYTE, OFF_CONTROL + AlgLayout.CONTROL_IV_BYTES, 16);
            controlPending = true;
        }
    }

    private void bindKey(CipherSpec spec) {
        MemorySegment scratch = block.asSlice(OFF_SCRATCH, 32);
        switch (options.keySource()) {
            case RAW -> {
                byte[] key = spec.key().copyBytes();
                try {
                    MemorySegment.copy(key, 0, scratch, JAVA_BYTE, 0, key.length);
                    FfmAfAlg.setKey(capture, owner.tfm, scratch.asSlice(0, key.length));
                } finally {
                    Arrays.fill(key, (byte) 0);
                    scratch.fill((byte) 0);
                }
            }
            case KEYRING -> {
                byte[] key = spec.key().copyBytes();
                try {
                    // The process keyring, unique description: see KernelChunkedCipher.bindKey.
                    owner.keySerial = FfmAfAlg.addKey(capture, "user", "chunkbench:" + UUID.randomUUID(), key,
                            Keyring.PROCESS_KEYRING);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
                FfmAfAlg.setKeyBySerial(capture, owner.tfm, scratch, owner.keySerial);
            }
            case SERIAL -> FfmAfAlg.setKeyBySerial(capture, owner.tfm, scratch, spec.key().kernelSerial().getAsInt());
        }
    }

    private void openPipe() {
        MemorySegment scratch = block.asSlice(OFF_SCRATCH, 8);
        try {
            int rc = (int) FfmLibC.PIPE2.invokeExact(capture, scratch.address(), LibC.O_CLOEXEC);
            if (rc != 0) {
                throw new AfAlgException("pipe2", FfmLibC.errno(capture), null);
            }
            owner.pipeRead = scratch.get(JAVA_INT, 0);
            owner.pipeWrite = scratch.get(JAVA_INT, 4);
            // 16 pages is Linux's default; set it anyway so a changed default cannot make vmsplice block.
            int size = (int) FfmLibC.FCNTL.invokeExact(capture, owner.pipeWrite, LibC.F_GETPIPE_SZ, 0);
            if (size >= 0 && size < PIECE) {
                size = (int) FfmLibC.FCNTL.invokeExact(capture, owner.pipeWrite, LibC.F_SETPIPE_SZ, PIECE);
            }
            if (size < 0) {
                throw new AfAlgException("fcntl(pipe, F_SETPIPE_SZ, " + PIECE + ")", FfmLibC.errno(capture), null);
            }
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    private void checkUsable() {
        if (broken != null) {
            throw new IllegalStateException(backend() + ": unusable after an earlier failure (" + broken
                    + "); close it and open a new cipher");
        }
    }

    @Override
    protected void restart(byte[] counterBlock) {
        checkUsable();
        MemorySegment.copy(counterBlock, 0, block, JAVA_BYTE, OFF_CONTROL + AlgLayout.CONTROL_IV_BYTES, 16);
        controlPending = true;
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        checkUsable();
        try {
            ByteBuffer src = BufferSegments.unshared(in, out, len);
            if (options.io() == KernelOptions.Io.SPLICE) {
                cryptSplice(src, out, len);
            } else {
                cryptCopy(src, out, len);
            }
        } catch (RuntimeException e) {
            broken = e.getMessage();
            throw e;
        } finally {
            // The Cleaner must not close the sockets, nor a direct buffer's memory go, during a call.
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(in);
            Reference.reachabilityFence(out);
        }
    }

    /**
     * Two direct buffers: exact in-place works (each piece is sent before its output is read), a shifted overlap
     * would not, so it is refused before any work by the shared check, by address.
     */
    @Override
    protected void checkDirectOverlap(ByteBuffer in, ByteBuffer out, int len) {
        checkOverlap(inBase(in) + in.position(), outBase(out) + out.position(), len);
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

    private long stageInput(ByteBuffer in, int offset, int n) {
        if (inStage == null) {
            inStage = owner.arena.allocate(PIECE, PAGE);
            owner.inStage = inStage;
            inStageView = inStage.asByteBuffer();
        }
        inStageView.put(0, in, in.position() + offset, n);
        return inStage.address();
    }

    private long inputAddress(ByteBuffer in, int offset, int n) {
        return in.isDirect() ? inBase(in) + in.position() + offset : stageInput(in, offset, n);
    }

    private void cryptCopy(ByteBuffer in, ByteBuffer out, int len) {
        Pieces.copy(in, out, len, copyPiece);
    }

    private void copyPiece(ByteBuffer in, ByteBuffer out, int offset, int n, boolean last) {
        sendmsg(inputAddress(in, offset, n), n, last ? 0 : LibC.MSG_MORE);
        readOutput(out, offset, n);
    }

    private void cryptSplice(ByteBuffer in, ByteBuffer out, int len) {
        if (len == 0) {
            return;
        }
        if (controlPending) {
            // splice cannot carry control messages: send them alone, announcing the data to follow.
            sendmsg(0, 0, LibC.MSG_MORE);
        }
        for (int done = 0; done < len; ) {
            long src;
            int n;
            if (in.isDirect()) {
                src = inBase(in) + in.position() + done;
                // vmsplice maps whole pages: an unaligned start costs a page of the pipe's 16.
                n = Math.min(PIECE - (int) (src & (PAGE - 1)), len - done);
            } else {
                n = Math.min(PIECE, len - done);
                src = stageInput(in, done, n);
            }
            if (done + n < len) {
                n -= n % 16;
            }
            boolean last = done + n == len;
            vmspliceAll(src, n);
            spliceAll(n, last ? 0 : LibC.SPLICE_F_MORE);
            readOutput(out, done, n);
            done += n;
        }
    }

    private void sendmsg(long src, int n, int flags) {
        boolean control = controlPending;
        block.set(JAVA_LONG, OFF_IOV + AlgLayout.IOV_BASE, src);
        block.set(JAVA_LONG, OFF_IOV + AlgLayout.IOV_LEN, n);
        block.set(JAVA_LONG, OFF_MSG + AlgLayout.MSG_CONTROL, control ? controlAddr : 0L);
        block.set(JAVA_LONG, OFF_MSG + AlgLayout.MSG_CONTROLLEN, control ? controlLen : 0L);
        long sent = 0;
        while (true) {
            long r;
            try {
                r = (long) FfmLibC.SENDMSG.invokeExact(capture, owner.op, msgAddr, flags);
            } catch (Throwable t) {
                throw FfmLibC.rethrow(t);
            }
            if (r < 0) {
                int errno = FfmLibC.errno(capture);
                if (errno == Errno.EINTR) {
                    continue;
                }
                throw failure("sendmsg", errno);
            }
            if (controlPending) {
                // Accepted with its control messages: sending the rest must not reset the IV.
                controlPending = false;
                block.set(JAVA_LONG, OFF_MSG + AlgLayout.MSG_CONTROL, 0L);
                block.set(JAVA_LONG, OFF_MSG + AlgLayout.MSG_CONTROLLEN, 0L);
            }
            sent += r;
            if (sent >= n) {
                return;
            }
            block.set(JAVA_LONG, OFF_IOV + AlgLayout.IOV_BASE, src + sent);
            block.set(JAVA_LONG, OFF_IOV + AlgLayout.IOV_LEN, n - sent);
        }
    }

    private void vmspliceAll(long src, int n) {
        long moved = 0;
        while (moved < n) {
            block.set(JAVA_LONG, OFF_IOV + AlgLayout.IOV_BASE, src + moved);
            block.set(JAVA_LONG, OFF_IOV + AlgLayout.IOV_LEN, n - moved);
            long r;
            try {
                r = (long) FfmLibC.VMSPLICE.invokeExact(capture, owner.pipeWrite, iovAddr, 1L, 0);
            } catch (Throwable t) {
                throw FfmLibC.rethrow(t);
            }
            if (r < 0) {
                int errno = FfmLibC.errno(capture);
                if (errno != Errno.EINTR) {
                    throw failure("vmsplice", errno);
                }
            } else {
                moved += r;
            }
        }
    }

    private void spliceAll(int n, int flags) {
        long moved = 0;
        while (moved < n) {
            long r;
            try {
                r = (long) FfmLibC.SPLICE.invokeExact(capture, owner.pipeRead, 0L, owner.op, 0L, (long) (n - moved), flags);
            } catch (Throwable t) {
                throw FfmLibC.rethrow(t);
            }
            if (r < 0) {
                int errno = FfmLibC.errno(capture);
                if (errno != Errno.EINTR) {
                    throw failure("splice", errno);
                }
            } else if (r == 0) {
                throw new IllegalStateException(backend() + ": splice(pipe -> op socket) moved nothing after "
                        + moved + " of " + n + " bytes");
            } else {
                moved += r;
            }
        }
    }

    private void readOutput(ByteBuffer out, int offset, int n) {
        long dst;
        if (out.isDirect()) {
            dst = outBase(out) + out.position() + offset;
        } else {
            if (outStage == null) {
                outStage = owner.arena.allocate(PIECE, 16);
                owner.outStage = outStage;
                outStageView = outStage.asByteBuffer();
            }
            dst = outStage.address();
        }
        long got = 0;
        while (got < n) {
            long r;
            try {
                r = (long) FfmLibC.READ.invokeExact(capture, owner.op, dst + got, (long) (n - got));
            } catch (Throwable t) {
                throw FfmLibC.rethrow(t);
            }
            if (r < 0) {
                int errno = FfmLibC.errno(capture);
                if (errno != Errno.EINTR) {
                    throw failure("read", errno);
                }
            } else if (r == 0) {
                throw new IllegalStateException(backend() + ": read(op socket) returned end of file after "
                        + got + " of " + n + " bytes");
            } else {
                got += r;
            }
        }
        if (!out.isDirect()) {
            out.put(out.position() + offset, outStageView, 0, n);
        }
    }

    private AfAlgException failure(String call, int errno) {
        return new AfAlgException(backend() + ": " + call + "(op socket)", errno, null);
    }

    @Override
    protected void release() {
        lastIn = null;
        lastOut = null;
        cleanable.clean();
    }

    /**
     * Every descriptor, the key this instance added and the native memory; released once, by close() or as a
     * safety net by the Cleaner. Captures no cipher.
     */
    private static final class Owner implements Runnable {
        final Arena arena;
        private final MemorySegment capture;
        private final MemorySegment block;
        int tfm = -1;
        int op = -1;
        int pipeRead = -1;
        int pipeWrite = -1;
        int keySerial;
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
                FfmAfAlg.closeQuietly(capture, op);
                FfmAfAlg.closeQuietly(capture, tfm);
                FfmAfAlg.closeQuietly(capture, pipeRead);
                FfmAfAlg.closeQuietly(capture, pipeWrite);
                op = tfm = pipeRead = pipeWrite = -1;
                if (keySerial != 0) {
                    int serial = keySerial;
                    keySerial = 0;
                    try {
                        FfmAfAlg.revoke(capture, serial);
                    } finally {
                        // Unlinking drops the keyring's reference, so the key is destroyed now rather than after gc_delay.
                        FfmAfAlg.unlink(capture, serial, Keyring.PROCESS_KEYRING);
                    }
                }
            } finally {
                // The staging may hold plaintext or keystream, the block held the key or serial: wipe, then free.
                block.fill((byte) 0);
                if (inStage != null) {
                    inStage.fill((byte) 0);
                }
                if (outStage != null) {
                    outStage.fill((byte) 0);
                }
                arena.close();
            }
        }
    }
}
