package org.chunkbench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.chunkbench.analysis.OpenSslSpeed;
import org.chunkbench.analysis.OpenSslSpeedFile;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.SweepParam;
import org.chunkbench.results.Visible;

/** The report's C reference line: {@code openssl speed} at the run's key and chunk sizes, after the JMH trials. */
final class OpenSslReference {
    /** Seconds of {@code openssl speed} per key and chunk size: the reference line, not a measurement of ours. */
    static final int OPENSSL_SPEED_SECONDS = 1;

    private OpenSslReference() {
    }

    /**
     * {@code openssl speed -evp aes-N-ctr} (and {@code -aead -evp aes-N-gcm} when the run has aes-gcm rows) for the
     * run's key sizes and chunk sizes into openssl-speed.tsv, when the command exists; said on the console either way.
     * A failure is one line and leaves the file out, it does not fail the run (the JMH results are complete without it).
     */
    static void record(PrintWriter console, ResultsFolder folder, RunPlan plan) {
        Optional<Path> openssl = OpenSslSpeed.find();
        if (openssl.isEmpty()) {
            console.println("openssl speed: no openssl command on the PATH; the report has no C reference line");
            return;
        }
        List<Integer> keyBits = plan.ints(SweepParam.KEY_BITS, List.of(128));
        List<Integer> chunks = plan.ints(SweepParam.CHUNK_SIZE, List.of());
        List<String> ciphers = plan.ciphers();
        console.printf("openssl speed: %s, %d cipher(s) x %d key size(s) x %d chunk size(s), %d s each%n", openssl.get(),
                ciphers.size(), keyBits.size(), chunks.size(), OPENSSL_SPEED_SECONDS);
        console.flush();
        List<OpenSslSpeedFile.Measured> measured = new ArrayList<>();
        try {
            for (String cipher : ciphers) {
                for (int bits : keyBits) {
                    List<OpenSslSpeed.Run> perKey = new ArrayList<>();
                    for (int chunk : chunks) {
                        perKey.addAll(OpenSslSpeed.run(openssl.get(), cipher, bits, List.of(chunk), OPENSSL_SPEED_SECONDS));
                        OpenSslSpeed.Result r = perKey.get(perKey.size() - 1).results().get(0);
                        console.printf("openssl speed: %s %d B: %.1f ns per %s%n", OpenSslSpeed.cipherName(cipher, bits), chunk,
                                r.nsPerOp(), cipher.equals(CipherSpec.CIPHER) ? "chunk" : "record");
                        console.flush();
                    }
                    measured.add(new OpenSslSpeedFile.Measured(cipher, bits, perKey));
                }
            }
            ResultsFolder.write(folder.opensslSpeedTsv(), OpenSslSpeedFile.text(measured));
        } catch (IOException | RuntimeException e) {
            console.println("openssl speed: left out: " + Visible.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.println("openssl speed: interrupted; left out");
        }
        console.flush();
    }
}
