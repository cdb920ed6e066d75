package org.chunkbench.backends.kernel.smoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AfAlgSmokeTest {
    // A typo in the hard-coded vector would make the VM smoke fail (or, worse, agree with a broken kernel path).
    @Test
    void vectorIsNistF51AccordingToSunJce() throws Exception {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding", "SunJCE");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(AfAlgSmoke.KEY, "AES"), new IvParameterSpec(AfAlgSmoke.COUNTER));
        assertArrayEquals(AfAlgSmoke.CIPHERTEXT, c.doFinal(AfAlgSmoke.PLAINTEXT));
        assertArrayEquals(AfAlgSmoke.hex("874d6191b620e3261bef6864990db6ce"),
                java.util.Arrays.copyOf(AfAlgSmoke.CIPHERTEXT, 16));
    }

    // On the build host AF_ALG is usually missing; then the smoke must say so rather than crash or pass.
    @Test
    void encryptMatchesOrReportsMissingAfAlg() {
        try {
            assertArrayEquals(AfAlgSmoke.CIPHERTEXT,
                    AfAlgSmoke.encrypt("ctr(aes)", AfAlgSmoke.KEY, AfAlgSmoke.COUNTER, AfAlgSmoke.PLAINTEXT));
        } catch (AfAlgSmoke.NoAfAlgException e) {
            assertTrue(e.getMessage().startsWith("socket(AF_ALG) for ctr(aes) failed with errno"), e.getMessage());
        }
    }
}
