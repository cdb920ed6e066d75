package org.chunkbench.backends.kernel;

import org.chunkbench.backends.memory.NativeMemory;

/**
 * Test support: a binding's {@link Syscalls} with single calls replaced, to make the kernel answer what it rarely
 * does (a vmsplice that moves nothing, a pipe smaller than a piece) through either binding. Everything not
 * overridden goes to the binding's own calls for one owner.
 */
class ForwardingSyscalls implements Syscalls {
    final Syscalls real;

    ForwardingSyscalls(Syscalls binding) {
        this.real = binding.forOwner();
    }

    @Override
    public Syscalls forOwner() {
        return this;
    }

    @Override
    public String loadError() {
        return real.loadError();
    }

    @Override
    public String binding() {
        return real.binding();
    }

    @Override
    public NativeMemory memory() {
        return real.memory();
    }

    @Override
    public int socket(int domain, int type, int protocol) {
        return real.socket(domain, type, protocol);
    }

    @Override
    public int socketpair(int domain, int type, int protocol, long sv) {
        return real.socketpair(domain, type, protocol, sv);
    }

    @Override
    public int bind(int fd, long addr, int addrLen) {
        return real.bind(fd, addr, addrLen);
    }

    @Override
    public int setsockopt(int fd, int level, int optName, long optVal, int optLen) {
        return real.setsockopt(fd, level, optName, optVal, optLen);
    }

    @Override
    public int accept(int fd, long addr, long addrLen) {
        return real.accept(fd, addr, addrLen);
    }

    @Override
    public long sendmsg(int fd, long msg, int flags) {
        return real.sendmsg(fd, msg, flags);
    }

    @Override
    public long read(int fd, long buf, long count) {
        return real.read(fd, buf, count);
    }

    @Override
    public int pipe2(long fds, int flags) {
        return real.pipe2(fds, flags);
    }

    @Override
    public int fcntl(int fd, int cmd, int arg) {
        return real.fcntl(fd, cmd, arg);
    }

    @Override
    public long vmsplice(int fd, long iov, long nrSegs, int flags) {
        return real.vmsplice(fd, iov, nrSegs, flags);
    }

    @Override
    public long splice(int fdIn, long offIn, int fdOut, long offOut, long len, int flags) {
        return real.splice(fdIn, offIn, fdOut, offOut, len, flags);
    }

    @Override
    public int close(int fd) {
        return real.close(fd);
    }

    @Override
    public long addKey(long type, long description, long payload, long payloadLen, int keyring) {
        return real.addKey(type, description, payload, payloadLen, keyring);
    }

    @Override
    public long keyctl(int op, long a2, long a3, long a4, long a5) {
        return real.keyctl(op, a2, a3, a4, a5);
    }
}
