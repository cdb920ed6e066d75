package org.chunkbench.backends.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.SealedRecords;
import org.chunkbench.backends.SealedRecordsContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sealed-records contract over the kernel's aead {@code gcm(aes)}, through each binding this JDK runs
 * ({@link KernelTestSupport#bindings()}), and what is the kernel's own: the refusal of records that do not fit one
 * request, of the CTR-only options, and, at Linux 7.3's {@code crypto.af_alg_restrict=1}, of gcm(aes) itself.
 * Skipped with the reason where AF_ALG cannot be reached (a build host).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelGcmContractTest extends SealedRecordsContract {
    /**
     * FFM first, and the allocation test first of all ({@code @Order(1)}): in a JVM that has run this cipher through
     * both bindings, C2 compiles its system calls for two receiver types and FFM's downcalls were then measured at
     * 80 bytes per record (seal and open) on Linux 6.12 with JDK 25, steady over 50 000 records, while a JVM that runs
     * one binding, as a benchmark fork does, allocates nothing. JNA allocates nothing either way.
     */
    @Override
    protected List<String> variants() {
        return KernelTestSupport.bindings().sorted(java.util.Comparator.comparing(b -> b != Binding.FFM))
                .map(b -> KernelTestSupport.variant(b, "")).toList();
    }

    @Override
    protected boolean mayBeUnavailable() {
        return true;
    }

    /**
     * At {@code crypto.af_alg_restrict=1} the kernel refuses gcm(aes) to every process: that answer is asserted
     * (unavailable, with the sysctl named as the cause), then the contract is skipped with a reason
     * .ci/kernel-tests.sh accepts.
     */
    @BeforeEach
    void refusedWhereTheSysctlRestricts() {
        KernelTestSupport.assumeKernel();
        AfAlgRestriction.State s = AfAlgRestriction.current();
        if (!s.level().equals("1")) {
            return;
        }
        for (String variant : variants()) {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    () -> Backends.openAead(variant, spec(0)));
            assertEquals("backend " + variant + " has no aes-gcm here: bind(aead, \"gcm(aes)\") failed with error 2 (ENOENT): "
                    + "refused by crypto.af_alg_restrict=1: the kernel binds no aead gcm(aes) through AF_ALG at this level, "
                    + "not even for root; root can set sysctl crypto.af_alg_restrict=0 to let it bind", e.getMessage());
        }
        assumeTrue(false, KernelTestSupport.EXPECTED_SKIP + "crypto.af_alg_restrict=1 refuses gcm(aes); the refusal was asserted");
    }

    @Test
    void aRecordThatDoesNotFitOneRequestIsRefusedBeforeAnythingIsSent() {
        for (String variant : variants()) {
            try (SealedRecords r = Backends.openAead(variant, spec(13))) {
                int largest = AfAlgAead.MAX_REQUEST - 13 - AeadSpec.TAG_BYTES;
                byte[] aad = new byte[13];
                byte[] plain = new byte[largest + 1];
                byte[] out = new byte[largest + 1 + AeadSpec.TAG_BYTES];
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> r.seal(0, aad, plain, 0, plain.length, out, 0));
                assertEquals(variant + " aes-gcm takes records of at most " + largest + " bytes of plaintext with 13 bytes of "
                        + "associated data (this one has " + (largest + 1) + "): AF_ALG processes an aead request whole, and "
                        + "it must fit the socket's send buffer; use a smaller --chunk", e.getMessage());
                // refused before use: record 0 is still free, and the largest record goes through and back
                assertEquals(largest + AeadSpec.TAG_BYTES, r.seal(0, aad, plain, 0, largest, out, 0));
                byte[] opened = new byte[largest];
                assertEquals(largest, r.open(0, aad, out, 0, largest + AeadSpec.TAG_BYTES, opened, 0));
            }
        }
    }

    @Test
    void theCtrOnlyOptionsAndKeySerialsAreRefused() {
        for (Binding b : KernelTestSupport.bindings().toList()) {
            for (String option : new String[] {"driver=gcm-aes-aesni", "io=splice", "key=keyring"}) {
                String variant = KernelTestSupport.variant(b, option);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Backends.openAead(variant, spec(0)));
                assertTrue(e.getMessage().startsWith("kernel: option " + option + " applies to aes-ctr only; aes-gcm binds "
                        + "aead gcm(aes)"), e.getMessage());
            }
            // what aes-gcm does anyway is accepted, so a variant spelled for aes-ctr with it opens
            try (SealedRecords r = Backends.openAead(KernelTestSupport.variant(b, "io=copy,key=raw"), spec(0))) {
                byte[] sealed = new byte[16];
                assertEquals(16, r.seal(0, null, new byte[0], 0, 0, sealed, 0));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.get("kernel")
                    .openAead(new AeadSpec(AesKey.ofKernelSerial(12345, 256), new byte[12], 0), Map.of()));
            assertTrue(e.getMessage().contains("a key given by its kernel serial is for aes-ctr only"), e.getMessage());
        }
    }

    private static AeadSpec spec(int aadLength) {
        return new AeadSpec(AesKey.ofBytes(KernelTestSupport.random(7, 32)), KernelTestSupport.random(8, 12), aadLength);
    }
}
