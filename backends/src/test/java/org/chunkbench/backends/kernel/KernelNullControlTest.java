package org.chunkbench.backends.kernel;

import org.chunkbench.backends.ChunkedCipher;

/** kernel[binding=jna,driver=ecb(cipher_null),...]: see {@link KernelNullControlBase}; needs AF_ALG (the VM). */
class KernelNullControlTest extends KernelNullControlBase {
    @Override
    String binding() {
        return "jna";
    }

    @Override
    void sabotage(ChunkedCipher c) throws Exception {
        java.lang.reflect.Field f = KernelChunkedCipher.class.getDeclaredField("fds");
        f.setAccessible(true);
        KernelChunkedCipher.Fds fds = (KernelChunkedCipher.Fds) f.get(c);
        int op = fds.op;
        fds.op = -1;
        LibC.close(op);
    }
}
