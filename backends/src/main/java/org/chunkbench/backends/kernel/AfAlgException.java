package org.chunkbench.backends.kernel;

/** A failed system call of the kernel backend: the message names the call and its errno, and says what it means. */
public final class AfAlgException extends IllegalStateException {
    private final String call;
    private final int errno;

    AfAlgException(String call, int errno, String meaning) {
        super(call + " failed with " + Errno.describe(errno) + (meaning == null || meaning.isEmpty() ? "" : ": " + meaning));
        this.call = call;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public int errno() {
        return errno;
    }
}
