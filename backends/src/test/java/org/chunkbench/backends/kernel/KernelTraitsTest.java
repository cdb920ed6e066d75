package org.chunkbench.backends.kernel;

import static org.chunkbench.backends.kernel.KernelTestSupport.assumeKernel;
import static org.chunkbench.backends.kernel.KernelTestSupport.random;
import static org.chunkbench.backends.kernel.KernelTestSupport.sunJce;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import javax.crypto.Cipher;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.junit.jupiter.api.Test;

/**
 * The live probe of this kernel's AF_ALG traits (what changes between 6.1, 6.12 and 7.x) against what the
 * kernel's version says and what binding actually does. The first test runs everywhere, AF_ALG or not.
 */
class KernelTraitsTest {
    @Test
    void traitsAgreeWithTheBackendsAvailability() {
        KernelTraits t = KernelTraits.probe();
        Availability a = Backends.get("kernel").availability();
        assertEquals(KernelTraits.osRelease(), t.kernelRelease());
        assertEquals(List.of("kernelRelease", "afAlg", "afAlgRestrict", "afAlgPrivileged", "afAlgPrivilegedDetail",
                "ctrAesDrivers", "bindable", "refused", "nullCipher", "keyBySerial", "zeroCopy", "zeroCopyDetail"), t.fields().keySet().stream().filter(k -> !k.equals("afAlgDetail")).toList());
        if (a.available()) {
            assertEquals("available", t.afAlg());
            assertEquals("", t.afAlgDetail());
            return;
        }
        if (t.afAlg().equals("available")) {
            // A socket opens, but ctr(aes) is refused: only crypto.af_alg_restrict=1 without the privilege does that.
            assertEquals("1", t.afAlgRestrict(), a.reason());
            assertEquals("no", t.afAlgPrivileged(), a.reason());
            assertFalse(t.bindable().contains("ctr(aes)"), t.bindable().toString());
            assertTrue(a.reason().contains("(ENOENT): refused by crypto.af_alg_restrict=1"), a.reason());
            return;
        }
        // Where this process cannot open AF_ALG (the build hosts: EAFNOSUPPORT; a seccomp filter: EPERM).
        assertTrue(Set.of("absent", "denied", "disabled", "error").contains(t.afAlg()), t.afAlg());
        assertEquals(a.reason(), t.afAlgDetail());
        assertEquals(t.afAlgDetail(), t.fields().get("afAlgDetail"));
        assertEquals("unknown", t.zeroCopy());
        assertEquals("unknown", t.keyBySerial());
        if (a.reason().contains("error 97 (EAFNOSUPPORT)")) {
            assertEquals(t.afAlgRestrict().equals("2") ? "disabled" : "absent", t.afAlg());
        }
    }

    @Test
    void keyBySerialMatchesTheKernelVersion() {
        assumeKernel();
        assertEquals(KernelTestSupport.keyBySerialExpected() ? "yes" : "no", KernelTraits.probe().keyBySerial(),
                "ALG_SET_KEY_BY_KEY_SERIAL on Linux " + KernelTraits.osRelease());
    }

    /** The splice probe must come to a verdict: every byte encrypted either as spliced or as changed afterwards. */
    @Test
    void zeroCopyProbeGivesAVerdict() {
        assumeKernel();
        KernelTraits t = KernelTraits.probe();
        System.out.println("zero-copy probe on Linux " + t.kernelRelease() + ": " + t.zeroCopy() + " (" + t.zeroCopyDetail() + ")");
        assertTrue(Set.of("copy", "zero-copy").contains(t.zeroCopy()), t.zeroCopy() + ": " + t.zeroCopyDetail());
        assertTrue(t.zeroCopyDetail().contains("4096 of 4096") || t.zeroCopyDetail().endsWith("4096 as changed after splice"),
                t.zeroCopyDetail());
        assertTrue(Backends.get("kernel").details().stream().anyMatch(l -> l.startsWith("io=splice: ")),
                "chunkbench backends states the probe's result");
    }

    @Test
    void ctrAesDriversAreListedHighestPriorityFirst() {
        assumeKernel();
        List<KernelTraits.Driver> drivers = KernelTraits.probe().ctrAesDrivers();
        assertFalse(drivers.isEmpty(), "the probe's bind instantiated at least one ctr(aes) driver");
        for (int i = 1; i < drivers.size(); i++) {
            assertTrue(drivers.get(i - 1).priority() >= drivers.get(i).priority(), drivers.toString());
        }
        assertTrue(Backends.get("kernel").details().get(0).startsWith("ctr(aes) binds " + drivers.get(0).driver()),
                Backends.get("kernel").details().get(0) + " vs " + drivers);
    }

    /** Every name offered for driver= binds and encrypts correctly: the list comes from this kernel. */
    @Test
    void everyOfferedDriverNameBindsAndEncrypts() {
        assumeKernel();
        List<String> names = KernelTraits.probe().bindable();
        assertTrue(names.contains("ctr(aes)"), names.toString());
        assertTrue(names.contains(KernelTestSupport.genericDriver()), "the generic C driver of Linux "
                + KernelTraits.osRelease() + " is " + KernelTestSupport.genericDriver() + ": " + names);
        byte[] key = random(31, 16);
        byte[] iv = random(32, 16);
        byte[] plain = random(33, 5000);
        for (String name : names) {
            byte[] got = new byte[plain.length];
            try (ChunkedCipher c = Backends.open("kernel[driver=" + name + "]",
                    CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(key), iv))) {
                c.process(ByteBuffer.wrap(plain), ByteBuffer.wrap(got));
            }
            assertArrayEquals(sunJce(Cipher.ENCRYPT_MODE, key, iv, plain), got, name);
        }
    }

    /** From 7.0 the generic C driver is aes-lib: ctr(aes-generic) is neither offered nor bindable. */
    @Test
    void genericDriverNameFollowsTheKernelVersion() {
        assumeKernel();
        String other = KernelTestSupport.kernelAtLeast(7, 0) ? "ctr(aes-generic)" : "ctr(aes-lib)";
        assertFalse(KernelTraits.probe().bindable().contains(other), KernelTraits.probe().bindable().toString());
        CipherSpec spec = CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]));
        AfAlgException e = assertThrows(AfAlgException.class, () -> Backends.open("kernel[driver=" + other + "]", spec));
        assertEquals(Errno.ENOENT, e.errno(), e.getMessage());
        assertTrue(e.getMessage().contains("available here: ctr(aes)"), e.getMessage());
        String offered = e.getMessage().substring(e.getMessage().indexOf("available here: "));
        assertFalse(offered.contains(other), e.getMessage());
    }
}
