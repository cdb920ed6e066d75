package org.chunkbench.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.CipherSpec;

import org.chunkbench.results.Programs;

/**
 * {@code openssl speed} as a reference line ("C, no JVM"): the runner and the parser of its machine-readable
 * output. Pure: no JMH, no picocli; the caller picks key sizes, chunk sizes and where the text is kept.
 *
 * <p><b>What OpenSSL 3.0 offers</b> (checked with 3.0.19): {@code -bytes N} takes one size per run, any positive
 * int, so the runner starts one process per chunk size; {@code -seconds S} is a whole number of seconds per size
 * (at least 1); {@code -mr} prints, on standard error, {@code +DT:<cipher>:<seconds>:<bytes>} when a size starts
 * and {@code +R:<count>:<cipher>:<elapsed seconds>} when it ends, and on standard output {@code +H:<sizes...>}
 * and {@code +F:<index>:<cipher>:<bytes per second...>}. {@code -elapsed} divides by wall-clock time, as JMH does,
 * rather than by user CPU time (the default), which on a busy machine would hide the time the process waited.
 * Without {@code -bytes} it runs its own sizes, 16, 64, 256, 1024, 8192 and 16384 bytes.
 *
 * <p>The parser reads {@code +R} lines (the exact operation count and elapsed time) and falls back to the
 * {@code +H}/{@code +F} pair when there are none. Its input may come from a results folder, so it is untrusted:
 * only those numeric fields are read, every other line is ignored, and a malformed one is an error naming its line.
 */
public final class OpenSslSpeed {
    /** One block size: {@code ns/op = elapsed / ops}. {@code ops} and {@code seconds} are 0 when only +F was there. */
    public record Result(String cipher, int bytes, double nsPerOp, long ops, double seconds) {
        public double bytesPerSecond() {
            return bytes * 1e9 / nsPerOp;
        }
    }

    /** What was run and what came back: the command line and its output as text, to be kept beside the results. */
    public record Run(List<String> command, String output, List<Result> results) {
    }

    private OpenSslSpeed() {
    }

    /** {@code aes-128-ctr}, {@code aes-192-ctr} or {@code aes-256-ctr}. */
    public static String cipherName(int keyBits) {
        return cipherName(CipherSpec.CIPHER, keyBits);
    }

    /** OpenSSL's name of chunkbench's {@code cipher} at {@code keyBits}: {@code aes-128-ctr}, {@code aes-256-gcm}, ... */
    public static String cipherName(String cipher, int keyBits) {
        if (keyBits != 128 && keyBits != 192 && keyBits != 256) {
            throw new IllegalArgumentException("AES key size must be 128, 192 or 256 bits, not " + keyBits);
        }
        if (!CipherSpec.CIPHERS.contains(cipher)) {
            throw new IllegalArgumentException("no openssl speed reference for cipher '" + cipher + "'");
        }
        return "aes-" + keyBits + "-" + cipher.substring(cipher.indexOf('-') + 1);
    }

    /** The command for one key size and block size of AES-CTR, bounded to {@code seconds} of measuring. */
    public static List<String> command(String openssl, int keyBits, int bytes, int seconds) {
        return command(openssl, CipherSpec.CIPHER, keyBits, bytes, seconds);
    }

