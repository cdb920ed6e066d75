package org.chunkbench.backends.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * The libc calls of the kernel paths, bound by JNA direct mapping with primitive arguments (addresses as
 * {@code long}), so a call marshals nothing and allocates nothing. Only {@link JnaSyscalls} calls them: everything
 * above goes through {@link Syscalls}, written once for both bindings.
 *
 * <p>Errors come back as {@link LastErrorException} rather than through {@code Native.getLastError()}: JNA then
 * checks errno inside its native stub and builds an exception only on the failure path, while preserving errno
 * for {@code getLastError()} means storing it per thread after every call, successful or not. The only failure
 * on the per-chunk path that is not fatal is EINTR, which is rare enough for its exception to cost nothing.
 */
final class LibC {
    static final String LOAD_ERROR;

    static {
        String error = null;
        try {
            Native.register(LibC.class, NativeLibrary.getInstance("c"));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            error = "libc could not be bound through JNA: " + e.getMessage();
        }
        LOAD_ERROR = error;
    }

    private LibC() {
    }

    // x86_64 and the generic Linux syscall tables agree on these values for the calls used here.
    static final int AF_UNIX = 1;
    static final int AF_ALG = 38;
    static final int SOCK_SEQPACKET = 5;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int O_CLOEXEC = 0x80000;
    static final int MSG_MORE = 0x8000;
    static final int MSG_DONTWAIT = 0x40;
    static final int SPLICE_F_MORE = 4;
    static final int F_SETPIPE_SZ = 1031;
    static final int F_GETPIPE_SZ = 1032;

    /** add_key(2) and keyctl(2) have no libc wrapper in glibc, so they go through syscall(2); x86_64 numbers. */
    static final long SYS_ADD_KEY = 248;
    static final long SYS_KEYCTL = 250;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int socketpair(int domain, int type, int protocol, long sv) throws LastErrorException;

    static native int bind(int fd, long addr, int addrLen) throws LastErrorException;

    static native int setsockopt(int fd, int level, int optName, long optVal, int optLen) throws LastErrorException;

    static native int accept(int fd, long addr, long addrLen) throws LastErrorException;

    static native long sendmsg(int fd, long msg, int flags) throws LastErrorException;

    static native long read(int fd, long buf, long count) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int pipe2(long fds, int flags) throws LastErrorException;

    static native long vmsplice(int fd, long iov, long nrSegs, int flags) throws LastErrorException;

    static native long splice(int fdIn, long offIn, int fdOut, long offOut, long len, int flags) throws LastErrorException;

    static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    static native long syscall(long number, long a1, long a2, long a3, long a4, long a5) throws LastErrorException;
}
