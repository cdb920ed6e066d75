package org.chunkbench.backends.kernel;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.memory.NativeBlock;
import org.chunkbench.backends.memory.Staging;

/**
 * AES-CTR in the kernel through one AF_ALG transform socket (holds the key) and one operation socket, written once
 * over {@link Syscalls}: {@code kernel[binding=jna]} and {@code kernel[binding=ffm]} are this class with the
 * binding's calls, so they make the same calls, keep the same key type and fail with the same messages.
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
 * Direct buffers are used in place, heap buffers go through the shared {@link Staging} (page-aligned for
 * {@code io=splice}, since vmsplice maps whole pages). A failure throws; {@link AbstractChunkedCipher} then refuses
 * every later call, naming it.
 */
final class AfAlgCipher extends AbstractChunkedCipher {
    private static final Cleaner CLEANER = Cleaner.create();
    static final int PAGE = 4096;
    /** 16 pages: the most one splice may carry, and comfortably below the default socket send buffer. */
    static final int PIECE = 16 * PAGE;

    // One native block, laid out once: msghdr, iovec, control messages, sockaddr_alg, scratch for key or serial.
    private static final int OFF_MSG = 0;
    private static final int OFF_IOV = 64;
    private static final int OFF_CONTROL = OFF_IOV + AlgLayout.IOVEC_SIZE;
    private static final int OFF_SOCKADDR = OFF_CONTROL + AlgLayout.CONTROL_SIZE;
    private static final int OFF_SCRATCH = OFF_SOCKADDR + AlgLayout.SOCKADDR_ALG_SIZE;
    private static final int SCRATCH_SIZE = 32;
    private static final int BLOCK_SIZE = OFF_SCRATCH + SCRATCH_SIZE;

    /** key=keyring: the type of key tried first; tests replace it with a type the kernel refuses. */
    static volatile String preferredKeyringType = "logon";

    private final Syscalls sys;
    private final KernelOptions options;
    private final Fds fds;
    private final Cleaner.Cleanable cleanable;
    private final NativeBlock block;
    /** The native block as a buffer: patching fields costs no native call. */
    private final ByteBuffer fields;
    private final long msgAddr;
    private final long iovAddr;
    private final long controlAddr;
    private final Staging staging;
    private final boolean splice;
    /** Bytes of control messages sent: op and IV, or op alone for a cipher without IV. */
    private final int controlLen;
    private final Pieces.Step copyPiece = this::copyPiece;
    /** The control messages (op and IV) still have to go with the next data sent. */
    private boolean controlPending;
    private String keyringKeyType;
    private String keyringFallbackReason;

