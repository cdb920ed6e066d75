package org.chunkbench.backends.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProcCryptoTest {
    /** A /proc/crypto of a 6.12 guest with aesni-intel loaded, plus a made-up failed driver of higher priority. */
    private static ProcCrypto fixture() throws IOException {
        try (InputStream in = ProcCryptoTest.class.getResourceAsStream("proc-crypto-6.12-aesni.txt")) {
            return ProcCrypto.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void listsTheSkcipherDriversOfCtrAesHighestPriorityFirst() throws IOException {
        List<ProcCrypto.Entry> drivers = fixture().driversOf("ctr(aes)");
        assertEquals(List.of("ctr(aes-broken)", "ctr-aes-aesni", "ctr(aes-generic)"),
                drivers.stream().map(ProcCrypto.Entry::driver).toList());
        ProcCrypto.Entry aesni = drivers.get(1);
        assertEquals("aesni_intel", aesni.module());
        assertEquals(400, aesni.priority());
        assertTrue(aesni.async());
        assertEquals("passed", aesni.selftest());
        assertFalse(drivers.get(2).async());
    }

    @Test
    void bindingSkipsFailedSelftestsAndInternalDrivers() throws IOException {
        assertEquals("ctr-aes-aesni", fixture().boundBy("ctr(aes)").orElseThrow().driver());
        assertTrue(fixture().boundBy("ctr(twofish)").isEmpty());
    }

    @Test
    void bindableNamesIncludeDriversAndCtrOverEveryAesCipher() throws IOException {
        assertEquals(List.of("ctr(aes)", "ctr(aes-broken)", "ctr-aes-aesni", "ctr(aes-generic)", "ctr(aes-aesni)"),
                fixture().bindableCtrAesNames());
    }

    @Test
    void toleratesMissingFieldsAndTrailingText() {
        ProcCrypto p = ProcCrypto.parse("name : ctr(aes)\ntype : skcipher\npriority : x\n\n\nnot a field\n");
        ProcCrypto.Entry e = p.driversOf("ctr(aes)").get(0);
        assertEquals("ctr(aes)", e.driver());
        assertEquals(0, e.priority());
        assertEquals(1, p.entries().size());
    }

    @Test
    void parsesThisMachinesProcCrypto() throws IOException {
        // Whatever this kernel registers, every block of the real file must yield an entry with a name and driver.
        String text = Files.readString(ProcCrypto.PATH, StandardCharsets.US_ASCII);
        long blocks = text.lines().filter(l -> l.startsWith("name")).count();
        ProcCrypto p = ProcCrypto.parse(text);
        assertEquals(blocks, p.entries().size());
        assertTrue(p.entries().stream().allMatch(e -> !e.name().isEmpty() && !e.driver().isEmpty()));
    }
}
