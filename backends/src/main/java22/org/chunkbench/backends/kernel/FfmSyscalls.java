package org.chunkbench.backends.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.memory.NativeMemory;

/**
 * {@link Syscalls} over FFM: the downcall handles of {@link FfmLibC}, each capturing errno into this instance's
 * capture segment, read only when a call returned -1. One instance per owner ({@link #forOwner()}), so owners on
 * different threads never share the segment, and none is allocated per call. The segment is a global-scope view
 * of memory an automatic arena owns (kept reachable by {@link #owned}): a downcall then has no arena to acquire and
 * release. Only binds: the protocol above it is written once, for both bindings.
 */
public final class FfmSyscalls implements Syscalls {
    private final MemorySegment owned;
    private final MemorySegment capture;

    /** Loaded by name on JDK 22+ ({@link Binding#loadFfm}): the prototype of which each owner gets a copy. */
    public FfmSyscalls() {
        this.owned = Arena.ofAuto().allocate(FfmLibC.CAPTURE_LAYOUT);
        this.capture = MemorySegment.ofAddress(owned.address()).reinterpret(FfmLibC.CAPTURE_LAYOUT.byteSize());
    }

    @Override
    public String loadError() {
        return FfmLibC.LOAD_ERROR;
    }

    @Override
    public Syscalls forOwner() {
        return new FfmSyscalls();
    }

    @Override
    public String binding() {
        return Binding.FFM.spelling();
    }

    @Override
    public NativeMemory memory() {
        return NativeMemory.of(Binding.FFM);
    }

    private int result(int r) {
        return r < 0 ? -FfmLibC.errno(capture) : r;
    }

    private long result(long r) {
        return r < 0 ? -FfmLibC.errno(capture) : r;
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        try {
            return result((int) FfmLibC.SOCKET.invokeExact(capture, domain, type, protocol));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public int socketpair(int domain, int type, int protocol, long sv) {
        try {
            return result((int) FfmLibC.SOCKETPAIR.invokeExact(capture, domain, type, protocol, sv));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public int bind(int fd, long addr, int addrLen) {
        try {
            return result((int) FfmLibC.BIND.invokeExact(capture, fd, addr, addrLen));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public int setsockopt(int fd, int level, int optName, long optVal, int optLen) {
        try {
            return result((int) FfmLibC.SETSOCKOPT.invokeExact(capture, fd, level, optName, optVal, optLen));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public int accept(int fd, long addr, long addrLen) {
        try {
            return result((int) FfmLibC.ACCEPT.invokeExact(capture, fd, addr, addrLen));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public long sendmsg(int fd, long msg, int flags) {
        try {
            return result((long) FfmLibC.SENDMSG.invokeExact(capture, fd, msg, flags));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public long read(int fd, long buf, long count) {
        try {
            return result((long) FfmLibC.READ.invokeExact(capture, fd, buf, count));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public int pipe2(long fds, int flags) {
        try {
            return result((int) FfmLibC.PIPE2.invokeExact(capture, fds, flags));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        try {
            return result((int) FfmLibC.FCNTL.invokeExact(capture, fd, cmd, arg));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public long vmsplice(int fd, long iov, long nrSegs, int flags) {
        try {
            return result((long) FfmLibC.VMSPLICE.invokeExact(capture, fd, iov, nrSegs, flags));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public long splice(int fdIn, long offIn, int fdOut, long offOut, long len, int flags) {
        try {
            return result((long) FfmLibC.SPLICE.invokeExact(capture, fdIn, offIn, fdOut, offOut, len, flags));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public int close(int fd) {
        try {
            return result((int) FfmLibC.CLOSE.invokeExact(capture, fd));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public long addKey(long type, long description, long payload, long payloadLen, int keyring) {
        try {
            return result((long) FfmLibC.SYSCALL5.invokeExact(capture, LibC.SYS_ADD_KEY, type, description, payload,
                    payloadLen, (long) keyring));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }

    @Override
    public long keyctl(int op, long a2, long a3, long a4, long a5) {
        try {
            return result((long) FfmLibC.SYSCALL5.invokeExact(capture, LibC.SYS_KEYCTL, (long) op, a2, a3, a4, a5));
        } catch (Throwable t) {
            throw FfmLibC.rethrow(t);
        }
    }
}
