package org.chunkbench.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.CounterBlock;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code encrypt} and {@code decrypt}: stream a file of any size through one backend, chunk by chunk, with memory
 * bounded by the chunk size. The output equals {@code openssl enc -aes-N-ctr -K KEY -iv IV}.
 */
abstract class CryptCommand implements Callable<Integer> {
    static final int MAX_CHUNK = 64 * 1024 * 1024;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--backend", required = true, paramLabel = "NAME",
            description = "Backend or variant, for example sunjce, openssl or kernel[io=splice] (see 'chunkbench backends').")
    String backend;

    @Option(names = "--key", paramLabel = "HEX", description = "AES key as 32, 48 or 64 hex digits (128, 192 or 256 bits).")
    String keyHex;

    @Option(names = "--driver", paramLabel = "NAME",
            description = "kernel only: algorithm or driver to bind, for example ctr(aes) (default), ctr-aes-aesni or ctr(aes-generic) (ctr(aes-lib) from Linux 7.0).")
    String driver;

    @Option(names = "--key-source", paramLabel = "SOURCE",
            description = "kernel only: raw (ALG_SET_KEY, default) or keyring (the key is loaded into the process keyring and bound by serial).")
    String keySource;

    @Option(names = "--key-serial", paramLabel = "N",
            description = "kernel only: use the key with this serial already in the kernel keyring (keyctl); the JVM never sees it. Replaces --key.")
    Integer keySerial;

    @Option(names = "--key-bits", paramLabel = "BITS", defaultValue = "128",
            description = "Size of the --key-serial key: 128, 192 or 256 (default: ${DEFAULT-VALUE}).")
    int keyBits;

    @Option(names = "--io", paramLabel = "PATH",
            description = "kernel only: copy (sendmsg, default) or splice (vmsplice and splice; current kernels copy spliced data too, see chunkbench backends).")
    String io;

    @Option(names = "--iv", required = true, paramLabel = "HEX", description = "Initial 16-byte counter block as 32 hex digits.")
    String ivHex;

    @Option(names = "--chunk", paramLabel = "BYTES", defaultValue = "65536",
            description = "Chunk size in bytes, a multiple of 16 (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "stream",
            description = "stream (IV once, counter carried) or per-chunk-iv (counter block passed with every chunk). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--in", paramLabel = "FILE", defaultValue = "-", description = "Input file, or - for standard input (default).")
    String in;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "-", description = "Output file, or - for standard output (default).")
    String out;

    abstract Direction direction();

    /** The key to open with; subclasses or later options (a kernel key serial) may supply it another way. */
    AesKey key() {
        if (keySerial != null) {
            if (keyHex != null) {
                throw new Main.UsageException("give --key or --key-serial, not both");
            }
            return AesKey.ofKernelSerial(keySerial, keyBits);
        }
        if (keyHex == null) {
            throw new Main.UsageException("--key HEX (or, for the kernel backend, --key-serial N) is required");
        }
        return AesKey.ofBytes(hex("--key", keyHex));
    }

    @Override
    public Integer call() throws IOException {
        if (chunk <= 0 || chunk % 16 != 0 || chunk > MAX_CHUNK) {
            throw new Main.UsageException("--chunk " + chunk + " is not allowed; use a multiple of 16 from 16 to " + MAX_CHUNK);
        }
        Mode m = Mode.parse(mode);
        byte[] iv = hex("--iv", ivHex);
        if (iv.length != 16) {
            throw new Main.UsageException("--iv is " + iv.length + " bytes; AES-CTR needs exactly 16 (32 hex digits)");
        }
        AesKey key = key();
        CipherSpec cs = m == Mode.STREAM ? CipherSpec.stream(direction(), key, iv) : CipherSpec.perChunkIv(direction(), key);
        try (ChunkedCipher cipher = Backends.open(variant(), cs);
             InputStream input = openIn();
             OutputStream output = openOut()) {
            ByteBuffer src = ByteBuffer.allocate(chunk);
            ByteBuffer dst = ByteBuffer.allocate(chunk);
            byte[] ctr = new byte[16];
            long offset = 0;
            while (true) {
                int n = input.readNBytes(src.array(), 0, chunk);
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
                output.write(dst.array(), 0, n);
                offset += n;
                if (n < chunk) {
                    break;
                }
            }
            output.flush();
        } finally {
            key.destroy();
        }
        return 0;
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
            if (keySerial != null) {
                throw new Main.UsageException("--key-source does not apply to --key-serial (that key is already in the keyring)");
            }
            extra.put("key", keySource);
        }
        if (keySerial != null) {
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

    private InputStream openIn() throws IOException {
        if (in.equals("-")) {
            return System.in;
        }
        try {
            return Files.newInputStream(Path.of(in));
        } catch (NoSuchFileException e) {
            throw new Main.UsageException("--in " + in + ": no such file");
        }
    }

    private OutputStream openOut() throws IOException {
        if (out.equals("-")) {
            return new BufferedOutputStream(new NonClosing(System.out), 1 << 16);
        }
        return new BufferedOutputStream(Files.newOutputStream(Path.of(out)), 1 << 16);
    }

    static byte[] hex(String option, String text) {
        try {
            return HexFormat.of().parseHex(text.strip());
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException(option + " is not hex: " + e.getMessage());
        }
    }

    /** Keeps System.out open when the command's output stream is closed. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    @picocli.CommandLine.Command(name = "encrypt", description = "Encrypt a file or stdin with one backend, chunk by chunk.")
    static final class Encrypt extends CryptCommand {
        @Override
        Direction direction() {
            return Direction.ENCRYPT;
        }
    }

    @picocli.CommandLine.Command(name = "decrypt", description = "Decrypt a file or stdin with one backend, chunk by chunk.")
    static final class Decrypt extends CryptCommand {
        @Override
        Direction direction() {
            return Direction.DECRYPT;
        }
    }
}
