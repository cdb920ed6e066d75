package org.chunkbench.backends.kernel;

import java.nio.charset.StandardCharsets;

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.memory.NativeBlock;

/**
 * add_key(2) and keyctl(2), which glibc does not wrap, over either binding ({@link Syscalls}): the cipher passes its
 * own binding's calls; the public methods, for tests and tools that prepare keys (for example a logon key, or one
 * without search permission) the way a user would with {@code keyctl}, use JNA's.
 */
public final class Keyring {
    /** Special keyring ids of keyctl(2). */
    public static final int THREAD_KEYRING = -1;
    public static final int PROCESS_KEYRING = -2;
    public static final int SESSION_KEYRING = -3;

    static final int KEYCTL_REVOKE = 3;
    static final int KEYCTL_SETPERM = 5;
    static final int KEYCTL_UNLINK = 9;
    static final int KEYCTL_READ = 11;

    /** Permission bits of keyctl_setperm (possessor, user). */
    public static final int KEY_POS_VIEW = 0x01000000;
    public static final int KEY_POS_READ = 0x02000000;
    public static final int KEY_POS_WRITE = 0x04000000;
    public static final int KEY_POS_SEARCH = 0x08000000;
    public static final int KEY_POS_LINK = 0x10000000;
    public static final int KEY_POS_SETATTR = 0x20000000;
    public static final int KEY_POS_ALL = 0x3f000000;
    public static final int KEY_USR_VIEW = 0x00010000;

    /** Why key=keyring last bound a user key instead of a logon key in this process (null: it never had to). */
    private static volatile String logonFallback;

    private Keyring() {
    }

    /**
     * Why {@code kernel[key=keyring]} last fell back from a {@code logon} key (unreadable from user space) to a
     * {@code user} key in this process; empty while every keyring key was a logon key.
     */
    public static java.util.Optional<String> logonFallbackReason() {
        return java.util.Optional.ofNullable(logonFallback);
    }

    static void recordLogonFallback(String reason) {
        logonFallback = reason;
    }

    /**
     * Adds a key of {@code type} ("user" or "logon") and returns its serial. The native copy of the payload is
     * wiped before this returns; the caller wipes {@code payload}.
     */
    public static int addKey(String type, String description, byte[] payload, int keyring) {
        return addKey(Syscalls.of(Binding.JNA), type, description, payload, keyring);
    }

    static int addKey(Syscalls sys, String type, String description, byte[] payload, int keyring) {
        byte[] t = cString(type);
        byte[] d = cString(description);
        try (NativeBlock mem = new NativeBlock(sys.memory(), "add_key arguments", t.length + d.length + payload.length)) {
            mem.view().put(0, t).put(t.length, d).put(t.length + d.length, payload);
            long base = mem.address();
            long r = sys.addKey(base, base + t.length, base + t.length + d.length, payload.length, keyring);
            if (r < 0) {
                throw addKeyFailure(type, description, (int) -r);
            }
            return (int) r;
        } // NativeBlock.close wipes the native copy of the key
    }

    static AfAlgException addKeyFailure(String type, String description, int errno) {
        return new AfAlgException("add_key(\"" + type + "\", \"" + description + "\")", errno,
                errno == Errno.EDQUOT ? "key quota exceeded (see /proc/key-users)" : null);
    }

    public static void revoke(int serial) {
        revoke(Syscalls.of(Binding.JNA), serial);
    }

    static void revoke(Syscalls sys, int serial) {
        keyctl(sys, "keyctl(KEYCTL_REVOKE, " + serial + ")", KEYCTL_REVOKE, serial, 0);
    }

    public static void unlink(int serial, int keyring) {
        unlink(Syscalls.of(Binding.JNA), serial, keyring);
    }

    static void unlink(Syscalls sys, int serial, int keyring) {
        keyctl(sys, "keyctl(KEYCTL_UNLINK, " + serial + ", " + keyring + ")", KEYCTL_UNLINK, serial, keyring);
    }

    public static void setPermissions(int serial, int perm) {
        keyctl(Syscalls.of(Binding.JNA), "keyctl(KEYCTL_SETPERM, " + serial + String.format(", 0x%08x)", perm),
                KEYCTL_SETPERM, serial, perm);
    }

    /**
     * KEYCTL_READ of {@code serial} into a 64-byte buffer, wiped afterwards: the payload's length, or {@code -errno}
     * (a logon key answers EOPNOTSUPP: its payload never comes back to user space). For tests and probes.
     */
    static long read(Syscalls sys, int serial) {
        try (NativeBlock buf = new NativeBlock(sys.memory(), "keyctl read", 64)) {
            return sys.keyctl(KEYCTL_READ, serial, buf.address(), 64, 0);
        }
    }

    private static void keyctl(Syscalls sys, String call, int op, long a2, long a3) {
        long r = sys.keyctl(op, a2, a3, 0, 0);
        if (r < 0) {
            throw new AfAlgException(call, (int) -r, null);
        }
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }
}
