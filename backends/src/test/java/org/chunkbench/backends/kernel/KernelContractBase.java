package org.chunkbench.backends.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.ChunkedCipherContract;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared contract for the kernel backend. Four variants cover each driver with each I/O path and each key
 * source that takes key bytes (serial keys: {@link KernelKeyringTest}; the full cross product against NIST and
 * SunJCE: {@link KernelCipherTest}). Under the CI's emulated kernel everything runs 10-15x slower, so only the
 * default variant goes up to 1 MiB chunks; the others stop at 256 KiB, still four pieces of MSG_MORE.
 */
abstract class KernelContractBase extends ChunkedCipherContract {
    @Override
    protected boolean mayBeUnavailable() {
        return true;
    }

    @Override
    protected int largestChunk() {
        return 256 * 1024;
    }

    /**
     * Closes the operation socket under the cipher, whichever binding ran (a variant without binding= is this JDK's
     * default): its next sendmsg fails with EBADF.
     */
    @Override
    protected void sabotage(ChunkedCipher c) throws Exception {
        KernelSabotage.closeOpSocket(c);
    }

    /** A driver this kernel does not have (AES-NI on another CPU) is skipped with the reason, not failed. */
    @BeforeEach
    void driverPresent() throws IOException {
        String driver = BackendSpec.parse(variant()).options().getOrDefault("driver", "ctr(aes)");
        if (!Backends.get("kernel").availability().available() || !driver.equals("ctr-aes-aesni")) {
            return;
        }
        boolean present = ProcCrypto.read().driversOf("ctr(aes)").stream().anyMatch(e -> e.driver().equals(driver));
        assumeTrue(present, () -> "no " + driver + " in " + ProcCrypto.PATH);
    }

    /**
     * Before Linux 6.2 a key=keyring variant cannot open: that answer (ENOPROTOOPT with its message) is asserted
     * here, then the contract is skipped with a reason .ci/kernel-tests.sh recognises as expected on this kernel.
     */
    @BeforeEach
    void keyringOnThisKernel() {
        String key = BackendSpec.parse(variant()).options().getOrDefault("key", "raw");
        if (!Backends.get("kernel").availability().available() || !key.equals("keyring")
                || KernelTestSupport.keyBySerialExpected()) {
            return;
        }
        CipherSpec spec = CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]));
        AfAlgException e = assertThrows(AfAlgException.class, () -> Backends.open(variant(), spec));
        assertEquals(Errno.ENOPROTOOPT, e.errno(), e.getMessage());
        assertTrue(e.getMessage().endsWith("(ENOPROTOOPT): this kernel has no ALG_SET_KEY_BY_KEY_SERIAL (it needs Linux "
                + "6.2 or later); use key=raw"), e.getMessage());
        assumeTrue(false, () -> KernelTestSupport.EXPECTED_SKIP + "Linux " + KernelTraits.osRelease()
                + " has no ALG_SET_KEY_BY_KEY_SERIAL; the ENOPROTOOPT answer was asserted");
    }
}