    /**
     * The command for one cipher, key size and block size, bounded to {@code seconds} of measuring. For aes-gcm it
     * adds {@code -aead}: each operation is then one whole record (nonce, associated data, encryption, tag), as a
     * chunkbench aes-gcm row is, rather than a stream of updates under one nonce.
     */
    public static List<String> command(String openssl, String cipher, int keyBits, int bytes, int seconds) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("openssl speed -bytes needs a positive size, not " + bytes);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("openssl speed -seconds is a whole number of at least 1, not " + seconds);
        }
        List<String> cmd = new ArrayList<>(List.of(openssl, "speed", "-elapsed", "-mr", "-seconds", Integer.toString(seconds)));
        if (cipher.equals(AeadSpec.CIPHER)) {
            cmd.add("-aead");
        }
        cmd.addAll(List.of("-evp", cipherName(cipher, keyBits), "-bytes", Integer.toString(bytes)));
        return List.copyOf(cmd);
    }

    /** The {@code openssl} command on the PATH ({@link Programs#onPath}), if any. */
    public static Optional<Path> find() {
        return Programs.onPath("openssl");
    }

    /**
     * Runs {@code openssl speed} once per block size (standard error merged into standard output) and parses
     * each run. A run that does not finish within {@code seconds + 30} s is killed and reported.
     */
    public static List<Run> run(Path openssl, int keyBits, List<Integer> sizes, int seconds) throws IOException, InterruptedException {
        return run(openssl, CipherSpec.CIPHER, keyBits, sizes, seconds);
    }

    /** As {@link #run(Path, int, List, int)} for {@code cipher}. */
    public static List<Run> run(Path openssl, String cipher, int keyBits, List<Integer> sizes, int seconds)
            throws IOException, InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (int bytes : sizes) {
            List<String> cmd = command(openssl.toString(), cipher, keyBits, bytes, seconds);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                // Reading blocks until the process ends or closes its output; waitFor below bounds the rest.
                java.util.concurrent.CompletableFuture<byte[]> text = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        return new byte[0];
                    }
                });
                if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", cmd) + " did not finish within " + (seconds + 30) + " s");
                }
                out = new String(text.join(), StandardCharsets.UTF_8);
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed with exit status " + p.exitValue() + ": "
                        + firstLine(out));
            }
            runs.add(new Run(cmd, out, parse(out)));
        }
        return runs;
    }

    /**
     * For the measurement scripts (tools/openssl-ffm-targets.sh), so that {@code openssl speed}'s output has one parser:
     * {@code java -cp benchmarks.jar org.chunkbench.analysis.OpenSslSpeed CIPHER KEY_BITS SECONDS SIZE...} runs the
     * command once per size and prints {@code SIZE NS_PER_OP} per line. Status 2 on bad arguments, 1 on a failed run.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 4) {
            System.err.println("usage: OpenSslSpeed CIPHER KEY_BITS SECONDS SIZE...   (CIPHER: " + String.join(" or ", CipherSpec.CIPHERS) + ")");
            System.exit(2);
        }
        List<Integer> sizes = new ArrayList<>();
        int keyBits;
        int seconds;
        try {
            cipherName(args[0], keyBits = Integer.parseInt(args[1]));
            seconds = Integer.parseInt(args[2]);
            for (int i = 3; i < args.length; i++) {
                sizes.add(Integer.parseInt(args[i]));
            }
            command("openssl", args[0], keyBits, sizes.get(0), seconds); // checks sizes and seconds before anything runs
        } catch (IllegalArgumentException e) {
            System.err.println("OpenSslSpeed: " + e.getMessage());
            System.exit(2);
            return;
        }
        Optional<Path> openssl = find();
        if (openssl.isEmpty()) {
            System.err.println("OpenSslSpeed: no openssl command on the PATH");
            System.exit(1);
        }
        try {
            for (Run r : run(openssl.get(), args[0], keyBits, sizes, seconds)) {
                Result x = r.results().get(0);
                System.out.printf(java.util.Locale.ROOT, "%d %.3f%n", x.bytes(), x.nsPerOp());
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("OpenSslSpeed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** The results in {@code -mr} output, in the order of the sizes; an output with none is an error. */
    public static List<Result> parse(String text) {
        List<Result> fromR = new ArrayList<>();
        List<Integer> header = null;
        List<Result> fromF = new ArrayList<>();
        String dtCipher = null;
        int dtBytes = -1;
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = "openssl speed output line " + (i + 1);
            if (line.startsWith("+DT:")) {
                String[] f = fields(line, 4, where);
                dtCipher = f[1];
                dtBytes = positiveInt(f[3], where);
            } else if (line.startsWith("+R:")) {
                String[] f = fields(line, 4, where);
                if (dtCipher == null || !dtCipher.equals(f[2])) {
                    throw new IllegalArgumentException(where + ": +R for " + f[2] + " without its +DT line");
                }
                long ops = positiveLong(f[1], where);
                double secs = positiveDouble(f[3], where);
                fromR.add(new Result(dtCipher, dtBytes, secs * 1e9 / ops, ops, secs));
                dtCipher = null;
            } else if (line.startsWith("+H:")) {
                String[] f = line.split(":", -1);
                header = new ArrayList<>();
                for (int k = 1; k < f.length; k++) {
                    header.add(positiveInt(f[k], where));
                }
            } else if (line.startsWith("+F:")) {
                if (header == null) {
                    throw new IllegalArgumentException(where + ": +F line without a +H line before it");
                }
                String[] f = line.split(":", -1);
                if (f.length != header.size() + 3) {
                    throw new IllegalArgumentException(where + ": " + (f.length - 3) + " values for " + header.size() + " sizes");
                }
                for (int k = 0; k < header.size(); k++) {
                    double bps = positiveDouble(f[k + 3], where);
                    fromF.add(new Result(f[2], header.get(k), header.get(k) * 1e9 / bps, 0, 0));
                }
            }
        }
        List<Result> out = fromR.isEmpty() ? fromF : fromR;
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no results in the openssl speed output (expected +R or +H/+F lines of -mr)");
        }
        return out;
    }

    private static String[] fields(String line, int n, String where) {
        String[] f = line.split(":", -1);
        if (f.length != n) {
            throw new IllegalArgumentException(where + ": expected " + n + " ':'-separated fields, found " + f.length);
        }
        return f;
    }

    private static int positiveInt(String s, String where) {
        long v = positiveLong(s, where);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + ": " + s + " is too large for a block size");
        }
        return (int) v;
    }

    private static long positiveLong(String s, String where) {
        try {
            long v = Long.parseLong(s.strip());
            if (v <= 0) {
                throw new IllegalArgumentException(where + ": expected a positive whole number, found '" + s + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": expected a whole number, found '" + s + "'");
        }
    }

    private static double positiveDouble(String s, String where) {
        try {
            double v = Double.parseDouble(s.strip());
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(where + ": expected a positive number, found '" + s + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": expected a number, found '" + s + "'");
        }
    }
}
