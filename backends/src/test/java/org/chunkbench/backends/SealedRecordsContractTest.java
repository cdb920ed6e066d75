package org.chunkbench.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sealed-records contract over every user-space backend, openssl through both bindings (the kernel's:
 * {@code kernel.KernelGcmContractTest}), and what holds whatever the backend.
 */
class SealedRecordsContractTest extends SealedRecordsContract {
    @Override
    protected List<String> variants() {
        return List.of("sunjce", "bc", "bc-lightweight", "conscrypt", "openssl[binding=jna]", "openssl[binding=ffm]");
    }

    /** The vectors themselves, checked against the JDK's own GCM before any backend is judged by them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("gcmSpecCases")
    void theVectorsAgreeWithSunJceOneShot(String name, String key, String iv, String aad, String plain, String cipher,
            String tag) {
        assertArrayEquals(Reference.hex(cipher + tag), Reference.gcm(Reference.hex(key), Reference.hex(iv), Reference.hex(aad),
                Reference.hex(plain)), name);
    }

    @Test
    void aSpecNeedsA12ByteIvAndABoundedAad() {
        AesKey key = AesKey.ofBytes(new byte[16]);
        assertEquals("the IV of aes-gcm is 16 bytes; it needs exactly 12 (24 hex digits)",
                assertThrows(IllegalArgumentException.class, () -> new AeadSpec(key, new byte[16], 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AeadSpec(key, new byte[12], -1));
    }

    /** A backend that does not override {@link Backend#openAead} says so, naming itself. */
    @Test
    void aBackendWithoutGcmSaysSo() {
        Backend none = new Backend() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public String description() {
                return "a backend without GCM";
            }

            @Override
            public Availability availability() {
                return Availability.yes();
            }

            @Override
            public String version() {
                return "-";
            }

            @Override
            public ChunkedCipher open(CipherSpec spec, Map<String, String> options) {
                throw new UnsupportedOperationException();
            }
        };
        AeadSpec spec = new AeadSpec(AesKey.ofBytes(new byte[16]), new byte[12], 0);
        assertEquals("aes-gcm is not implemented for backend none",
                assertThrows(BackendUnavailableException.class, () -> none.openAead(spec, Map.of())).getMessage());
    }
}
