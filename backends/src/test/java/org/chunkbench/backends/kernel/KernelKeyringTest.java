package org.chunkbench.backends.kernel;

import static org.chunkbench.backends.kernel.KernelTestSupport.assumeKernel;
import static org.chunkbench.backends.kernel.KernelTestSupport.random;
import static org.chunkbench.backends.kernel.KernelTestSupport.sunJce;
import static org.chunkbench.backends.kernel.KernelTestSupport.variant;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.crypto.Cipher;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys that live in the kernel keyring: bound by serial, so the cipher never receives key bytes. Kernels before
 * 6.2 have no ALG_SET_KEY_BY_KEY_SERIAL: there every test asserts the ENOPROTOOPT answer and its message instead
 * (and that a failed key=keyring open leaves no key behind), so the tests run on every kernel.
 */
class KernelKeyringTest {
    @BeforeEach
    void kernel() {
        assumeKernel();
    }

    /**
     * On a kernel before 6.2, asserts that opening {@code spec} (a key by {@code serial}) fails with ENOPROTOOPT and
     * the documented message, and returns true; on later kernels returns false and asserts nothing.
     */
    private static boolean assertedNoKeySerial(String variant, CipherSpec spec, int serial) {
        if (KernelTestSupport.keyBySerialExpected()) {
            return false;
        }
        AfAlgException e = assertThrows(AfAlgException.class, () -> Backends.open(variant, spec).close());
        assertEquals(Errno.ENOPROTOOPT, e.errno(), e.getMessage());
        assertEquals(KernelTestSupport.noKeySerialMessage(serial), e.getMessage());
        return true;
    }

    /**
     * Before Linux 6.2 (no ALG_SET_KEY_BY_KEY_SERIAL, whatever the key type) asserts that a {@code key=keyring} open of
     * {@code spec} fails with ENOPROTOOPT and returns true; on later kernels returns false and asserts nothing.
     */
    private static boolean assertedKeyringNeedsKeySerial(Binding b, CipherSpec spec) {
        if (KernelTestSupport.keyBySerialExpected()) {
            return false;
        }
        AfAlgException e = assertThrows(AfAlgException.class, () -> Backends.open(variant(b, "key=keyring"), spec).close());
        assertEquals(Errno.ENOPROTOOPT, e.errno(), e.getMessage());
        return true;
    }

    /** A key added the way a user would with {@code keyctl padd user|logon ... @p}; the test unlinks it. */
    private static int addKey(String type, byte[] key) {
        // logon keys need a "service:" prefix in their description.
        return Keyring.addKey(type, "chunkbench-test:" + System.nanoTime(), key, Keyring.PROCESS_KEYRING);
    }

    private static void drop(int serial) {
        Keyring.unlink(serial, Keyring.PROCESS_KEYRING);
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> typesAndBindings() {
        return java.util.stream.Stream.of("user", "logon").flatMap(t -> KernelTestSupport.bindings()
                .map(b -> org.junit.jupiter.params.provider.Arguments.of(t, b)));
    }

    @ParameterizedTest
    @MethodSource("typesAndBindings")
    void keyBySerialEqualsSunJce(String type, Binding b) {
        for (int bytes : new int[] {16, 24, 32}) {
            byte[] key = random(bytes, bytes);
            int serial = addKey(type, key);
            try {
                byte[] iv = random(11, 16);
                byte[] plain = random(12, 70_000);
                for (String io : List.of("copy", "splice")) {
                    CipherSpec spec = CipherSpec.stream(Direction.ENCRYPT, AesKey.ofKernelSerial(serial, bytes * 8), iv);
                    if (assertedNoKeySerial(variant(b, "io=" + io), spec, serial)) {
                        continue;
                    }
                    byte[] got = new byte[plain.length];
                    try (ChunkedCipher c = Backends.open(variant(b, "io=" + io), spec)) {
                        assertEquals("kernel[binding=" + b.spelling() + ",driver=ctr(aes),io=" + io + ",key=serial]", c.backend());
                        c.process(java.nio.ByteBuffer.wrap(plain), java.nio.ByteBuffer.wrap(got));
                    }
                    assertArrayEquals(sunJce(Cipher.ENCRYPT_MODE, key, iv, plain), got, type + " key, " + bytes + " bytes, " + io);
                }
            } finally {
                drop(serial);
            }
        }
    }

    @Test
    void keyWithoutSearchPermissionGivesAClearError() {
        int serial = addKey("user", random(13, 16));
        try {
            // Everything the possessor may do except search (the permission AF_ALG's key lookup asks for).
            Keyring.setPermissions(serial, Keyring.KEY_POS_ALL & ~Keyring.KEY_POS_SEARCH);
            CipherSpec spec = CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofKernelSerial(serial, 128));
            if (assertedNoKeySerial("kernel", spec, serial)) {
                return;
            }
            AfAlgException e = assertThrows(AfAlgException.class, () -> Backends.open("kernel", spec));
            assertEquals(Errno.EACCES, e.errno());
            assertEquals("setsockopt(SOL_ALG, ALG_SET_KEY_BY_KEY_SERIAL, " + serial + ") failed with error 13 (EACCES): "
                    + "no search permission on key " + serial, e.getMessage());
        } finally {
            drop(serial);
        }
    }

