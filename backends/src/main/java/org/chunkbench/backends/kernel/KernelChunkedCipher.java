package org.chunkbench.backends.kernel;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.UUID;

import com.sun.jna.LastErrorException;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.jna.NativeStaging;
import org.chunkbench.backends.jna.OwnedMemory;

/**
 * AES-CTR in the kernel through one AF_ALG transform socket (holds the key) and one operation socket.
 *
 * <p><b>Pieces.</b> A sendmsg larger than the socket's send buffer (about 208 KiB by default) would wait for a
 * reader that is this same thread, and a pipe holds 16 pages, so a chunk goes to the kernel in pieces of at most
 * {@link #PIECE} bytes: every piece but the last carries MSG_MORE (SPLICE_F_MORE), only the first carries the
 * control messages, and each piece's output is read before the next is sent. Pieces other than the last are
 * multiples of 16, so with MSG_MORE pending the kernel encrypts them whole and its request IV (the socket's
 * {@code ctx->iv}) ends on the counter of the next piece. The IV is never re-sent inside a chunk, unlike
 * libkcapi's one-shot call (its issue #127), which restarts the counter for every 64 KiB.
 *
 * <p><b>Stream mode.</b> The IV goes with the first chunk only. AF_ALG keeps {@code ctx->iv} per operation
 * socket and only a control message replaces it; the skcipher API requires CTR implementations to leave the
 * next counter block in the request IV, so the next chunk continues the counter. {@code KernelCipherTest}
 * checks this against SunJCE for chunk sizes from 16 bytes to 1 MiB + 16 and across the 2^128 wrap.
 *
 * <p><b>Per chunk</b> nothing is allocated: the msghdr, iovec, control messages and sockaddr live in one native
 * block built at open, and a chunk patches the iovec, the control pointer and (per-chunk-iv mode) the 16 IV bytes.
 */
final class KernelChunkedCipher extends AbstractChunkedCipher {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int PAGE = 4096;
    /** 16 pages: the most one splice may carry, and comfortably below the default socket send buffer. */
    static final int PIECE = 16 * PAGE;

    // One native block, laid out once: msghdr, iovec, control messages, sockaddr_alg, scratch for key or serial.
    private static final int OFF_MSG = 0;
    private static final int OFF_IOV = 64;
    private static final int OFF_CONTROL = OFF_IOV + AlgLayout.IOVEC_SIZE;
    private static final int OFF_SOCKADDR = OFF_CONTROL + AlgLayout.CONTROL_SIZE;
    private static final int OFF_SCRATCH = OFF_SOCKADDR + AlgLayout.SOCKADDR_ALG_SIZE;
    private static final int BLOCK_SIZE = OFF_SCRATCH + 32;

    private final KernelOptions options;
    private final Fds fds;
    private final Cleaner.Cleanable cleanable;
    private final OwnedMemory block;
    /** The same native block seen as a buffer: patching fields through it costs no JNI call. */
    private final ByteBuffer fields;
    private final long msgAddr;
    private final long controlAddr;
    private final long iovAddr;
    private final NativeStaging staging;
    /** Splice only: page-aligned staging for heap input, so vmsplice moves whole pages. */
    private OwnedMemory spliceStage;
    private long spliceStageAddr;
    /** The control messages (op and IV) still have to go with the next data sent. */
    private boolean controlPending;
    /** key=keyring: the type of key tried first; tests replace it with a type the kernel refuses. */
    static volatile String preferredKeyringType = "logon";
    private String keyringKeyType;
    private String keyringFallbackReason;
    /** Bytes of control messages sent: op and IV, or op alone for a cipher without IV. */
    private final int controlLen;
    private final Pieces.Step copyPiece = this::copyPiece;

    KernelChunkedCipher(String backendName, CipherSpec spec, KernelOptions options) {
        this(options.spell(backendName), spec, options, true);
    }

