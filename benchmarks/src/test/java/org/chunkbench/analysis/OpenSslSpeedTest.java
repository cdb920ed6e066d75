package org.chunkbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The parser against output recorded from this project's machine (OpenSSL 3.0.19, -mr, -elapsed), and one real run. */
class OpenSslSpeedTest {
    static String resource(String name) throws IOException {
        try (InputStream in = OpenSslSpeedTest.class.getResourceAsStream("/analysis/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void recordedRunsWithBytesGiveNsPerOperation() throws IOException {
        // four runs of `openssl speed -elapsed -mr -seconds 1 -evp aes-128-ctr -bytes B 2>&1`, one after the other
        List<OpenSslSpeed.Result> r = OpenSslSpeed.parse(resource("openssl-speed-3.0.19-aes-128-ctr-mr.txt"));
        assertEquals(List.of(16, 1024, 65536, 1048576), r.stream().map(OpenSslSpeed.Result::bytes).toList());
        assertEquals("AES-128-CTR", r.get(0).cipher());
        // +R:14793473:AES-128-CTR:1.000000 -> 1e9 / 14793473 ns
        assertEquals(14793473, r.get(0).ops());
        assertEquals(1e9 / 14793473, r.get(0).nsPerOp(), 1e-9);
        // +R:1886511:AES-128-CTR:1.010000
        assertEquals(1.01e9 / 1886511, r.get(1).nsPerOp(), 1e-9);
        assertEquals(1.01e9 / 1507, r.get(3).nsPerOp(), 1e-6);
        // the +F line of the same run says the same in bytes per second
        assertEquals(1912660657.43, r.get(1).bytesPerSecond(), 1.0);
    }

    @Test
    void recordedDefaultSizesRun() throws IOException {
        List<OpenSslSpeed.Result> r = OpenSslSpeed.parse(resource("openssl-speed-3.0.19-aes-256-ctr-default-sizes-mr.txt"));
        assertEquals(List.of(16, 64, 256, 1024, 8192, 16384), r.stream().map(OpenSslSpeed.Result::bytes).toList());
        assertEquals(1.01e9 / 9751980, r.get(1).nsPerOp(), 1e-9);
    }

    @Test
    void plusFLinesAloneAreEnough() throws IOException {
        // standard output only: the +H/+F pair
        String stdout = "+H:16:64:256:1024:8192:16384\n"
                + "+F:25:AES-256-CTR:412476096.00:617947247.52:1080062464.00:3112629248.00:4931698688.00:4687740928.00\n";
        List<OpenSslSpeed.Result> r = OpenSslSpeed.parse(stdout);
        assertEquals(6, r.size());
        assertEquals(16 * 1e9 / 412476096.00, r.get(0).nsPerOp(), 1e-9);
        assertEquals(0, r.get(0).ops());
        // and they agree with the +R lines of the same recorded run
        List<OpenSslSpeed.Result> fromR = OpenSslSpeed.parse(resource("openssl-speed-3.0.19-aes-256-ctr-default-sizes-mr.txt"));
        for (int i = 0; i < 6; i++) {
            assertEquals(fromR.get(i).nsPerOp(), r.get(i).nsPerOp(), fromR.get(i).nsPerOp() * 1e-6, "size " + r.get(i).bytes());
        }
    }

    @Test
    void malformedOutputIsAnErrorNamingTheLine() {
        for (String bad : List.of("", "Doing AES-128-CTR for 1s on 16 size blocks: 123 AES-128-CTR's in 1.00s\n",
                "+DT:AES-128-CTR:1:16\n+R:abc:AES-128-CTR:1.0\n", "+R:5:AES-128-CTR:1.0\n",
                "+DT:AES-128-CTR:1:16\n+R:0:AES-128-CTR:1.0\n", "+H:16:64\n+F:25:AES-128-CTR:1.0\n",
                "+F:25:AES-128-CTR:1.0\n", "+DT:AES-128-CTR:1:-16\n", "+DT:AES-128-CTR:1:16\n+R:5:AES-128-CTR:NaN\n",
                "+DT:AES-128-CTR:1:16\n+R:5:AES-128-CTR:1.0:extra\n")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenSslSpeed.parse(bad), bad);
            assertTrue(e.getMessage().contains("openssl speed output"), e.getMessage());
        }
        // other lines (the human-readable text, the compiler line) are ignored
        assertEquals(1, OpenSslSpeed.parse("version: 3.0.19\ncompiler: gcc -O2 ; $(rm -rf /)\n+DT:AES-128-CTR:1:16\n"
                + "+R:100:AES-128-CTR:1.0\n").size());
    }

    @Test
    void commandIsBoundedAndChecked() {
        assertEquals(List.of("openssl", "speed", "-elapsed", "-mr", "-seconds", "2", "-evp", "aes-192-ctr", "-bytes", "65536"),
                OpenSslSpeed.command("openssl", 192, 65536, 2));
        // aes-gcm: -aead, so that each operation is one whole record, as a chunkbench aes-gcm row is
        assertEquals(List.of("openssl", "speed", "-elapsed", "-mr", "-seconds", "1", "-aead", "-evp", "aes-128-gcm", "-bytes", "16"),
                OpenSslSpeed.command("openssl", "aes-gcm", 128, 16, 1));
        assertThrows(IllegalArgumentException.class, () -> OpenSslSpeed.command("openssl", "aes-cbc", 128, 16, 1));
        assertThrows(IllegalArgumentException.class, () -> OpenSslSpeed.command("openssl", 512, 16, 1));
        assertThrows(IllegalArgumentException.class, () -> OpenSslSpeed.command("openssl", 128, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> OpenSslSpeed.command("openssl", 128, 16, 0));
    }

    @Test
    void realRunHere() throws Exception {
        Optional<Path> openssl = OpenSslSpeed.find();
        assumeTrue(openssl.isPresent(), "no openssl command on the PATH");
        // one size for one second: the shortest run there is, since it competes with whatever else runs here
        List<OpenSslSpeed.Run> runs = OpenSslSpeed.run(openssl.get(), 128, List.of(4096), 1);
        assertEquals(1, runs.size());
        assertEquals(4096, runs.get(0).results().get(0).bytes());
        assertEquals(OpenSslSpeed.command(openssl.get().toString(), 128, 4096, 1), runs.get(0).command());
        for (OpenSslSpeed.Run r : runs) {
            OpenSslSpeed.Result x = r.results().get(0);
            assertEquals("AES-128-CTR", x.cipher());
            assertTrue(x.ops() > 0 && x.nsPerOp() > 0.5 && x.nsPerOp() < 1e7, x.toString());
            assertTrue(r.output().contains("+R:"), r.output());
        }
    }

    /** openssl-speed.tsv names each line's cipher; a file from before AES-GCM (5 columns) reads as aes-ctr. */
    @Test
    void theFileNamesTheCipherAndOldFilesReadAsCtr(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        OpenSslSpeed.Run ctr = new OpenSslSpeed.Run(List.of("openssl", "speed"), "",
                List.of(new OpenSslSpeed.Result("AES-128-CTR", 64, 20.0, 100, 1.0)));
        OpenSslSpeed.Run gcm = new OpenSslSpeed.Run(List.of("openssl", "speed", "-aead"), "",
                List.of(new OpenSslSpeed.Result("AES-128-GCM", 64, 50.0, 100, 1.0)));
        Path file = tmp.resolve("openssl-speed.tsv");
        java.nio.file.Files.writeString(file, OpenSslSpeedFile.text(List.of(new OpenSslSpeedFile.Measured("aes-ctr", 128, List.of(ctr)),
                new OpenSslSpeedFile.Measured("aes-gcm", 128, List.of(gcm)))));
        assertEquals(List.of(new OpenSslSpeedFile.Row("aes-ctr", 128, 64, 20.0), new OpenSslSpeedFile.Row("aes-gcm", 128, 64, 50.0)),
                OpenSslSpeedFile.read(file));
        java.nio.file.Files.writeString(file, "keyBits\tbytes\tnsPerOp\tops\tseconds\n256\t16\t9.5\t10\t1.0\n");
        assertEquals(List.of(new OpenSslSpeedFile.Row("aes-ctr", 256, 16, 9.5)), OpenSslSpeedFile.read(file));
        java.nio.file.Files.writeString(file, "128\t16\t9.5\t10\t1.0\taes-cbc\n");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> OpenSslSpeedFile.read(file));
        assertTrue(e.getMessage().contains("the cipher is not one of aes-ctr, aes-gcm"), e.getMessage());
    }
}
