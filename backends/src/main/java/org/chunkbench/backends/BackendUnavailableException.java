package org.chunkbench.backends;

/** A backend cannot run here (a native library did not load, the kernel has no AF_ALG, ...). */
public class BackendUnavailableException extends RuntimeException {
    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
