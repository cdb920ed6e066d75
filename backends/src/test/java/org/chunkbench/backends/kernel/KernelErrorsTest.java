package org.chunkbench.backends.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.junit.jupiter.api.Test;

/** The failure messages, which users of hardened or old kernels will see; each names the call and the errno. */
class KernelErrorsTest {
    @Test
    void socketFailuresSayWhatTheyMean() {
        assertEquals("socket(AF_ALG, SOCK_SEQPACKET, 0) failed with error 97 (EAFNOSUPPORT): kernel has no AF_ALG",
                AfAlg.socketFailure(97).getMessage());
        assertEquals("socket(AF_ALG, SOCK_SEQPACKET, 0) failed with error 1 (EPERM): AF_ALG is blocked (seccomp, LSM or "
                + "a mitigation such as those for CVE-2026-31431)", AfAlg.socketFailure(1).getMessage());
        assertEquals("socket(AF_ALG, SOCK_SEQPACKET, 0) failed with error 13 (EACCES): AF_ALG is blocked (seccomp, LSM or "
                + "a mitigation such as those for CVE-2026-31431)", AfAlg.socketFailure(13).getMessage());
        assertEquals("socket(AF_ALG, SOCK_SEQPACKET, 0) failed with error 24 (EMFILE)", AfAlg.socketFailure(24).getMessage());
    }

    @Test
    void keySerialFailuresSayWhatTheyMean() {
        assertEquals("setsockopt(SOL_ALG, ALG_SET_KEY_BY_KEY_SERIAL, 42) failed with error 13 (EACCES): "
                + "no search permission on key 42", AfAlg.keySerialFailure(42, 13).getMessage());
        assertTrue(AfAlg.keySerialFailure(42, 92).getMessage().endsWith(
                "error 92 (ENOPROTOOPT): this kernel has no ALG_SET_KEY_BY_KEY_SERIAL (it needs Linux 6.2 or later); use key=raw"));
    }

    @Test
    void bindFailureOnMissingAlgorithmListsWhatThisKernelHas() {
        String m = AfAlg.bindFailure("ctr(aes-none)", 2).getMessage();
        assertTrue(m.startsWith("bind(skcipher, \"ctr(aes-none)\") failed with error 2 (ENOENT): algorithm or driver not "
                + "available; available here: ctr(aes)"), m);
    }

    @Test
    void optionsAreCheckedAndSpelledInFull() {
        AesKey raw = AesKey.ofBytes(new byte[16]);
        assertEquals("kernel[driver=ctr(aes),io=copy,key=raw]", KernelOptions.of(Map.of(), raw).spell("kernel"));
        assertEquals("kernel[driver=ctr(aes-generic),io=splice,key=keyring]",
                KernelOptions.of(Map.of("driver", "ctr(aes-generic)", "io", "splice", "key", "keyring"), raw).spell("kernel"));
        assertEquals("kernel[driver=ctr(aes),io=copy,key=serial]",
                KernelOptions.of(Map.of(), AesKey.ofKernelSerial(5, 256)).spell("kernel"));
        assertThrows(IllegalArgumentException.class, () -> KernelOptions.of(Map.of("io", "mmap"), raw));
        assertThrows(IllegalArgumentException.class, () -> KernelOptions.of(Map.of("key", "serial"), raw));
        assertThrows(IllegalArgumentException.class, () -> KernelOptions.of(Map.of("key", "raw"), AesKey.ofKernelSerial(5, 128)));
        assertThrows(IllegalArgumentException.class, () -> KernelOptions.of(Map.of("driver", "x".repeat(64)), raw));
    }

    /**
     * Where AF_ALG is missing or blocked (the build machines), the registry says so with the reason and nothing
     * crashes; where it works (the CI's VM), the backend is available and says which driver ctr(aes) binds.
     */
    @Test
    void availabilityIsReportedWithItsReason() {
        Availability a = Backends.get("kernel").availability();
        CipherSpec spec = CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]));
        if (a.available()) {
            assertEquals("", a.reason());
            assertTrue(Backends.get("kernel").details().get(0).startsWith("ctr(aes) binds "), Backends.get("kernel").details().get(0));
            Backends.open("kernel[io=splice]", spec).close();
            return;
        }
        assertTrue(a.reason().startsWith("socket(AF_ALG, SOCK_SEQPACKET, 0) failed with error "), a.reason());
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.open("kernel[io=splice]", spec));
        assertEquals("backend kernel is not available: " + a.reason(), e.getMessage());
        assertTrue(Backends.get("kernel").details().stream().anyMatch(l -> l.startsWith("names to bind")));
    }
}
