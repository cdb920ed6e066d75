package org.chunkbench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkSize;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.CounterBlock;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.RecordAuthenticationException;
import org.chunkbench.backends.SealedRecords;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code encrypt} and {@code decrypt}: stream a file of any size through one backend, chunk by chunk, with memory
 * bounded by the chunk size. The output equals {@code openssl enc -aes-N-ctr -K KEY -iv IV}; with {@code --cipher aes-gcm}
 * every chunk is one sealed record instead (docs/cli.md gives the format).
 */
abstract class CryptCommand implements Callable<Integer> {

    @Mixin
    VerboseOption verbose;

    @Option(names = "--backend", required = true, paramLabel = "NAME",
            description = "Backend or variant, for example sunjce, openssl or kernel[io=splice] (see 'chunkbench backends').")
    String backend;

    @Mixin
    KeySource keys;

    @Option(names = "--driver", paramLabel = "NAME",
            description = "kernel only: algorithm or driver to bind, for example ctr(aes) (default), ctr-aes-aesni or ctr(aes-generic) (ctr(aes-lib) from Linux 7.0).")
    String driver;

    @Option(names = "--key-source", paramLabel = "SOURCE",
            description = "kernel only: raw (ALG_SET_KEY, default) or keyring (the key is loaded into the process keyring as "
                    + "a logon key, a user key where the kernel refuses logon, and bound by serial).")
    String keySource;

    @Option(names = "--io", paramLabel = "PATH",
            description = "kernel only: copy (sendmsg, default) or splice (vmsplice and splice; current kernels copy spliced data too, see chunkbench backends).")
    String io;

    @Option(names = "--cipher", paramLabel = "CIPHER", defaultValue = AES_CTR, completionCandidates = Choices.Ciphers.class,
            description = "${COMPLETION-CANDIDATES}: AES-CTR, the output of openssl enc (default), or AES-GCM, every chunk "
                    + "one sealed record, its ciphertext followed by a 16-byte tag (docs/cli.md). Default: ${DEFAULT-VALUE}.")
    String cipher;

    static final String AES_CTR = CipherSpec.CIPHER;
    static final java.util.List<String> CIPHERS = CipherSpec.CIPHERS;

    @Option(names = "--iv", required = true, paramLabel = "HEX",
            description = "aes-ctr: the initial 16-byte counter block as 32 hex digits; aes-gcm: the 12-byte IV as 24 hex "
                    + "digits, record i's nonce being the IV with i XORed into its last 8 bytes.")
    String ivHex;

