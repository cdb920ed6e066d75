package org.chunkbench.backends.kernel;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls of the kernel backend as FFM downcall handles, made once. Every handle captures errno
 * ({@code Linker.Option.captureCallState("errno")}): its first argument is a capture segment, which each cipher
 * allocates once and owns, so a failed call's errno is read from memory the instance already has, without a
 * per-call allocation and without a thread-local.
 *
 * <p>Pointer arguments that the caller computes as addresses (a buffer plus an offset, the message block) are
 * declared {@code JAVA_LONG}: on LP64 Linux a pointer and a long travel in the same register, and a {@code long}
 * needs no {@link MemorySegment} per call. The backend is x86_64 Linux only (see {@link AlgLayout}).
 */
final class FfmLibC {
    static final String LOAD_ERROR;
    static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** int socket(int, int, int) */
    static final MethodHandle SOCKET;
    /** int bind(int, const struct sockaddr *, socklen_t) */
    static final MethodHandle BIND;
    /** int setsockopt(int, int, int, const void *, socklen_t) */
    static final MethodHandle SETSOCKOPT;
    /** int accept(int, struct sockaddr *, socklen_t *) */
    static final MethodHandle ACCEPT;
    /** ssize_t sendmsg(int, const struct msghdr *, int) */
    static final MethodHandle SENDMSG;
    /** ssize_t read(int, void *, size_t) */
    static final MethodHandle READ;
    /** int close(int) */
    static final MethodHandle CLOSE;
    /** int pipe2(int[2], int) */
    static final MethodHandle PIPE2;
    /** ssize_t vmsplice(int, const struct iovec *, size_t, unsigned) */
    static final MethodHandle VMSPLICE;
    /** ssize_t splice(int, loff_t *, int, loff_t *, size_t, unsigned) */
    static final MethodHandle SPLICE;
    /** int fcntl(int, int, ...) with one int argument */
    static final MethodHandle FCNTL;
    /** int socketpair(int, int, int, int[2]): the {@code syscall[binding=ffm]} control's pair */
    static final MethodHandle SOCKETPAIR;
    /** long syscall(long, ...) with five long arguments: add_key and keyctl, which glibc does not wrap */
    static final MethodHandle SYSCALL5;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        MethodHandle[] h = new MethodHandle[13];
        String error = null;
        try {
            h[0] = handle(linker, libc, "socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), errno);
            h[1] = handle(linker, libc, "bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT), errno);
            h[2] = handle(linker, libc, "setsockopt",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT), errno);
            h[3] = handle(linker, libc, "accept", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), errno);
            h[4] = handle(linker, libc, "sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT), errno);
            h[5] = handle(linker, libc, "read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), errno);
            h[6] = handle(linker, libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
            h[7] = handle(linker, libc, "pipe2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT), errno);
            h[8] = handle(linker, libc, "vmsplice",
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), errno);
            h[9] = handle(linker, libc, "splice",
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), errno);
            h[10] = handle(linker, libc, "fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
                    errno, Linker.Option.firstVariadicArg(2));
            h[11] = handle(linker, libc, "syscall",
                    FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                    errno, Linker.Option.firstVariadicArg(1));
            h[12] = handle(linker, libc, "socketpair",
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), errno);
        } catch (IllegalArgumentException e) {
            error = "libc could not be bound through FFM: " + e.getMessage();
        }
        LOAD_ERROR = error;
        SOCKET = h[0];
        BIND = h[1];
        SETSOCKOPT = h[2];
        ACCEPT = h[3];
        SENDMSG = h[4];
        READ = h[5];
        CLOSE = h[6];
        PIPE2 = h[7];
        VMSPLICE = h[8];
        SPLICE = h[9];
        FCNTL = h[10];
        SYSCALL5 = h[11];
        SOCKETPAIR = h[12];
    }

    private FfmLibC() {
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor d,
            Linker.Option... options) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
        return linker.downcallHandle(symbol, d, options);
    }

    /** The errno the last call through a handle stored in {@code capture}. */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
