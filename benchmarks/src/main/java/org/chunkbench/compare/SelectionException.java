package org.chunkbench.compare;

/** The rows or format asked for do not fit the runs given (no match, mixed units, too many rows). */
public final class SelectionException extends RuntimeException {
    public SelectionException(String message) {
        super(message);
    }
}