    /**
     * {@code keyAndIv} false is for a driver with neither key nor IV, {@code ecb(cipher_null)} (the
     * {@code kernel-null} control, see {@link KernelControls}): its keysize and ivsize are 0,
     * so ALG_SET_KEY with AES key bytes and an ALG_SET_IV of 16 bytes would both fail with EINVAL; it gets the
     * op control message alone and otherwise this same path.
     */
    AfAlgCipher(Syscalls binding, String spelled, CipherSpec spec, KernelOptions options, boolean keyAndIv) {
        super(spelled, spec);
        this.sys = binding.forOwner();
        this.options = options;
        this.splice = options.io() == KernelOptions.Io.SPLICE;
        this.controlLen = keyAndIv ? AlgLayout.CONTROL_SIZE : AlgLayout.CMSG_OP_SPACE;
        this.fds = new Fds(sys);
        this.cleanable = CLEANER.register(this, fds);
        this.block = new NativeBlock(sys.memory(), "kernel AF_ALG message block", BLOCK_SIZE);
        this.fields = block.view();
        this.staging = new Staging(sys.memory(), "kernel", PIECE, splice ? PAGE : 16);
        long base = block.address();
        this.msgAddr = base + OFF_MSG;
        this.iovAddr = base + OFF_IOV;
        this.controlAddr = base + OFF_CONTROL;
        try {
            fds.tfm = AfAlg.openTransform(sys, block, OFF_SOCKADDR, options.driver());
            if (keyAndIv) {
                bindKey(spec);
            }
            fds.op = AfAlg.accept(sys, fds.tfm);
            if (splice) {
                openPipe();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        AlgLayout.writeMsghdr(fields, OFF_MSG, iovAddr);
        AlgLayout.writeControl(fields, OFF_CONTROL,
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
                    AfAlg.setKey(sys, fds.tfm, scratch, key.length);
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
                AfAlg.setKeyBySerial(sys, fds.tfm, scratch, serial);
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
        String preferred = preferredKeyringType;
        try {
            addAndBind(preferred, key, scratch);
            keyringKeyType = preferred;
            return;
        } catch (AfAlgException e) {
            if (e.errno() == Errno.ENOPROTOOPT) {
                throw e; // no key by serial at all (before Linux 6.2): a user key would fail the same way
            }
            dropKeyringKey();
            keyringFallbackReason = "a " + preferred + " key was refused: " + e.getMessage();
        }
        addAndBind("user", key, scratch);
        keyringKeyType = "user";
        Keyring.recordLogonFallback(keyringFallbackReason);
    }

    private void addAndBind(String type, byte[] key, long scratch) {
        // The process keyring rather than the thread's: close() may run on another thread, or on the Cleaner's, and
        // must still find the key to revoke it. The description is unique per instance because add_key with an
        // existing description updates that key in place; logon keys need its "service:" prefix.
        fds.keySerial = Keyring.addKey(sys, type, "chunkbench:" + UUID.randomUUID(), key, Keyring.PROCESS_KEYRING);
        fields.putInt(OFF_SCRATCH, fds.keySerial);
        AfAlg.setKeyBySerial(sys, fds.tfm, scratch, fds.keySerial);
    }

    private void dropKeyringKey() {
        try {
            fds.dropKey();
        } catch (AfAlgException e) {
            // Revoked or gone already; the user key that follows does not depend on it.
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

    /** {@code jna} or {@code ffm}: whose calls this instance makes. */
    String binding() {
        return sys.binding();
    }

    @Override
    public String toString() {
        return keyringKeyType == null ? backend()
                : backend() + " (" + keyringKeyType + " key" + (keyringFallbackReason == null ? "" : "; " + keyringFallbackReason) + ")";
    }

    private void wipeScratch() {
        for (int i = 0; i < SCRATCH_SIZE; i += 8) {
            fields.putLong(OFF_SCRATCH + i, 0L);
        }
    }

    /** The splice path's pipe, at least one piece long, so a vmsplice of one piece never waits for a reader. */
    private void openPipe() {
        int r = sys.pipe2(block.address() + OFF_SCRATCH, LibC.O_CLOEXEC);
        if (r < 0) {
            throw new AfAlgException(backend() + ": pipe2", -r, null);
        }
        fds.pipeRead = fields.getInt(OFF_SCRATCH);
        fds.pipeWrite = fields.getInt(OFF_SCRATCH + 4);
        int size = sys.fcntl(fds.pipeWrite, LibC.F_GETPIPE_SZ, 0);
        if (size < 0) {
            throw new AfAlgException(backend() + ": fcntl(pipe, F_GETPIPE_SZ)", -size, null);
        }
        if (size < PIECE) {
            // 16 pages is Linux's default; a smaller one (a lowered default, a full pipe-user-pages-soft) is raised.
            int set = sys.fcntl(fds.pipeWrite, LibC.F_SETPIPE_SZ, PIECE);
            if (set < 0) {
                throw new AfAlgException(backend() + ": fcntl(pipe, F_SETPIPE_SZ, " + PIECE + ")", -set,
                        set == -Errno.EPERM ? "the pipe is " + size + " bytes and this user's pipe pages are at their "
                                + "limit (/proc/sys/fs/pipe-user-pages-soft); use io=copy" : null);
            }
            if (set < PIECE) {
                throw new IllegalStateException(backend() + ": fcntl(pipe, F_SETPIPE_SZ, " + PIECE + ") gave the pipe "
                        + set + " bytes, less than one piece of " + PIECE);
            }
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
            if (splice) {
                cryptSplice(src, out, len);
            } else {
                Pieces.copy(src, out, len, copyPiece);
            }
        } finally {
            // The Cleaner closes the descriptors once this cipher is unreachable, and a direct buffer's memory is
            // freed once it is: neither may happen while a system call on them is still running.
            Reference.reachabilityFence(this);
            Reference.reachabilityFence(in);
            Reference.reachabilityFence(out);
        }
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
            int n = Math.min(PIECE, len - done);
            if (in.isDirect()) {
                // vmsplice maps whole pages: an unaligned start costs a page of the pipe's 16.
                long at = staging.inputBase(in) + in.position() + done;
                n = Math.min(PIECE - (int) (at & (PAGE - 1)), n);
            }
            if (done + n < len) {
                n -= n % 16;
            }
            long src = staging.inputAddress(in, done, n);
            vmspliceAll(src, n);
            spliceAll(n, done + n == len ? 0 : LibC.SPLICE_F_MORE);
            readOutput(out, done, n);
            done += n;
        }
    }

    private void sendmsg(long src, int n, int flags) {
        fields.putLong(OFF_IOV + AlgLayout.IOV_BASE, src);
        fields.putLong(OFF_IOV + AlgLayout.IOV_LEN, n);
        fields.putLong(OFF_MSG + AlgLayout.MSG_CONTROL, controlPending ? controlAddr : 0L);
        fields.putLong(OFF_MSG + AlgLayout.MSG_CONTROLLEN, controlPending ? controlLen : 0L);
        long sent = 0;
        while (true) {
            long r = sys.sendmsg(fds.op, msgAddr, flags);
            if (r == -Errno.EINTR) {
                continue;
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
            long r = sys.vmsplice(fds.pipeWrite, iovAddr, 1, 0);
            if (r == -Errno.EINTR) {
                continue;
            }
            if (r < 0) {
                throw failure("vmsplice", r);
            }
            if (r == 0) {
                throw stalled("vmsplice(pipe)", moved, n);
            }
            moved += r;
        }
    }

    private void spliceAll(int n, int flags) {
        long moved = 0;
        while (moved < n) {
            long r = sys.splice(fds.pipeRead, 0, fds.op, 0, n - moved, flags);
            if (r == -Errno.EINTR) {
                continue;
            }
            if (r < 0) {
                throw failure("splice", r);
            }
            if (r == 0) {
                throw stalled("splice(pipe -> op socket)", moved, n);
            }
            moved += r;
        }
    }

    private void readOutput(ByteBuffer out, int offset, int n) {
        long dst = staging.outputAddress(out, offset, n);
        long got = 0;
        while (got < n) {
            long r = sys.read(fds.op, dst + got, n - got);
            if (r == -Errno.EINTR) {
                continue;
            }
            if (r < 0) {
                throw failure("read", r);
            }
            if (r == 0) {
                throw new IllegalStateException(backend() + ": read(op socket) returned end of file after "
                        + got + " of " + n + " bytes");
            }
            got += r;
        }
        staging.finishOutput(out, offset, n);
    }

    private AfAlgException failure(String call, long r) {
        return new AfAlgException(backend() + ": " + call + "(op socket)", (int) -r, null);
    }

    private IllegalStateException stalled(String call, long moved, int n) {
        return new IllegalStateException(backend() + ": " + call + " moved nothing after " + moved + " of " + n + " bytes");
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

    /** Every descriptor and the key this instance added; closed once, by close() or as a safety net by the Cleaner. */
    static final class Fds implements Runnable {
        private final Syscalls sys;
        int tfm = -1;
        int op = -1;
        int pipeRead = -1;
        int pipeWrite = -1;
        /** A key this instance added to the process keyring (0: none); revoked and unlinked on close. */
        int keySerial;

        Fds(Syscalls sys) {
            this.sys = sys;
        }

        /** Revokes and unlinks the key this instance added, if any. */
        void dropKey() {
            if (keySerial != 0) {
                int serial = keySerial;
                keySerial = 0;
                try {
                    Keyring.revoke(sys, serial);
                } finally {
                    // Unlinking drops the keyring's reference, so the key is destroyed now rather than after gc_delay.
                    Keyring.unlink(sys, serial, Keyring.PROCESS_KEYRING);
                }
            }
        }

        @Override
        public void run() {
            op = AfAlg.closeQuietly(sys, op);
            tfm = AfAlg.closeQuietly(sys, tfm);
            pipeRead = AfAlg.closeQuietly(sys, pipeRead);
            pipeWrite = AfAlg.closeQuietly(sys, pipeWrite);
            dropKey();
        }
    }
}
