package org.chunkbench.backends.kernel;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.chunkbench.backends.AbstractSealedRecords;
import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.memory.NativeBlock;

/**
 * AES-GCM sealed records in the kernel through AF_ALG's {@code aead} type, {@code gcm(aes)}, written once over
 * {@link Syscalls} like {@link AfAlgCipher}: {@code kernel[binding=jna]} and {@code kernel[binding=ffm]} are this
 * class with the binding's calls. At open: bind {aead, gcm(aes)}, {@code ALG_SET_KEY} with the key bytes (wiped from
 * native memory right after), {@code ALG_SET_AEAD_AUTHSIZE} 16 (the size is the option's length, no value), accept.
 *
 * <p>Per record, one sendmsg and one read on the operation socket, through one native stage owned here: the
 * request carries ALG_SET_OP, ALG_SET_IV (the record's 12-byte nonce) and ALG_SET_AEAD_ASSOCLEN; its data is
 * AAD || plaintext (sealing) or AAD || ciphertext || tag (opening), and the kernel answers AAD || ciphertext || tag
 * or AAD || plaintext, in one read. A read failing with EBADMSG is the tag check: the stage is wiped (the kernel may
 * have written plaintext into it) and {@link AbstractSealedRecords} zeroes the caller's region before the one
 * {@link org.chunkbench.backends.RecordAuthenticationException}. Any other failure throws and breaks the instance.
 *
 * <p>An aead request is processed whole, after its last byte arrived, so the whole request must fit the socket's
 * send buffer at once (208 KiB by default, {@code net.core.wmem_default}); records whose request exceeds
 * {@link #MAX_REQUEST} are refused before anything is sent, and the sendmsg carries MSG_DONTWAIT so that a smaller
 * buffer is an error (EAGAIN), never a hang. Nothing is allocated per record once the stage has the size of the
 * largest record seen.
 */
final class AfAlgAead extends AbstractSealedRecords {
    static final String NAME = "gcm(aes)";
    /** The largest request (AAD, text and tag) sent at once: below the default send and receive buffers. */
    static final int MAX_REQUEST = 192 * 1024;
    private static final Cleaner CLEANER = Cleaner.create();

    // One native block, laid out once: msghdr, iovec, control messages, sockaddr_alg, scratch for the key.
    private static final int OFF_MSG = 0;
    private static final int OFF_IOV = 64;
    private static final int OFF_CONTROL = OFF_IOV + AlgLayout.IOVEC_SIZE;
    private static final int OFF_SOCKADDR = OFF_CONTROL + AlgLayout.AEAD_CONTROL_SIZE;
    private static final int OFF_SCRATCH = OFF_SOCKADDR + AlgLayout.SOCKADDR_ALG_SIZE;
    private static final int SCRATCH_SIZE = 32;
    private static final int BLOCK_SIZE = OFF_SCRATCH + SCRATCH_SIZE;

    private final Syscalls sys;
    private final AfAlgCipher.Fds fds;
    private final Cleaner.Cleanable cleanable;
    private final NativeBlock block;
    private final ByteBuffer fields;
    private final int aadLength;
    /** AAD, text and tag of one request, in and out; grown to the largest record seen, wiped and freed on close. */
    private NativeBlock stage;

