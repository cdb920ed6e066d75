package org.chunkbench.backends.control;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * libc's {@code abs} by JNA direct mapping with a primitive argument and result: the same kind of call as the
 * backends' {@code EVP_CipherUpdate}, {@code sendmsg} and {@code read} (no type mapper, no marshalling, no errno
 * check), minus the work inside the function. The JNA per-call floor.
 */
final class JnaNoOpCall implements NoOpCall {
    static final String LOAD_ERROR;

    static {
        String error = null;
        try {
            Native.register(JnaNoOpCall.class, NativeLibrary.getInstance("c"));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            error = "libc could not be bound through JNA: " + e.getMessage();
        }
        LOAD_ERROR = error;
    }

    private static native int abs(int x);

    @Override
    public String binding() {
        return "jna";
    }

    @Override
    public int call(int x) {
        return abs(x);
    }

    @Override
    public NoOpCall ordinary() {
        return this;
    }
}