    /**
     * {@code keyAndIv} false is for a driver with neither key nor IV, {@code ecb(cipher_null)} (the
     * {@code kernel[driver=ecb(cipher_null)]} control, see {@link KernelControls}): its keysize and ivsize are 0,
     * so ALG_SET_KEY with AES key bytes and an ALG_SET_IV of 16 bytes would both fail with EINVAL; it gets the
     * op control message alone and otherwise this same path.
     */
    KernelChunkedCipher(String spelled, CipherSpec spec, KernelOptions options, boolean keyAndIv) {
        super(spelled, spec);
        this.options = options;
        this.controlLen = keyAndIv ? AlgLayout.CONTROL_SIZE : AlgLayout.CMSG_OP_SPACE;
        this.fds = new Fds();
        this.cleanable = CLEANER.register(this, fds);
        this.block = new OwnedMemory("kernel AF_ALG message block", BLOCK_SIZE);
        this.staging = new NativeStaging("kernel", PIECE);
        long base = block.address();
        this.msgAddr = base + OFF_MSG;
        this.iovAddr = base + OFF_IOV;
        this.controlAddr = base + OFF_CONTROL;
        this.fields = block.pointer().getByteBuffer(0, BLOCK_SIZE).order(ByteOrder.nativeOrder());
        try {
            fds.tfm = AfAlg.openTransform(block.pointer().share(OFF_SOCKADDR), options.driver());
            if (keyAndIv) {
                bindKey(spec);
            }
            fds.op = AfAlg.accept(fds.tfm);
            if (options.io() == KernelOptions.Io.SPLICE) {
                openPipe();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        AlgLayout.writeMsghdr(block.pointer().share(OFF_MSG), iovAddr);
        AlgLayout.writeControl(block.pointer().share(OFF_CONTROL),
                spec.direction() == Direction.ENCRYPT ? AlgLayout.ALG_OP_ENCRYPT : AlgLayout.ALG_OP_DECRYPT);
        if (spec.mode() == Mode.STREAM) {
            fields.put(OFF_CONTROL + AlgLayout.CONTROL_IV_BYTES, spec.iv());
            controlPending = true;
        }
    }

    private void bindKey(CipherSpec spec) {
        long scratch = block.address() + OFF_SCRATCH;
        switch (options.keySource()) {
            case RAW -> {
                byte[] key = spec.key().copyBytes();
                try {
                    fields.put(OFF_SCRATCH, key);
                    AfAlg.setKey(fds.tfm, scratch, key.length);
                } finally {
                    Arrays.fill(key, (byte) 0);
                    wipeScratch();
                }
            }
            case KEYRING -> {
                byte[] key = spec.key().copyBytes();
                try {
                    bindKeyringKey(key, scratch);
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            }
            case SERIAL -> {
                int serial = spec.key().kernelSerial().getAsInt();
                fields.putInt(OFF_SCRATCH, serial);
                AfAlg.setKeyBySerial(fds.tfm, scratch, serial);
            }
        }
    }

    /**
     * key=keyring: a {@code logon} key first, since user space can never read one back (keyctl read answers
     * EOPNOTSUPP), so the key is in this process's memory only until open returns. Where the kernel refuses a
     * logon key (add_key or ALG_SET_KEY_BY_KEY_SERIAL fails), a {@code user} key instead, and the reason is
     * recorded ({@link #keyringKeyType()}, {@link Keyring#logonFallbackReason()}) rather than falling back silently.
     */
    private void bindKeyringKey(byte[] key, long scratch) {
        try {
            addAndBind(preferredKeyringType, key, scratch);
            keyringKeyType = preferredKeyringType;
            return;
        } catch (AfAlgException e) {
            dropKeyringKey();
            keyringFallbackReason = "a " + preferredKeyringType + " key was refused: " + e.getMessage();
        }
        addAndBind("user", key, scratch);
        keyringKeyType = "user";
        Keyring.recordLogonFallback(keyringFallbackReason);
    }

    private void addAndBind(String type, byte[] key, long scratch) {
        // The process keyring rather than the thread's: close() may run on another thread, or on the
        // Cleaner's, and must still find the key to revoke it. The description is unique per
        // instance because add_key with an existing description updates that key in place; logon keys
        // need its "service:" prefix.
        fds.keySerial = Keyring.addKey(type, "chunkbench:" + UUID.randomUUID(), key, Keyring.PROCESS_KEYRING);
        fields.putInt(OFF_SCRATCH, fds.keySerial);
        AfAlg.setKeyBySerial(fds.tfm, scratch, fds.keySerial);
    }

    private void dropKeyringKey() {
        if (fds.keySerial != 0) {
            int serial = fds.keySerial;
            fds.keySerial = 0;
            try {
                Keyring.revoke(serial);
                Keyring.unlink(serial, Keyring.PROCESS_KEYRING);
            } catch (AfAlgException e) {
                // Revoked or gone already; the user key that follows does not depend on it.
            }
        }
    }

    /** key=keyring: the type of the key bound ("logon", or "user" after a refusal); null for other key sources. */
    String keyringKeyType() {
        return keyringKeyType;
    }

    /** key=keyring: the serial of the key this instance added (0 once closed). */
    int keyringSerial() {
        return fds.keySerial;
    }

    /** key=keyring: why the key is a user key rather than a logon key; null when it is a logon key. */
    String keyringFallbackReason() {
        return keyringFallbackReason;
    }

    @Override
    public String toString() {
        return keyringKeyType == null ? backend()
                : backend() + " (" + keyringKeyType + " key" + (keyringFallbackReason == null ? "" : "; " + keyringFallbackReason) + ")";
    }

    private void wipeScratch() {
        for (int i = 0; i < 32; i += 8) {
            fields.putLong(OFF_SCRATCH + i, 0L);
        }
    }

    private void openPipe() {
        long scratch = block.address() + OFF_SCRATCH;
        try {
            if (LibC.pipe2(scratch, LibC.O_CLOEXEC) < 0) {
                throw new IllegalStateException("pipe2 returned a negative result without an errno");
            }
        } catch (LastErrorException e) {
            throw new AfAlgException("pipe2", e.getErrorCode(), null);
        }
        fds.pipeRead = fields.getInt(OFF_SCRATCH);
        fds.pipeWrite = fields.getInt(OFF_SCRATCH + 4);
        try {
            // 16 pages is Linux's default; set it anyway so a changed default cannot make vmsplice block.
            if (LibC.fcntl(fds.pipeWrite, LibC.F_GETPIPE_SZ, 0) < PIECE && LibC.fcntl(fds.pipeWrite, LibC.F_SETPIPE_SZ, PIECE) < PIECE) {
                throw new IllegalStateException("fcntl(pipe, F_SETPIPE_SZ, " + PIECE + ") did not give the pipe " + PIECE + " bytes");
            }
        } catch (LastErrorException e) {
            throw new AfAlgException("fcntl(pipe, F_SETPIPE_SZ, " + PIECE + ")", e.getErrorCode(), null);
        }
    }

    @Override
    protected void restart(byte[] counterBlock) {
        fields.put(OFF_CONTROL + AlgLayout.CONTROL_IV_BYTES, counterBlock);
        controlPending = true;
    }

    @Override
    protected void checkDirectOverlap(ByteBuffer in, ByteBuffer out, int len) {
        checkOverlap(staging.inputBase(in) + in.position(), staging.outputBase(out) + out.position(), len);
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        try {
            ByteBuffer src = staging.stableInput(in, out, len);
            if (options.io() == KernelOptions.Io.SPLICE) {
                cryptSplice(src, out, len);
            } else {
                cryptCopy(src, out, len);
            }
        } finally {
            // The Cleaner closes the descriptors once this cipher is unreachable, and a direct buffer's memory is
            // freed once it is: neither may happen while a system call on them is still running.
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(in);
            Reference.reachabilityFence(out);
        }
    }

    private void cryptCopy(ByteBuffer in, ByteBuffer out, int len) {
        Pieces.copy(in, out, len, copyPiece);
    }

    private void copyPiece(ByteBuffer in, ByteBuffer out, int offset, int n, boolean last) {
        sendmsg(staging.inputAddress(in, offset, n), n, last ? 0 : LibC.MSG_MORE);
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
                src = staging.inputAddress(in, done, 0);
                // vmsplice maps whole pages: an unaligned start costs a page of the pipe's 16.
                n = Math.min(PIECE - (int) (src & (PAGE - 1)), len - done);
            } else {
                n = Math.min(PIECE, len - done);
                src = stageHeapForSplice(in, done, n);
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

    private long stageHeapForSplice(ByteBuffer in, int offset, int n) {
        if (spliceStage == null) {
            spliceStage = new OwnedMemory("kernel splice staging", PIECE + PAGE);
            spliceStageAddr = (spliceStage.address() + PAGE - 1) & ~(long) (PAGE - 1);
        }
        int at = (int) (spliceStageAddr - spliceStage.address());
        if (in.hasArray()) {
            spliceStage.write(at, in.array(), in.arrayOffset() + in.position() + offset, n);
        } else {
            spliceStage.view().put(at, in, in.position() + offset, n); // read-only heap buffer
        }
        return spliceStageAddr;
    }

    private void sendmsg(long src, int n, int flags) {
        boolean control = controlPending;
        fields.putLong(OFF_IOV + AlgLayout.IOV_BASE, src);
        fields.putLong(OFF_IOV + AlgLayout.IOV_LEN, n);
        fields.putLong(OFF_MSG + AlgLayout.MSG_CONTROL, control ? controlAddr : 0L);
        fields.putLong(OFF_MSG + AlgLayout.MSG_CONTROLLEN, control ? controlLen : 0L);
        long sent = 0;
        while (true) {
            long r;
            try {
                r = LibC.sendmsg(fds.op, msgAddr, flags);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EINTR) {
                    continue;
                }
                throw failure("sendmsg", e);
            }
            if (r < 0) {
                throw failure("sendmsg", r);
            }
            if (controlPending) {
                // Accepted with its control messages: sending the rest must not reset the IV.
                controlPending = false;
                fields.putLong(OFF_MSG + AlgLayout.MSG_CONTROL, 0L);
                fields.putLong(OFF_MSG + AlgLayout.MSG_CONTROLLEN, 0L);
            }
            sent += r;
            if (sent >= n) {
                return;
            }
            fields.putLong(OFF_IOV + AlgLayout.IOV_BASE, src + sent);
            fields.putLong(OFF_IOV + AlgLayout.IOV_LEN, n - sent);
        }
    }

    private void vmspliceAll(long src, int n) {
        long moved = 0;
        while (moved < n) {
            fields.putLong(OFF_IOV + AlgLayout.IOV_BASE, src + moved);
            fields.putLong(OFF_IOV + AlgLayout.IOV_LEN, n - moved);
            try {
                long r = LibC.vmsplice(fds.pipeWrite, iovAddr, 1, 0);
                if (r <= 0) {
                    throw r == 0 ? new IllegalStateException(backend() + ": vmsplice(pipe) moved nothing after " + moved
                            + " of " + n + " bytes") : failure("vmsplice", r);
                }
                moved += r;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw failure("vmsplice", e);
                }
            }
        }
    }

    private void spliceAll(int n, int flags) {
        long moved = 0;
        while (moved < n) {
            try {
                long r = LibC.splice(fds.pipeRead, 0, fds.op, 0, n - moved, flags);
                if (r < 0) {
                    throw failure("splice", r);
                }
                if (r == 0) {
                    throw new IllegalStateException(backend() + ": splice(pipe -> op socket) moved nothing after "
                            + moved + " of " + n + " bytes");
                }
                moved += r;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw failure("splice", e);
                }
            }
        }
    }

    private void readOutput(ByteBuffer out, int offset, int n) {
        long dst = staging.outputAddress(out, offset, n);
        long got = 0;
        while (got < n) {
            try {
                long r = LibC.read(fds.op, dst + got, n - got);
                if (r < 0) {
                    throw failure("read", r);
                }
                if (r == 0) {
                    throw new IllegalStateException(backend() + ": read(op socket) returned end of file after "
                            + got + " of " + n + " bytes");
                }
                got += r;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw failure("read", e);
                }
            }
        }
        staging.finishOutput(out, offset, n);
    }