    @Option(names = "--aad", paramLabel = "HEX",
            description = "aes-gcm only: associated data authenticated with every record, as hex (default: none).")
    String aadHex;

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--chunk", paramLabel = "BYTES", defaultValue = "65536",
            description = "Chunk size in bytes, a multiple of 16 (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "stream", completionCandidates = Choices.CipherModes.class,
            description = "${COMPLETION-CANDIDATES}: the IV once and the counter carried (stream), or the counter block "
                    + "passed with every chunk (per-chunk-iv). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--in", paramLabel = "FILE", defaultValue = "-", description = "Input file, or - for standard input (default).")
    String in;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "-",
            description = "Output file, or - for standard output (default). Written to a temporary file beside it and "
                    + "renamed over it only when the whole input was processed; never the input itself, never through "
                    + "a symbolic link.")
    String out;

    @Option(names = "--force", description = "Replace an --out file that is write-protected (chmod a-w), as rm -f would; "
            + "without it such a file is refused, as cp and openssl enc refuse it.")
    boolean force;

    abstract Direction direction();

    /** The key to open with, from exactly one of the key options. */
    AesKey key() {
        return keys.key();
    }

    @Override
    public Integer call() throws IOException {
        ChunkSize.check("--chunk", chunk);
        boolean gcm = gcm();
        Mode m = Mode.parse(mode);
        byte[] iv = hex("--iv", ivHex);
        int ivBytes = gcm ? AeadSpec.IV_BYTES : CounterBlock.SIZE;
        if (iv.length != ivBytes) {
            throw new Main.UsageException("--iv is " + iv.length + " bytes; " + (gcm ? "AES-GCM" : "AES-CTR") + " needs exactly "
                    + ivBytes + " (" + 2 * ivBytes + " hex digits)");
        }
        byte[] aad = aadHex == null ? null : hex("--aad", aadHex);
        if (aad != null && aad.length > AeadSpec.MAX_AAD) {
            throw new Main.UsageException("--aad is " + aad.length + " bytes; at most " + AeadSpec.MAX_AAD + " are allowed");
        }
        BackendSpec variant = variant();
        // Everything that can be refused is refused before an output file exists: input, output, key, backend.
        Path inPath = in.equals("-") ? null : checkIn(Path.of(in));
        Path outPath = out.equals("-") ? null : Path.of(out);
        if (inPath == null && keys.fd != null && keys.fd == 0) {
            throw new Main.UsageException("--key-fd 0 is standard input, which is also the input to " + direction().name().toLowerCase(java.util.Locale.ROOT)
                    + "; give the input with --in FILE or the key on another descriptor");
        }
        if (outPath != null) {
            SafeOutput.check("--out", outPath, "--in", inPath, force);
            if (inPath == null && sameFile(STDIN, outPath)) {
                throw new Main.UsageException("--out " + outPath + " is the same file as standard input; writing it would "
                        + "destroy the input; give another output file");
            }
        } else if (inPath != null && sameFile(STDOUT, inPath)) {
            // As cat does: appending a file to itself never ends, and '>' has emptied it already.
            throw new Main.UsageException("standard output is the same file as --in " + inPath + "; redirect it elsewhere");
        }
        String inName = inPath == null ? "standard input" : "--in " + in;
        try (InputStream input = openIn(inPath)) {
            ChunkedCipher ctr = null;
            SealedRecords records = null;
            AesKey key = key();
            try {
                if (gcm) {
                    records = Backends.openAead(variant, new AeadSpec(key, iv, aad == null ? 0 : aad.length));
                } else {
                    CipherSpec cs = m == Mode.STREAM ? CipherSpec.stream(direction(), key, iv) : CipherSpec.perChunkIv(direction(), key);
                    ctr = Backends.open(variant, cs);
                }
            } finally {
                key.destroy(); // the backend holds its own copy from here on (or the kernel does)
            }
            try (Closer cipher = gcm ? records::close : ctr::close;
                    SafeOutput output = outPath == null ? SafeOutput.stdout() : SafeOutput.open("--out", outPath)) {
                if (gcm) {
                    records(records, aad, input, inName, output);
                } else {
                    crypt(ctr, m, iv, input, inName, output);
                }
                try {
                    output.commit();
                } catch (IOException e) {
                    throw new UncheckedIOException("writing " + Main.message(e), e); // commit names the output
                }
            }
        }
        return 0;
    }

    /** A cipher's close, which throws nothing checked. */
    private interface Closer extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether --cipher is aes-gcm; options that belong to the other cipher are refused. */
    private boolean gcm() {
        if (!CIPHERS.contains(cipher)) {
            throw new Main.UsageException("unknown cipher '" + cipher + "'; use " + String.join(" or ", CIPHERS));
        }
        boolean gcm = cipher.equals(AeadSpec.CIPHER);
        if (gcm && commandSpec.commandLine().getParseResult().hasMatchedOption("--mode")) {
            throw new Main.UsageException("--mode applies to aes-ctr only; with aes-gcm every chunk is one sealed record");
        }
        if (!gcm && aadHex != null) {
            throw new Main.UsageException("--aad applies to --cipher aes-gcm only; aes-ctr authenticates nothing");
        }
        return gcm;
    }

    /**
     * aes-gcm: each chunk of the input is one record, written as its ciphertext followed by its 16-byte tag; decrypt
     * reads records of chunk + 16 bytes (the last may be shorter) and writes a record's plaintext only once it
     * verified. At the first record that does not verify it stops: what is already on standard output is verified
     * plaintext (flushed), and a file output is never renamed into place.
     */
    private void records(SealedRecords records, byte[] aad, InputStream input, String inName, SafeOutput output) {
        boolean seal = direction() == Direction.ENCRYPT;
        int inSize = seal ? chunk : chunk + AeadSpec.TAG_BYTES;
        byte[] src = new byte[inSize];
        byte[] dst = new byte[chunk + AeadSpec.TAG_BYTES];
        long offset = 0;
        for (long index = 0; ; index++) {
            int n = read(input, src, inSize, inName, offset);
            if (n == 0) {
                break;
            }
            int m;
            if (seal) {
                m = records.seal(index, aad, src, 0, n, dst, 0);
            } else {
                try {
                    m = records.open(index, aad, src, 0, n, dst, 0);
                } catch (RecordAuthenticationException e) {
                    throw rejected(e, offset, n, inName, output);
                }
            }
            write(output, dst, m);
            offset += n;
            if (n < inSize) {
                break;
            }
        }
    }

    private static RecordAuthenticationException rejected(RecordAuthenticationException e, long offset, int n, String inName,
            SafeOutput output) {
        String kept;
        if (output.temp() == null) {
            try {
                output.stream().flush(); // only verified records are in the buffer
            } catch (IOException ignored) {
                // the rejection is the error to report
            }
            kept = "earlier records, all verified, were written to " + output.what();
        } else {
            kept = output.what() + " was not written";
        }
        return new RecordAuthenticationException(e.record(), inName + ": " + e.getMessage() + " (record at bytes " + offset
                + " to " + (offset + n) + "); stopped there: " + kept, e);
    }

    private int read(InputStream input, byte[] into, int len, String inName, long offset) {
        try {
            return input.readNBytes(into, 0, len);
        } catch (IOException e) {
            throw failure("reading " + inName + " after " + offset + " bytes", e);
        }
    }

    private static void write(SafeOutput output, byte[] from, int len) {
        try {
            output.stream().write(from, 0, len);
        } catch (IOException e) {
            throw failure("writing " + output.what(), e);
        }
    }

    private void crypt(ChunkedCipher cipher, Mode m, byte[] iv, InputStream input, String inName, SafeOutput output) {
        ByteBuffer src = ByteBuffer.allocate(chunk);
        ByteBuffer dst = ByteBuffer.allocate(chunk);
        byte[] ctr = new byte[16];
        long offset = 0;
        while (true) {
            int n = read(input, src.array(), chunk, inName, offset);
            if (n == 0) {
                break;
            }
            src.clear().limit(n);
            dst.clear();
            if (m == Mode.STREAM) {
                cipher.process(src, dst);
            } else {
                CounterBlock.add(iv, offset / 16, ctr);
                cipher.process(ctr, src, dst);
            }
            write(output, dst.array(), n);
            offset += n;
            if (n < chunk) {
                break;
            }
        }
    }

    private static UncheckedIOException failure(String doing, IOException e) {
        return new UncheckedIOException(doing + ": " + Main.message(e), e);
    }

    /** --backend with the kernel options (--driver, --key-source, --key-serial, --io) folded into its variant. */
    BackendSpec variant() {
        BackendSpec spec = BackendSpec.parse(backend);
        Map<String, String> extra = new LinkedHashMap<>();
        if (driver != null) {
            extra.put("driver", driver);
        }
        if (io != null) {
            extra.put("io", io);
        }
        if (keySource != null) {
            if (keys.serial != null) {
                throw new Main.UsageException("--key-source does not apply to --key-serial (that key is already in the keyring)");
            }
            extra.put("key", keySource);
        }
        if (keys.serial != null) {
            extra.put("key", "serial");
        }
        if (extra.isEmpty()) {
            return spec;
        }
        if (!spec.name().equals("kernel")) {
            throw new Main.UsageException("--driver, --io, --key-source and --key-serial apply only to --backend kernel, not "
                    + spec.name());
        }
        Map<String, String> options = new LinkedHashMap<>(spec.options());
        for (Map.Entry<String, String> e : extra.entrySet()) {
            String given = options.putIfAbsent(e.getKey(), e.getValue());
            if (given != null && !given.equals(e.getValue())) {
                throw new Main.UsageException("--backend " + backend + " says " + e.getKey() + "=" + given
                        + " but the command line option says " + e.getValue());
            }
        }
        return new BackendSpec(spec.name(), options);
    }

    /** This process's standard input and output, where the system names them (Linux). */
    private static final Path STDIN = Path.of("/proc/self/fd/0");
    private static final Path STDOUT = Path.of("/proc/self/fd/1");

    /** Whether the descriptor's link names a regular file that is {@code p} (by identity). */
    private static boolean sameFile(Path fdLink, Path p) {
        try {
            return Files.isRegularFile(fdLink) && Files.exists(p) && Files.isSameFile(fdLink, p);
        } catch (IOException e) {
            return false; // no /proc, or the descriptor is closed: nothing to compare
        }
    }

    /** A regular, readable file, checked before any output exists (a FIFO would block, a device never end). */
    private static Path checkIn(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new Main.UsageException("--in " + p + ": no such file");
        }
        if (Files.isDirectory(p)) {
            throw new Main.UsageException("--in " + p + " is a directory; give a regular file, or - for standard input");
        }
        if (!Files.isRegularFile(p)) {
            String kind = kind(p);
            if (!kind.equals("device")) { // a device such as /dev/null or /dev/zero reads like a file
                throw new Main.UsageException("--in " + p + " is " + kind + ", not a regular file; give a regular file, "
                        + "or - to read standard input (--in - < " + p + ")");
            }
        }
        if (!Files.isReadable(p)) {
            throw new Main.UsageException("--in " + p + ": permission denied");
        }
        return p;
    }

    /** "a FIFO", "a socket" or "device", from st_mode where the JDK exposes it (Linux, macOS). */
    private static String kind(Path p) {
        try {
            int type = (Integer) Files.getAttribute(p, "unix:mode") & 0170000;
            return switch (type) {
                case 0020000, 0060000 -> "device";
                case 0010000 -> "a FIFO (named pipe)";
                case 0140000 -> "a socket";
                default -> "not a file or directory";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a FIFO, socket or device";
        }
    }

    private static InputStream openIn(Path p) throws IOException {
        if (p == null) {
            return new NonClosingInput(System.in);
        }
        try {
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw new Main.UsageException("--in " + p + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Main.UsageException("--in " + p + ": permission denied");
        }
    }

    static byte[] hex(String option, String text) {
        try {
            return HexFormat.of().parseHex(text.strip());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(option + " is not hex: " + e.getMessage());
        }
    }

    /** Keeps System.in open when the command's input stream is closed. */
    private static final class NonClosingInput extends java.io.FilterInputStream {
        NonClosingInput(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    @picocli.CommandLine.Command(name = "encrypt", description = {"Encrypt a file or stdin with one backend, chunk by chunk.",
            "Give exactly one key option: --key-file, --key-fd, --key-env, --key or (kernel) --key-serial. See docs/cli.md."})
    static final class Encrypt extends CryptCommand {
        @Override
        Direction direction() {
            return Direction.ENCRYPT;
        }
    }

    @picocli.CommandLine.Command(name = "decrypt", description = {"Decrypt a file or stdin with one backend, chunk by chunk.",
            "Give exactly one key option: --key-file, --key-fd, --key-env, --key or (kernel) --key-serial. See docs/cli.md."})
    static final class Decrypt extends CryptCommand {
        @Override
        Direction direction() {
            return Direction.DECRYPT;
        }
    }
}
