package org.chunkbench.backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class VariantsTest {
    @Test
    void aControlIsKnownByItsNameOrOldSpellingAndEverythingElseIsABackend() {
        for (String v : List.of("none", "copy", "call[binding=ffm]", "syscall", "openssl-null", "kernel-null[io=splice]",
                "openssl[cipher=null]", "openssl[cipher=null,binding=ffm]", "kernel[io=splice,driver=ecb(cipher_null)]")) {
            assertEquals(Variants.Kind.CONTROL, Variants.kind(v), v);
        }
        // the backends' names without an old control's marker are backends, whatever other options they carry
        for (String v : List.of("openssl", "openssl[binding=ffm]", "kernel[driver=ctr(aes-generic),io=splice]", "sunjce", "nosuch")) {
            assertEquals(Variants.Kind.BACKEND, Variants.kind(v), v);
        }
        assertThrows(IllegalArgumentException.class, () -> Variants.kind("openssl[cipher"));
    }

    @Test
    void spellingGoesToTheRegistryOfTheKind() {
        assertEquals("openssl-null[binding=jna]", Variants.spell("openssl[cipher=null]"), "an old name is an alias");
        assertEquals("kernel-null[binding=ffm,io=splice]", Variants.spell("kernel[binding=ffm,driver=ecb(cipher_null),io=splice]"));
        assertEquals("openssl-null[binding=ffm]", Variants.spell("openssl-null[binding=ffm]"));
        assertEquals("none", Variants.spell("none"));
        assertEquals("sunjce", Variants.spell("sunjce"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variants.spell("nosuch"));
        assertTrue(e.getMessage().contains("unknown backend 'nosuch'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Variants.spell("kernel[driver=ecb(cipher_null),io=mmap]"));
        assertTrue(e.getMessage().contains("allowed: copy, splice"), e.getMessage());
    }

    @Test
    void opensBothKinds() {
        AesKey key = AesKey.ofBytes(new byte[16]);
        try (ChunkedCipher none = Variants.open("none", CipherSpec.stream(Direction.ENCRYPT, key, new byte[16]));
                ChunkedCipher sunjce = Variants.open("sunjce", CipherSpec.stream(Direction.ENCRYPT, key, new byte[16]))) {
            assertEquals("none", none.backend());
            assertEquals("sunjce", sunjce.backend());
            ByteBuffer out = ByteBuffer.allocate(16);
            sunjce.process(ByteBuffer.allocate(16), out);
            // AES-128 of the zero block under the zero key (FIPS-197 known answer), XORed with zero plaintext
            assertEquals(java.util.HexFormat.of().formatHex(out.array()), "66e94bd4ef8a2c3b884cfa59ca342b2e");
        } finally {
            key.destroy();
        }
    }

    @Test
    void theRecordListsBackendsInRegistryOrderThenControls() {
        Map<String, String> r = Variants.record(List.of("none", "kernel[binding=jna]", "openssl-null[binding=jna]",
                "sunjce", "call[binding=jna]"));
        assertEquals(List.of("sunjce", "kernel[binding=jna]", "none", "call[binding=jna]", "openssl-null[binding=jna]"),
                List.copyOf(r.keySet()));
        assertEquals(List.of("backend", "backend", "control", "control", "control"), List.copyOf(r.values()));
    }
}