    AfAlgAead(Syscalls binding, String spelled, AeadSpec spec) {
        super(spelled, spec);
        this.sys = binding.forOwner();
        this.aadLength = spec.aadLength();
        this.fds = new AfAlgCipher.Fds(sys);
        this.cleanable = CLEANER.register(this, fds);
        this.block = new NativeBlock(sys.memory(), "kernel AF_ALG aead message block", BLOCK_SIZE);
        this.fields = block.view();
        try {
            fds.tfm = AfAlg.openTransform(sys, block, OFF_SOCKADDR, AfAlg.AEAD, NAME);
            byte[] key = spec.key().copyBytes();
            try {
                fields.put(OFF_SCRATCH, key);
                AfAlg.setKey(sys, fds.tfm, block.address() + OFF_SCRATCH, key.length);
            } finally {
                Arrays.fill(key, (byte) 0);
                for (int i = 0; i < SCRATCH_SIZE; i += 8) {
                    fields.putLong(OFF_SCRATCH + i, 0L);
                }
            }
            int r = sys.setsockopt(fds.tfm, AlgLayout.SOL_ALG, AlgLayout.ALG_SET_AEAD_AUTHSIZE, 0, AeadSpec.TAG_BYTES);
            if (r < 0) {
                throw new AfAlgException("setsockopt(SOL_ALG, ALG_SET_AEAD_AUTHSIZE, " + AeadSpec.TAG_BYTES + ")", -r,
                        r == -Errno.EINVAL ? "gcm(aes) refused a " + AeadSpec.TAG_BYTES + "-byte tag" : null);
            }
            fds.op = AfAlg.accept(sys, fds.tfm);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        AlgLayout.writeMsghdr(fields, OFF_MSG, block.address() + OFF_IOV);
        AlgLayout.writeAeadControl(fields, OFF_CONTROL, aadLength);
        fields.putLong(OFF_MSG + AlgLayout.MSG_CONTROL, block.address() + OFF_CONTROL);
        fields.putLong(OFF_MSG + AlgLayout.MSG_CONTROLLEN, AlgLayout.AEAD_CONTROL_SIZE);
    }

    @Override
    protected String refuseLength(int plainLen) {
        long request = (long) aadLength + plainLen + AeadSpec.TAG_BYTES;
        if (request <= MAX_REQUEST) {
            return null;
        }
        return backend() + " " + AeadSpec.CIPHER + " takes records of at most " + (MAX_REQUEST - aadLength - AeadSpec.TAG_BYTES)
                + " bytes of plaintext with " + aadLength + " bytes of associated data (this one has " + plainLen
                + "): AF_ALG processes an aead request whole, and it must fit the socket's send buffer; use a smaller --chunk";
    }

    @Override
    protected void sealRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            ByteBuffer s = stage(aadLength + len + AeadSpec.TAG_BYTES);
            if (aadLength > 0) {
                s.put(0, aad, 0, aadLength);
            }
            s.put(aadLength, in, inOff, len);
            request(AlgLayout.ALG_OP_ENCRYPT, nonce, aadLength + len);
            long r = read(aadLength + len + AeadSpec.TAG_BYTES);
            if (r < 0) {
                throw failure("read", r);
            }
            s.get(aadLength, out, outOff, len + AeadSpec.TAG_BYTES);
        } finally {
            // The Cleaner closes the descriptors once this object is unreachable: not while a call on them runs.
            Reference.reachabilityFence(this);
        }
    }

    @Override
    protected boolean openRecord(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            int plain = len - AeadSpec.TAG_BYTES;
            ByteBuffer s = stage(aadLength + len);
            if (aadLength > 0) {
                s.put(0, aad, 0, aadLength);
            }
            s.put(aadLength, in, inOff, len);
            request(AlgLayout.ALG_OP_DECRYPT, nonce, aadLength + len);
            long r = read(aadLength + plain);
            if (r == -Errno.EBADMSG) {
                stage.wipe(); // it may hold the record's unverified plaintext
                return false;
            }
            if (r < 0) {
                throw failure("read", r);
            }
            s.get(aadLength, out, outOff, plain);
            return true;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** The stage, grown (never per record in a steady state) to hold {@code n} bytes. */
    private ByteBuffer stage(int n) {
        if (stage == null || stage.size() < n) {
            if (stage != null) {
                stage.close();
                stage = null;
            }
            stage = new NativeBlock(sys.memory(), backend() + " aead staging", Math.max(n, 4096));
        }
        return stage.view();
    }

    /**
     * One sendmsg of the whole request with its control messages. An aead request cannot be split across calls here
     * (the op socket has no room for the rest until it is read), so anything short of all of it is a failure.
     */
    private void request(int op, byte[] nonce, int n) {
        fields.putInt(OFF_CONTROL + AlgLayout.AEAD_CONTROL_OP, op);
        fields.put(OFF_CONTROL + AlgLayout.AEAD_CONTROL_IV_BYTES, nonce, 0, AeadSpec.IV_BYTES);
        fields.putLong(OFF_IOV + AlgLayout.IOV_BASE, stage.address());
        fields.putLong(OFF_IOV + AlgLayout.IOV_LEN, n);
        long r;
        do {
            r = sys.sendmsg(fds.op, block.address() + OFF_MSG, LibC.MSG_DONTWAIT);
        } while (r == -Errno.EINTR);
        if (r == -Errno.EAGAIN || (r >= 0 && r < n)) {
            throw new AfAlgException(backend() + ": sendmsg(op socket)", Errno.EAGAIN, "the socket's send buffer took "
                    + Math.max(r, 0) + " of a request of " + n + " bytes (net.core.wmem_default is below it); use a smaller --chunk");
        }
        if (r < 0) {
            throw failure("sendmsg", r);
        }
    }

    /**
     * One read of the whole answer of {@code n} bytes into the stage: its length, or {@code -errno}. At least one
     * byte is asked for: a read of 0 bytes returns at once without reaching the socket, which would leave an empty
     * record (no AAD, no plaintext: only a tag) unprocessed and its tag unchecked. The kernel writes only the answer.
     */
    private long read(int n) {
        long r;
        do {
            r = sys.read(fds.op, stage.address(), Math.max(n, 1));
        } while (r == -Errno.EINTR);
        if (r >= 0 && r != n) {
            throw new IllegalStateException(backend() + ": read(op socket) returned " + r + " bytes; the answer is " + n);
        }
        return r;
    }

    private AfAlgException failure(String call, long r) {
        return new AfAlgException(backend() + ": " + call + "(op socket)", (int) -r, null);
    }

    @Override
    protected void release() {
        try {
            cleanable.clean();
        } finally {
            block.close();
            if (stage != null) {
                stage.close();
            }
        }
    }
}
