package org.chunkbench.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chunkbench.results.ResultsFolder;

/**
 * {@code openssl-speed.tsv} in a results folder: one line per key size and block size that {@code openssl speed}
 * measured, {@code keyBits, bytes, nsPerOp, ops, seconds}, after comment lines ({@code #}) that name the commands.
 * Read back as data: every field must be a number, anything else refuses the file with its line named.
 */
public final class OpenSslSpeedFile {
    static final String HEADER = "keyBits\tbytes\tnsPerOp\tops\tseconds";

    /** One measured size: ns per operation (one block of {@code bytes}) of {@code aes-keyBits-ctr}. */
    public record Row(int keyBits, int bytes, double nsPerOp) {
        public double mbps() {
            return bytes * 1e3 / nsPerOp;
        }
    }

    private OpenSslSpeedFile() {
    }

    public static String text(List<Integer> keyBits, List<List<OpenSslSpeed.Run>> runsPerKey) {
        StringBuilder sb = new StringBuilder("# openssl speed, C without a JVM; one command per size:\n");
        for (List<OpenSslSpeed.Run> runs : runsPerKey) {
            for (OpenSslSpeed.Run r : runs) {
                sb.append("# ").append(String.join(" ", r.command()).replaceAll("[\\p{Cntrl}]", " ")).append('\n');
            }
        }
        sb.append(HEADER).append('\n');
        for (int k = 0; k < keyBits.size(); k++) {
            for (OpenSslSpeed.Run r : runsPerKey.get(k)) {
                for (OpenSslSpeed.Result x : r.results()) {
                    sb.append(keyBits.get(k)).append('\t').append(x.bytes()).append('\t').append(x.nsPerOp()).append('\t')
                            .append(x.ops()).append('\t').append(x.seconds()).append('\n');
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
            if (l.isEmpty() || l.startsWith("#") || l.equals(HEADER)) {
                continue;
            }
            String[] f = l.split("\t");
            // the reasons name fields, never quote them: the file is data from the folder
            String where = file + " line " + (i + 1) + ": not a keyBits/bytes/nsPerOp row (";
            if (f.length != 5) {
                throw new IOException(where + f.length + " fields, not 5)");
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
            rows.add(new Row(bits, bytes, ns));
        }
        return rows;
    }
}
