package org.chunkbench.experiments;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The harness's {@code baseline} written from scratch, with nothing of the project in it: SunJCE AES-128-CTR,
 * one chunk per operation, {@code Cipher.update(byte[], int, int, byte[], int)} on heap arrays and
 * {@code Cipher.update(ByteBuffer, ByteBuffer)} on direct buffers; per-chunk-iv re-inits with the next counter
 * block (counter arithmetic as a careful user would write it: a big-endian add on the low 8 bytes suffices
 * for the lengths measured). If ChunkBenchmark's {@code baseline} agrees with this within noise, it is the
 * best plain usage. See run.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlainCipherBenchmark {
    @Param({"16", "64", "256", "1024", "4096", "16384", "65536", "1048576"})
    public int chunkSize;

    @Param({"stream", "per-chunk-iv"})
    public String mode;

    @Param({"heap", "direct"})
    public String buffer;

    Cipher cipher;
    SecretKeySpec key;
    byte[] counter;
    long blocks;
    boolean stream;
    byte[] inArray;
    byte[] outArray;
    ByteBuffer in;
    ByteBuffer out;

    @Setup(Level.Trial)
    public void setup() throws GeneralSecurityException {
        Random rnd = new Random(1);
        byte[] k = new byte[16];
        rnd.nextBytes(k);
        key = new SecretKeySpec(k, "AES");
        counter = new byte[16];
        rnd.nextBytes(counter);
        counter[8] = 0; // keeps the low 8 bytes far from a carry into the high half
        blocks = chunkSize / 16;
        stream = mode.equals("stream");
        inArray = new byte[chunkSize];
        outArray = new byte[chunkSize];
        rnd.nextBytes(inArray);
        if (buffer.equals("direct")) {
            in = ByteBuffer.allocateDirect(chunkSize);
            out = ByteBuffer.allocateDirect(chunkSize);
            in.put(inArray).clear();
        }
        warmJit();
        cipher = Cipher.getInstance("AES/CTR/NoPadding", "SunJCE");
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
    }

    /**
     * A time-based warmup makes only a few hundred calls at 1 MiB, below C2's thresholds, and then times the
     * interpreter (measured: 100-300 ops/s instead of 15,000). So, as a careful user's own benchmark would,
     * push 20,000 small chunks along the same path through a throwaway cipher first.
     */
    private void warmJit() throws GeneralSecurityException {
        Cipher warm = Cipher.getInstance("AES/CTR/NoPadding", "SunJCE");
        IvParameterSpec iv = new IvParameterSpec(counter);
        warm.init(Cipher.ENCRYPT_MODE, key, iv);
        int n = Math.min(chunkSize, 256);
        for (int i = 0; i < 20_000; i++) {
            if (!stream) {
                warm.init(Cipher.ENCRYPT_MODE, key, iv);
            }
            if (in == null) {
                warm.update(inArray, 0, n, outArray, 0);
            } else {
                warm.update(in.clear().limit(n), out.clear());
            }
        }
        if (in != null) {
            in.clear();
            out.clear();
        }
    }

    @Benchmark
    public Object update() throws GeneralSecurityException {
        if (!stream) {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
            long low = 0;
            for (int i = 8; i < 16; i++) {
                low = low << 8 | (counter[i] & 0xff);
            }
            low += blocks;
            for (int i = 15; i >= 8; i--) {
                counter[i] = (byte) low;
                low >>>= 8;
            }
        }
        if (in == null) {
            cipher.update(inArray, 0, chunkSize, outArray, 0);
            return outArray;
        }
        in.clear();
        out.clear();
        cipher.update(in, out);
        return out;
    }

    /** The same chunk through the project's {@code ChunkedCipher} ({@code sunjce}, stream mode only). */
    @State(Scope.Thread)
    public static class Chunked {
        ChunkedCipher cipher;
        ByteBuffer in;
        ByteBuffer out;

        @Setup(Level.Trial)
        public void setup(PlainCipherBenchmark plain) {
            if (!plain.stream) {
                throw new IllegalStateException("the chunked comparison is stream mode only");
            }
            byte[] k = plain.key.getEncoded();
            cipher = Backends.open("sunjce", CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(k), plain.counter));
            in = plain.in != null ? plain.in : ByteBuffer.wrap(plain.inArray);
            out = plain.out != null ? plain.out : ByteBuffer.wrap(plain.outArray);
        }
    }

    @Benchmark
    public Object chunked(Chunked c) {
        ByteBuffer i = c.in.clear();
        ByteBuffer o = c.out.clear();
        c.cipher.process(i, o);
        return o;
    }
}
