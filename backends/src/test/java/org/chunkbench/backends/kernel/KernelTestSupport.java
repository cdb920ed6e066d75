package org.chunkbench.backends.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backends;

/** What the kernel tests share: the skip with its reason, the variants to cover, and SunJCE as the reference. */
final class KernelTestSupport {
    private KernelTestSupport() {
    }

    private static boolean reasonPrinted;

    /** Skips (printing the reason once per JVM) where this process cannot use AF_ALG, for example on a build host. */
    static synchronized void assumeKernel() {
        Availability a = Backends.get("kernel").availability();
        if (!a.available() && !reasonPrinted) {
            reasonPrinted = true;
            System.out.println("kernel tests skipped: " + a.reason());
        }
        assumeTrue(a.available(), () -> "kernel backend unavailable here: " + a.reason());
    }

    /**
     * Drivers to test: the generic name, AES-NI when this kernel has it, and the generic C AES. Every one that
     * /proc/crypto shows must pass; one that is absent is reported in the test name's argument list, not silently.
     */
    static List<String> drivers() {
        List<String> drivers = new ArrayList<>(List.of("ctr(aes)", "ctr(aes-generic)"));
        try {
            if (ProcCrypto.read().driversOf("ctr(aes)").stream().anyMatch(e -> e.driver().equals("ctr-aes-aesni"))) {
                drivers.add("ctr-aes-aesni");
            }
        } catch (IOException e) {
            // the listing is only a hint; the kernel itself is asked by the tests
        }
        return drivers;
    }

    /** Every driver with every I/O path and both key sources that take key bytes. */
    static List<String> variants() {
        List<String> out = new ArrayList<>();
        for (String d : drivers()) {
            for (String io : List.of("copy", "splice")) {
                for (String key : List.of("raw", "keyring")) {
                    out.add("kernel[driver=" + d + ",io=" + io + ",key=" + key + "]");
                }
            }
        }
        return out;
    }

    static byte[] sunJce(int mode, byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding", "SunJCE");
            c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static ByteBuffer direct(int n) {
        return ByteBuffer.allocateDirect(n);
    }

    static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
