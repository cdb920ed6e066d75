package org.chunkbench.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RegistryTest {
    @Test
    void unknownBackendNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.open("nosuch", CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]))));
        assertTrue(e.getMessage().contains("unknown backend 'nosuch'"), e.getMessage());
        assertTrue(e.getMessage().contains("sunjce") && e.getMessage().contains("openssl"), e.getMessage());
    }

    @Test
    void unknownOptionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.open("sunjce[io=splice]", CipherSpec.perChunkIv(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]))));
        assertTrue(e.getMessage().contains("no option 'io'") && e.getMessage().contains("takes no options"), e.getMessage());
    }

    @Test
    void variantSpellingRoundTrips() {
        BackendSpec s = BackendSpec.parse("kernel[driver=ctr(aes-generic),io=splice,key=keyring]");
        assertEquals("kernel", s.name());
        assertEquals(Map.of("driver", "ctr(aes-generic)", "io", "splice", "key", "keyring"), s.options());
        assertEquals("kernel[driver=ctr(aes-generic),io=splice,key=keyring]", s.toString());
        assertEquals("sunjce", BackendSpec.parse(" sunjce ").toString());
        assertThrows(IllegalArgumentException.class, () -> BackendSpec.parse("kernel[io]"));
        assertThrows(IllegalArgumentException.class, () -> BackendSpec.parse("kernel[io=a"));
        assertThrows(IllegalArgumentException.class, () -> BackendSpec.parse("kernel[io=a,io=b]"));
    }

    @Test
    void kernelSerialKeyIsRefusedByUserSpaceBackends() {
        AesKey k = AesKey.ofKernelSerial(1234, 128);
        for (String name : new String[] {"sunjce", "bc", "bc-lightweight", "conscrypt", "openssl"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Backends.open(name, CipherSpec.stream(Direction.ENCRYPT, k, new byte[16])));
            assertTrue(e.getMessage().contains("kernel keyring"), name + ": " + e.getMessage());
        }
    }

    @Test
    void everyBackendReportsAvailabilityWithAReason() {
        for (Backend b : Backends.all()) {
            Availability a = b.availability();
            assertTrue(a.available() || !a.reason().isBlank(), b.name() + " unavailable without a reason");
        }
    }

    @Test
    void counterBlockAddsWithCarryAndWraps() {
        byte[] out = new byte[16];
        CounterBlock.add(Reference.hex("0000000000000000ffffffffffffffff"), 1, out);
        assertEquals("00000000000000010000000000000000", java.util.HexFormat.of().formatHex(out));
        CounterBlock.add(Reference.hex("ffffffffffffffffffffffffffffffff"), 2, out);
        assertEquals("00000000000000000000000000000001", java.util.HexFormat.of().formatHex(out));
        assertEquals(java.util.HexFormat.of().formatHex(Reference.counterAt(Reference.hex("0123456789abcdeffedcba9876543210"), 16L * 0x7fffffffL)),
                java.util.HexFormat.of().formatHex(CounterBlock.atOffset(Reference.hex("0123456789abcdeffedcba9876543210"), 16L * 0x7fffffffL)));
    }
}
