package org.chunkbench.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chunkbench.backends.CipherSpec;
import org.chunkbench.results.ResultsFolder;

/**
 * {@code openssl-speed.tsv} in a results folder: one line per cipher, key size and block size that {@code openssl
 * speed} measured, {@code keyBits, bytes, nsPerOp, ops, seconds, cipher}, after comment lines ({@code #}) that name
 * the commands. A file from before AES-GCM has no {@code cipher} column: its lines are aes-ctr. Read back as data:
 * every field must be a number or a known cipher, anything else refuses the file with its line named.
 */
public final class OpenSslSpeedFile {
    static final String HEADER_CTR_ONLY = "keyBits\tbytes\tnsPerOp\tops\tseconds";
    static final String HEADER = HEADER_CTR_ONLY + "\tcipher";

    /** The measurements of one cipher at one key size, in the order of the sizes. */
    public record Measured(String cipher, int keyBits, List<OpenSslSpeed.Run> runs) {
    }

    /**
     * One measured size: ns per operation of {@code aes-keyBits-ctr} (one block of {@code bytes}) or of
     * {@code aes-keyBits-gcm} with {@code -aead} (one sealed record of {@code bytes}).
     */
    public record Row(String cipher, int keyBits, int bytes, double nsPerOp) {
        public double mbps() {
            return bytes * 1e3 / nsPerOp;
        }
    }

    private OpenSslSpeedFile() {
    }

    public static String text(List<Measured> measured) {
        StringBuilder sb = new StringBuilder("# openssl speed, C without a JVM; one command per size:\n");
        for (Measured m : measured) {
            for (OpenSslSpeed.Run r : m.runs()) {
                sb.append("# ").append(String.join(" ", r.command()).replaceAll("[\\p{Cntrl}]", " ")).append('\n');
            }
        }
        sb.append(HEADER).append('\n');
        for (Measured m : measured) {
            for (OpenSslSpeed.Run r : m.runs()) {
                for (OpenSslSpeed.Result x : r.results()) {
                    sb.append(m.keyBits()).append('\t').append(x.bytes()).append('\t').append(x.nsPerOp()).append('\t')
                            .append(x.ops()).append('\t').append(x.seconds()).append('\t').append(m.cipher()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** The rows of a folder's file; IOException naming the line when a field is not what it should be. */
    public static List<Row> read(Path file) throws IOException {
        String text = ResultsFolder.read(file);
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#") || l.equals(HEADER) || l.equals(HEADER_CTR_ONLY)) {
                continue;
            }
            String[] f = l.split("\t");
            // the reasons name fields, never quote them: the file is data from the folder
            String where = file + " line " + (i + 1) + ": not a keyBits/bytes/nsPerOp row (";
            if (f.length != 5 && f.length != 6) {
                throw new IOException(where + f.length + " fields, not 6 (or 5 before aes-gcm))");
            }
            String cipher = f.length == 5 ? CipherSpec.CIPHER : f[5];
            if (!CipherSpec.CIPHERS.contains(cipher)) {
                throw new IOException(where + "the cipher is not one of " + String.join(", ", CipherSpec.CIPHERS) + ")");
            }
            int bits;
            int bytes;
            double ns;
            try {
                bits = Integer.parseInt(f[0]);
                bytes = Integer.parseInt(f[1]);
                ns = Double.parseDouble(f[2]);
            } catch (NumberFormatException e) {
                throw new IOException(where + "keyBits, bytes or nsPerOp is not a number)");
            }
            if (bytes <= 0 || !(ns > 0) || Double.isInfinite(ns) || (bits != 128 && bits != 192 && bits != 256)) {
                throw new IOException(where + "out of range)");
            }
            rows.add(new Row(cipher, bits, bytes, ns));
        }
        return rows;
    }
}