    private AfAlgException failure(String call, LastErrorException e) {
        return new AfAlgException(backend() + ": " + call + "(op socket)", e.getErrorCode(), null);
    }

    /** A negative result that JNA did not turn into an exception (errno was not set): named, never added to a count. */
    private IllegalStateException failure(String call, long r) {
        return new IllegalStateException(backend() + ": " + call + "(op socket) returned " + r + " without an errno");
    }

    @Override
    protected void release() {
        try {
            cleanable.clean();
        } finally {
            staging.close();
            if (spliceStage != null) {
                spliceStage.close();
            }
            block.close();
        }
    }

    /** Every descriptor and the key this instance added; closed once, by close() or as a safety net by the Cleaner. */
    static final class Fds implements Runnable {
        int tfm = -1;
        int op = -1;
        int pipeRead = -1;
        int pipeWrite = -1;
        /** A key this instance added to the process keyring (0: none); revoked and unlinked on close. */
        int keySerial;

        @Override
        public void run() {
            op = AfAlg.closeQuietly(op);
            tfm = AfAlg.closeQuietly(tfm);
            pipeRead = AfAlg.closeQuietly(pipeRead);
            pipeWrite = AfAlg.closeQuietly(pipeWrite);
            if (keySerial != 0) {
                int serial = keySerial;
                keySerial = 0;
                try {
                    Keyring.revoke(serial);
                } finally {
                    // Unlinking drops the keyring's reference, so the key is destroyed now rather than after gc_delay.
                    Keyring.unlink(serial, Keyring.PROCESS_KEYRING);
                }
            }
        }
    }
}
