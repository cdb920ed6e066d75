package org.chunkbench.backends.kernel;

import org.chunkbench.backends.memory.NativeMemory;

/**
 * The libc calls of the kernel paths, binding-neutral: pointers are {@code long} addresses (LP64 Linux passes a
 * pointer and a long alike), and every call returns its result, or {@code -errno} when it failed, so the code above
 * is written once for both bindings and sees the same errors: {@link JnaSyscalls} (JNA direct mapping, here) and
 * {@code FfmSyscalls} (FFM downcall handles, src/main/java22). Both are final and each owner holds its own instance
 * ({@link #forOwner()}) in a final field, so in a JVM that uses one binding (a JMH fork) the per-chunk calls are
 * monomorphic and inlined.
 *
 * <p>The {@code syscall} control ({@link SyscallControl}) is written over it; the AF_ALG protocol and the keyring
 * move onto it next (issue 18, second pass), which is why {@code add_key}, {@code keyctl}, {@code pipe2},
 * {@code vmsplice}, {@code splice} and {@code fcntl} are here already and tested alike for both bindings.
 */
interface Syscalls {
    /** {@code this} where the binding keeps no state (JNA); a fresh instance with its own errno capture (FFM). */
    Syscalls forOwner();

    /** {@code jna} or {@code ffm}. */
    String binding();

    NativeMemory memory();

    int socket(int domain, int type, int protocol);

    /** {@code sv}: the address of two ints. */
    int socketpair(int domain, int type, int protocol, long sv);

    int bind(int fd, long addr, int addrLen);

    int setsockopt(int fd, int level, int optName, long optVal, int optLen);

    int accept(int fd, long addr, long addrLen);

    long sendmsg(int fd, long msg, int flags);

    long read(int fd, long buf, long count);

    /** {@code fds}: the address of two ints. */
    int pipe2(long fds, int flags);

    /** fcntl with one int argument ({@code F_GETPIPE_SZ}, {@code F_SETPIPE_SZ}). */
    int fcntl(int fd, int cmd, int arg);

    long vmsplice(int fd, long iov, long nrSegs, int flags);

    long splice(int fdIn, long offIn, int fdOut, long offOut, long len, int flags);

    int close(int fd);

    /** add_key(2) through syscall(2) (glibc has no wrapper): the serial, or {@code -errno}. */
    long addKey(long type, long description, long payload, long payloadLen, int keyring);

    /** keyctl(2) through syscall(2). */
    long keyctl(int op, long a2, long a3, long a4, long a5);
}
