package org.chunkbench.backends.control;

import java.nio.ByteBuffer;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;

/**
 * {@code none}: a cipher that does nothing but the checks every {@link AbstractChunkedCipher} makes. Timed like a
 * backend it gives the harness floor (benchmark loop, interface call, checks, position updates), which every
 * other control and backend also pays once per chunk; the decomposition subtracts it so that the floor is not
 * counted once per control. No byte is read or written.
 */
final class NoneControl extends AbstractChunkedCipher {
    NoneControl(String spelled, CipherSpec spec) {
        super(spelled, spec);
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        // nothing: this is the floor
    }

    @Override
    protected void restart(byte[] counterBlock) {
        // nothing
    }

    @Override
    protected void release() {
        // nothing held
    }
}
