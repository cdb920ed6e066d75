package org.chunkbench.backends.control;

import java.nio.ByteBuffer;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.memory.NativeMemory;
import org.chunkbench.backends.memory.Staging;

/**
 * {@code copy}: the staging the native backends do for heap buffers, and nothing else. Through the same
 * {@link Staging} calls as {@code OpenSslChunkedCipher} and the kernel backend, a heap input is copied into
 * native memory and the native output area is copied back into a heap output, in slices of {@link #STAGE} bytes
 * (the kernel backend's piece; the openssl backend stages 256 KiB at a time, which differs only by one pair of
 * copy calls per 64 KiB). A direct buffer is used in place, so with direct buffers this control costs the address
 * look-up alone, as in the backends.
 *
 * <p>No native function runs between the two copies, so what lands in a heap output is the native output area's
 * content (zeros: it is allocated cleared and nothing writes it), not the input. A direct output is not written.
 */
final class CopyControl extends AbstractChunkedCipher {
    static final int STAGE = 64 * 1024;
    private final Staging staging;

    CopyControl(String spelled, CipherSpec spec) {
        super(spelled, spec);
        this.staging = new Staging(NativeMemory.of(Binding.JNA), spelled, STAGE);
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        int slice = in.isDirect() && out.isDirect() ? Math.max(len, 1) : STAGE;
        for (int done = 0; done < len; ) {
            int n = Math.min(slice, len - done);
            staging.inputAddress(in, done, n);
            staging.outputAddress(out, done, n);
            staging.finishOutput(out, done, n);
            done += n;
        }
    }

    @Override
    protected void restart(byte[] counterBlock) {
        // nothing to restart
    }

    @Override
    protected void release() {
        staging.close();
    }
}
