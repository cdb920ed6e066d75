package org.chunkbench.backends.kernel;

import com.sun.jna.LastErrorException;

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.memory.NativeMemory;

/**
 * {@link Syscalls} over JNA direct mapping ({@link LibC}). JNA checks errno inside its stub and
 * throws {@link LastErrorException} only on failure, which is turned into {@code -errno} here; the successful call,
 * the per-chunk case, pays nothing for it.
 */
final class JnaSyscalls implements Syscalls {
    static final JnaSyscalls INSTANCE = new JnaSyscalls();

    private JnaSyscalls() {
    }

    @Override
    public String loadError() {
        try {
            return LibC.LOAD_ERROR;
        } catch (LinkageError e) {
            return "JNA could not load: " + e;
        }
    }

    @Override
    public Syscalls forOwner() {
        return this;
    }

    @Override
    public String binding() {
        return Binding.JNA.spelling();
    }

    @Override
    public NativeMemory memory() {
        return NativeMemory.of(Binding.JNA);
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        try {
            return LibC.socket(domain, type, protocol);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int socketpair(int domain, int type, int protocol, long sv) {
        try {
            return LibC.socketpair(domain, type, protocol, sv);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int bind(int fd, long addr, int addrLen) {
        try {
            return LibC.bind(fd, addr, addrLen);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int setsockopt(int fd, int level, int optName, long optVal, int optLen) {
        try {
            return LibC.setsockopt(fd, level, optName, optVal, optLen);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int accept(int fd, long addr, long addrLen) {
        try {
            return LibC.accept(fd, addr, addrLen);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long sendmsg(int fd, long msg, int flags) {
        try {
            return LibC.sendmsg(fd, msg, flags);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long read(int fd, long buf, long count) {
        try {
            return LibC.read(fd, buf, count);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int pipe2(long fds, int flags) {
        try {
            return LibC.pipe2(fds, flags);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        try {
            return LibC.fcntl(fd, cmd, arg);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long vmsplice(int fd, long iov, long nrSegs, int flags) {
        try {
            return LibC.vmsplice(fd, iov, nrSegs, flags);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long splice(int fdIn, long offIn, int fdOut, long offOut, long len, int flags) {
        try {
            return LibC.splice(fdIn, offIn, fdOut, offOut, len, flags);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public int close(int fd) {
        try {
            return LibC.close(fd);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long addKey(long type, long description, long payload, long payloadLen, int keyring) {
        try {
            return LibC.syscall(LibC.SYS_ADD_KEY, type, description, payload, payloadLen, keyring);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    @Override
    public long keyctl(int op, long a2, long a3, long a4, long a5) {
        try {
            return LibC.syscall(LibC.SYS_KEYCTL, op, a2, a3, a4, a5);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }
}
