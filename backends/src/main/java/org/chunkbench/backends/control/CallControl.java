package org.chunkbench.backends.control;

import java.nio.ByteBuffer;

import org.chunkbench.backends.AbstractChunkedCipher;
import org.chunkbench.backends.CipherSpec;

/**
 * {@code call[binding=...]}: exactly one native call per chunk, whatever its size, that does nothing (libc
 * {@code abs}), plus the checks every {@link AbstractChunkedCipher} makes. No byte is read or written: the
 * output buffer is left as it was and only both positions advance. The call's result is checked, so it cannot
 * be dropped as dead code.
 */
final class CallControl extends AbstractChunkedCipher {
    private final NoOpCall call;

    CallControl(String spelled, CipherSpec spec, NoOpCall call) {
        super(spelled, spec);
        this.call = call;
    }

    @Override
    protected void crypt(ByteBuffer in, ByteBuffer out, int len) {
        int r = call.call(-len);
        if (r != len) {
            throw new IllegalStateException(backend() + ": abs(" + (-len) + ") returned " + r);
        }
    }

    @Override
    protected void restart(byte[] counterBlock) {
        // one call per chunk in either mode
    }

    @Override
    protected void release() {
        // nothing native is held
    }
}
