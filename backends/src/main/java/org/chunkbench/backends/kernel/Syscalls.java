package org.chunkbench.backends.kernel;

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.memory.NativeMemory;

/**
 * The libc calls of the kernel paths, binding-neutral: pointers are {@code long} addresses (LP64 Linux passes a
 * pointer and a long alike), and every call returns its result, or {@code -errno} when it failed, so the code above
 * is written once for both bindings and sees the same errors: {@link JnaSyscalls} (JNA direct mapping, here) and
 * {@code FfmSyscalls} (FFM downcall handles, src/main/java22). Both are final and each owner holds its own instance
 * ({@link #forOwner()}) in a final field, so in a JVM that uses one binding (a JMH fork) the per-chunk calls are
 * monomorphic and inlined.
 *
 * <p>Everything above is written once over it: the AF_ALG protocol ({@link AfAlg}, {@link AfAlgCipher}), the
 * keyring ({@link Keyring}), the {@code syscall} control ({@link SyscallControl}) and the probes
 * ({@link KernelTraits}). {@link #of} chooses the binding; the FFM one is loaded by name, once, on JDK 22+ only.
 */
interface Syscalls {
    /** The release-22 implementation (src/main/java22), loaded by name only on JDK 22+. */
    String FFM_CLASS = "org.chunkbench.backends.kernel.FfmSyscalls";

    /** Why {@code b}'s calls cannot run in this JVM (old JDK, no FFM classes, libc or JNA not bound), or null. */
    static String unavailableReason(Binding b) {
        if (b == Binding.JNA) {
            try {
                return JnaSyscalls.INSTANCE.loadError();
            } catch (LinkageError e) {
                return "JNA could not load: " + e;
            }
        }
        return Ffm.REASON;
    }

    /** FFM where it can run in this JVM (JDK 22+, libc bound), else JNA. */
    static Binding defaultBinding() {
        return unavailableReason(Binding.FFM) == null ? Binding.FFM : Binding.JNA;
    }

    /** {@code b}'s calls, after {@link #unavailableReason} returned null (else {@link IllegalStateException}). */
    static Syscalls of(Binding b) {
        if (b == Binding.JNA) {
            return JnaSyscalls.INSTANCE;
        }
        if (Ffm.INSTANCE == null) {
            throw new IllegalStateException("binding=ffm is not available: " + Ffm.REASON);
        }
        return Ffm.INSTANCE;
    }

    /** Holder: the FFM class is looked at on the first FFM question only. */
    final class Ffm {
        private static final Binding.Loaded<Syscalls> LOADED = Binding.tryLoadFfm(FFM_CLASS, Syscalls.class, Syscalls::loadError);
        static final Syscalls INSTANCE = LOADED.instance();
        static final String REASON = LOADED.reason();

        private Ffm() {
        }
    }

    /** Why this binding's libc calls could not be bound, or null. */
    String loadError();

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