    @Test
    void missingKeyNamesTheSerial() {
        int serial = addKey("user", random(14, 16));
        drop(serial);
        CipherSpec spec = CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofKernelSerial(serial, 128));
        if (assertedNoKeySerial("kernel", spec, serial)) {
            return;
        }
        AfAlgException e = assertThrows(AfAlgException.class, () -> Backends.open("kernel", spec));
        assertTrue(e.getMessage().contains("ALG_SET_KEY_BY_KEY_SERIAL, " + serial + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("key " + serial), e.getMessage());
    }

    @Test
    void wrongSizedKeyIsRejected() {
        int serial = addKey("user", random(15, 20));
        try {
            CipherSpec spec = CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofKernelSerial(serial, 128));
            if (assertedNoKeySerial("kernel", spec, serial)) {
                return;
            }
            AfAlgException e = assertThrows(AfAlgException.class, () -> Backends.open("kernel", spec));
            assertEquals(Errno.EINVAL, e.errno(), e.getMessage());
        } finally {
            drop(serial);
        }
    }

    /** key=keyring adds a key for the cipher's lifetime, and close revokes and unlinks it. */
    @ParameterizedTest
    @MethodSource("org.chunkbench.backends.kernel.KernelTestSupport#bindings")
    void keyringSourceRemovesItsKeyOnClose(Binding b) throws IOException {
        Path procKeys = Path.of("/proc/keys");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(procKeys), "no /proc/keys (CONFIG_KEYS_PROC off)");
        long before = chunkbenchKeys(procKeys);
        byte[] key = random(16, 16);
        byte[] iv = random(17, 16);
        byte[] plain = random(18, 1000);
        byte[] got = new byte[plain.length];
        CipherSpec spec = new CipherSpec(Direction.ENCRYPT, Mode.STREAM, AesKey.ofBytes(key), iv);
        if (assertedKeyringNeedsKeySerial(b, spec)) {
            // Before 6.2 the open fails after adding the key: it must still revoke and unlink it.
            assertEquals(before, chunkbenchKeys(procKeys), "a failed key=keyring open leaves no key behind");
            return;
        }
        ChunkedCipher c = Backends.open(variant(b, "key=keyring"), spec);
        try {
            assertEquals(before + 1, chunkbenchKeys(procKeys), "the cipher's key is in the keyring while it is open");
            c.process(java.nio.ByteBuffer.wrap(plain), java.nio.ByteBuffer.wrap(got));
        } finally {
            c.close();
        }
        assertArrayEquals(sunJce(Cipher.ENCRYPT_MODE, key, iv, plain), got);
        assertEquals(before, chunkbenchKeys(procKeys), "close leaves no key behind");
    }

    /**
     * key=keyring prefers a logon key, through either binding: the kernel takes it for AF_ALG, /proc/keys lists it as
     * {@code logon}, and KEYCTL_READ through the same binding answers EOPNOTSUPP (user space cannot read it back).
     */
    @ParameterizedTest
    @MethodSource("org.chunkbench.backends.kernel.KernelTestSupport#bindings")
    void keyringSourceBindsALogonKeyNobodyCanReadBack(Binding b) throws IOException {
        byte[] key = random(19, 32);
        byte[] iv = random(20, 16);
        byte[] plain = random(21, 70_000);
        byte[] got = new byte[plain.length];
        CipherSpec spec = new CipherSpec(Direction.ENCRYPT, Mode.STREAM, AesKey.ofBytes(key), iv);
        if (assertedKeyringNeedsKeySerial(b, spec)) {
            return;
        }
        try (ChunkedCipher c = Backends.open(variant(b, "key=keyring"), spec)) {
            // The one cipher class of both bindings (no binding's own class): which calls it makes is asserted.
            AfAlgCipher k = (AfAlgCipher) c;
            assertEquals(b.spelling(), k.binding());
            assertEquals("logon", k.keyringKeyType(), c.toString());
            assertEquals(null, k.keyringFallbackReason());
            assertEquals("kernel[binding=" + b.spelling() + ",driver=ctr(aes),io=copy,key=keyring]", c.backend(),
                    "the variant's name does not change");
            int serial = k.keyringSerial();
            assertTrue(serial > 0);
            Path procKeys = Path.of("/proc/keys");
            if (Files.isReadable(procKeys)) {
                String hex = String.format("%08x", serial);
                assertTrue(Files.readAllLines(procKeys).stream().anyMatch(l -> l.startsWith(hex) && l.split("\\s+")[7].equals("logon")),
                        "/proc/keys lists key " + hex + " as a logon key");
            }
            assertEquals(-Errno.EOPNOTSUPP, Keyring.read(Syscalls.of(b), serial), "keyctl read of a logon key");
            c.process(java.nio.ByteBuffer.wrap(plain), java.nio.ByteBuffer.wrap(got));
        }
        assertArrayEquals(sunJce(Cipher.ENCRYPT_MODE, key, iv, plain), got);
    }

    /** Where the kernel refuses the logon key, key=keyring binds a user key and says why, never silently. */
    @ParameterizedTest
    @MethodSource("org.chunkbench.backends.kernel.KernelTestSupport#bindings")
    void keyringSourceFallsBackToAUserKeyAndRecordsWhy(Binding b) {
        byte[] key = random(22, 16);
        byte[] iv = random(23, 16);
        byte[] plain = random(24, 5000);
        byte[] got = new byte[plain.length];
        CipherSpec spec = new CipherSpec(Direction.ENCRYPT, Mode.STREAM, AesKey.ofBytes(key), iv);
        if (assertedKeyringNeedsKeySerial(b, spec)) {
            return;
        }
        String saved = AfAlgCipher.preferredKeyringType;
        // A key type this kernel does not have: add_key answers ENODEV (19), as a kernel without logon keys would.
        AfAlgCipher.preferredKeyringType = "chunkbench-no-such-type";
        try (ChunkedCipher c = Backends.open(variant(b, "key=keyring,io=splice"), spec)) {
            AfAlgCipher k = (AfAlgCipher) c;
            assertEquals(b.spelling(), k.binding());
            assertEquals("user", k.keyringKeyType());
            assertTrue(k.keyringFallbackReason().contains("add_key(\"chunkbench-no-such-type\"") && k.keyringFallbackReason().contains("failed with error 19"),
                    k.keyringFallbackReason());
            assertTrue(c.toString().contains("user key; a chunkbench-no-such-type key was refused"), c.toString());
            assertEquals(k.keyringFallbackReason(), Keyring.logonFallbackReason().orElse(null));
            assertTrue(new KernelBackend().details().stream().anyMatch(l -> l.startsWith("key=keyring: user keys, since a chunkbench-no-such-type key was refused")),
                    "backend details show the fallback");
            c.process(java.nio.ByteBuffer.wrap(plain), java.nio.ByteBuffer.wrap(got));
        } finally {
            AfAlgCipher.preferredKeyringType = saved;
            Keyring.recordLogonFallback(null);
        }
        assertArrayEquals(sunJce(Cipher.ENCRYPT_MODE, key, iv, plain), got);
    }

    private static long chunkbenchKeys(Path procKeys) throws IOException {
        // Columns: serial, flags (R = revoked, D = dead), ..., type, description. Count the backend's live keys.
        return Files.readAllLines(procKeys).stream().map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length > 8 && f[8].startsWith("chunkbench:") && f[1].indexOf('R') < 0 && f[1].indexOf('D') < 0)
                .count();
    }
}
