package org.chunkbench.backends.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * socketpair(2) for the {@code syscall} control, bound like {@link LibC} (direct mapping, primitive arguments) but
 * kept apart from it so that the backend's own binding is unchanged; the control's per-chunk calls are
 * {@link LibC#sendmsg} and {@link LibC#read} themselves.
 */
final class UnixSockets {
    static final String LOAD_ERROR;

    static {
        String error = LibC.LOAD_ERROR;
        if (error == null) {
            try {
                Native.register(UnixSockets.class, NativeLibrary.getInstance("c"));
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                error = "socketpair could not be bound through JNA: " + e.getMessage();
            }
        }
        LOAD_ERROR = error;
    }

    private UnixSockets() {
    }

    static final int AF_UNIX = 1;

    /** {@code sv} is the address of two ints. */
    static native int socketpair(int domain, int type, int protocol, long sv) throws LastErrorException;
}
