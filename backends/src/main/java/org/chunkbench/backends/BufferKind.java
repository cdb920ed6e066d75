package org.chunkbench.backends;

import java.nio.ByteBuffer;

/** Where a chunk lives: on the Java heap (array-backed) or off it (direct, as native I/O hands it over). */
public enum BufferKind {
    HEAP("heap"),
    DIRECT("direct");

    private final String cliName;

    BufferKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public ByteBuffer allocate(int size) {
        return this == HEAP ? ByteBuffer.allocate(size) : ByteBuffer.allocateDirect(size);
    }

    public static BufferKind parse(String s) {
        for (BufferKind b : values()) {
            if (b.cliName.equals(s)) {
                return b;
            }
        }
        throw new IllegalArgumentException("buffer '" + s + "' is not allowed; use heap or direct");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
