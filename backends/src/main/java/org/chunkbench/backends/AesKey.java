package org.chunkbench.backends;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * An AES key: either its bytes, or a reference to a key that already lives in the Linux kernel keyring (its
 * serial), so that the JVM never sees the key. Only the kernel backend accepts the second kind; every other
 * backend rejects it with a message that says so.
 *
 * <p>{@link #destroy()} wipes the bytes held here. Backends copy what they need at open and wipe their own
 * copies on close.
 */
public final class AesKey {
    private final byte[] bytes;
    private final int keySerial;
    private final int bits;
    private boolean destroyed;

    private AesKey(byte[] bytes, int keySerial, int bits) {
        this.bytes = bytes;
        this.keySerial = keySerial;
        this.bits = bits;
    }

    /** A key given by its bytes: 16, 24 or 32 of them (AES-128, -192, -256). The array is copied. */
    public static AesKey ofBytes(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("key is missing; AES needs 16, 24 or 32 bytes");
        }
        checkBits(key.length * 8, "key is " + key.length + " bytes");
        return new AesKey(key.clone(), 0, key.length * 8);
    }

    /**
     * A key already loaded into the kernel keyring ({@code add_key}, {@code keyctl}), named by its serial.
     * The caller states its size, since the JVM cannot read it.
     */
    public static AesKey ofKernelSerial(int serial, int bits) {
        if (serial <= 0) {
            throw new IllegalArgumentException("key serial must be a positive kernel key id, got " + serial);
        }
        checkBits(bits, "key size is " + bits + " bits");
        return new AesKey(null, serial, bits);
    }

    /** The one key-size check: the CLI, the sweep planner and the benchmark all call it. */
    public static int checkBits(int bits) {
        checkBits(bits, "key size " + bits + " bits is not allowed");
        return bits;
    }

    private static void checkBits(int bits, String what) {
        if (bits != 128 && bits != 192 && bits != 256) {
            throw new IllegalArgumentException(what + "; AES allows 16, 24 or 32 bytes (128, 192 or 256 bits)");
        }
    }

    public int bits() {
        return bits;
    }

    public boolean isKernelSerial() {
        return bytes == null;
    }

    public OptionalInt kernelSerial() {
        return bytes == null ? OptionalInt.of(keySerial) : OptionalInt.empty();
    }

    /** A copy of the key bytes; the caller wipes it. */
    public byte[] copyBytes() {
        if (destroyed) {
            throw new IllegalStateException("key was destroyed");
        }
        if (bytes == null) {
            throw new IllegalArgumentException("this key lives in the kernel keyring (serial " + keySerial
                    + "); only the kernel backend can use it");
        }
        return bytes.clone();
    }

    public void destroy() {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
        destroyed = true;
    }

    @Override
    public String toString() {
        return bytes == null ? "AES-" + bits + " key in kernel keyring, serial " + keySerial : "AES-" + bits + " key";
    }
}
