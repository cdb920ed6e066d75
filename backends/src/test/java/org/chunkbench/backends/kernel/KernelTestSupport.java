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
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.FfmSupport;

/** What the kernel tests share: the skip with its reason, the variants to cover, and SunJCE as the reference. */
final class KernelTestSupport {
    private KernelTestSupport() {
    }

    /** How a skip that this kernel version explains begins; .ci/kernel-tests.sh accepts only these, and counts them. */
    static final String EXPECTED_SKIP = "expected on this kernel: ";

    /** Skips, with the reason, where this process cannot use AF_ALG, for example on a build host. */
    static void assumeKernel() {
        Availability a = Backends.get("kernel").availability();
        assumeTrue(a.available(), () -> "kernel backend unavailable here: " + a.reason());
    }

    /**
     * The bindings this JDK runs, for tests parameterized over them: JNA always, FFM on JDK 22+ (where it must load;
     * if it does not, the test fails rather than skips). On JDK 17 FFM is not a parameter at all: the suite runs there
     * for JNA, and again on JDK 22+ for both.
     */
    static java.util.stream.Stream<Binding> bindings() {
        return FfmSupport.jdkHasFfm() ? java.util.stream.Stream.of(Binding.JNA, Binding.FFM) : java.util.stream.Stream.of(Binding.JNA);
    }

    /** {@code kernel[binding=b,<options>]}; {@code options} may be empty. */
    static String variant(Binding b, String options) {
        return "kernel[binding=" + b.spelling() + (options.isEmpty() ? "" : "," + options) + "]";
    }

    /** {major, minor} of the running kernel, from /proc/sys/kernel/osrelease ({0, 0} when unreadable). */
    static int[] kernelVersion() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(KernelTraits.osRelease());
        return m.find() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : new int[] {0, 0};
    }

    static boolean kernelAtLeast(int major, int minor) {
        int[] v = kernelVersion();
        return v[0] > major || (v[0] == major && v[1] >= minor);
    }

    /** ALG_SET_KEY_BY_KEY_SERIAL came with Linux 6.2; older kernels answer ENOPROTOOPT (asserted, not skipped). */
    static boolean keyBySerialExpected() {
        return kernelAtLeast(6, 2);
    }

    /** The generic C AES wrapped in ctr: aes-generic before Linux 7.0, aes-lib from 7.0 on. */
    static String genericDriver() {
        return kernelAtLeast(7, 0) ? "ctr(aes-lib)" : "ctr(aes-generic)";
    }

    /** The exact message for key=keyring or a key serial on a kernel before 6.2, {@code serial} being the key's. */
    static String noKeySerialMessage(int serial) {
        return "setsockopt(SOL_ALG, ALG_SET_KEY_BY_KEY_SERIAL, " + serial + ") failed with error 92 (ENOPROTOOPT): "
                + "this kernel has no ALG_SET_KEY_BY_KEY_SERIAL (it needs Linux 6.2 or later); use key=raw";
    }

    /**
     * Drivers to test: the generic name, AES-NI when this kernel has it, and the generic C AES of this kernel
     * version. Every one that /proc/crypto shows must pass; one that is absent is reported in the test name's
     * argument list, not silently.
     */
    static List<String> drivers() {
        List<String> drivers = new ArrayList<>(List.of("ctr(aes)", genericDriver()));
        try {
            if (ProcCrypto.read().driversOf("ctr(aes)").stream().anyMatch(e -> e.driver().equals("ctr-aes-aesni"))) {
                drivers.add("ctr-aes-aesni");
            }
        } catch (IOException e) {
            // the listing is only a hint; the kernel itself is asked by the tests
        }
        return drivers;
    }

    /**
     * Every driver with every I/O path and both key sources that take key bytes; key=keyring only where the kernel
     * has ALG_SET_KEY_BY_KEY_SERIAL (before 6.2, KernelKeyringTest asserts the ENOPROTOOPT answer instead).
     */
    static List<String> variants() {
        List<String> out = new ArrayList<>();
        List<String> keys = keyBySerialExpected() ? List.of("raw", "keyring") : List.of("raw");
        for (String d : drivers()) {
            for (String io : List.of("copy", "splice")) {
                for (String key : keys) {
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
