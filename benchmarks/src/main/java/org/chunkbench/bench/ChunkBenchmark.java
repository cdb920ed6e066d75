package org.chunkbench.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.ChunkSize;
import org.chunkbench.backends.CounterBlock;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.Variants;
import org.chunkbench.results.SweepParam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One operation = one chunk of {@code chunkSize} bytes through one cipher, in buffers allocated at trial setup.
 * {@code chunked} goes through {@link ChunkedCipher} (the backend is a {@code @Param}, so it is in the JSON);
 * {@code baseline} calls SunJCE's {@code Cipher.update} directly, so that the gap between it and
 * {@code chunked} with {@code backend=sunjce} is what the abstraction costs. Both call the API a careful user
 * calls for the buffer kind: with {@code buffer=heap} the array overloads ({@code ChunkedCipher.process(byte[],
 * ...)}, {@code Cipher.update(byte[], ...)}) on the buffers' backing arrays, with {@code buffer=direct} the
 * {@code ByteBuffer} ones.
 *
 * <p>The two states declare their own params: JMH multiplies a benchmark only by the params of the states it
 * uses, so {@code baseline} is not repeated once per backend. {@code chunkbench run} overrides every param;
 * the defaults here only matter when JMH's own launcher is used.
 *
 * <p>Run it through {@code ./chunkbench run} (see docs/bench.md), or for experts:
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main ChunkBenchmark -p backend=openssl}.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Forks start from ForkedMain, not from our jar's manifest: JDK 24+ wants native access granted on the command line.
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChunkBenchmark {

    @Benchmark
    public Object chunked(Chunked s) {
        return s.step();
    }

    @Benchmark
    public Object baseline(Direct s) throws GeneralSecurityException {
        return s.step();
    }

    /**
     * Params and buffers both benchmarks share; each state verifies its own output before timing starts. The
     * field names are JMH's param names and must match {@link SweepParam#jmhName()} (BenchmarkStateTest checks).
     */
    @State(Scope.Thread)
    public abstract static class Common {
        @Param({"16", "64", "256", "1024", "4096", "16384", "65536", "1048576"})
        public int chunkSize;

        @Param({"stream", "per-chunk-iv"})
        public String mode;

        @Param({"heap"})
        public String buffer;

        @Param({"128"})
        public int keyBits;

        @Param({"encrypt"})
        public String op;

        ByteBuffer in;
        ByteBuffer out;
        /** Per-chunk-iv: the counter block of the next chunk, advanced in place so that no chunk allocates. */
        byte[] counter;
        long blocksPerChunk;
        boolean stream;
        Direction direction;
        byte[] keyBytes;

        void prepare() {
            ChunkSize.check(SweepParam.CHUNK_SIZE.jmhName(), chunkSize);
            stream = Mode.parse(mode) == Mode.STREAM;
            direction = Direction.parse(op);
            keyBytes = Fixture.key(keyBits);
            in = Fixture.buffer(buffer, chunkSize);
            out = Fixture.buffer(buffer, chunkSize);
            in.put(Fixture.data(chunkSize)).clear();
            counter = Fixture.iv();
            blocksPerChunk = chunkSize / CounterBlock.SIZE;
        }

        String describe(String what) {
            return what + " (chunkSize=" + chunkSize + ", mode=" + mode + ", buffer=" + buffer + ", keyBits=" + keyBits
                    + ", op=" + op + ")";
        }

        /**
         * JMH's warmup is time-based. At 1 MiB a chunk takes milliseconds, so a short warmup makes a few hundred calls,
         * below C2's invocation thresholds, and the trial times the interpreter (SunJCE measured 80 MB/s at 1 MiB
         * against 18 GB/s at 16 KiB). So every trial first pushes {@link #JIT_WARM_CALLS} small chunks through a
         * throwaway cipher of the same backend and spec, along the same code path; the timed cipher is opened after
         * it and starts from the IV the check expects.
         */
        static final int JIT_WARM_CALLS = 20_000;

        int warmSlice() {
            return Math.min(chunkSize, 256);
        }

        /** Runs {@link Fixture#VERIFY_CHUNKS} steps exactly as the benchmark does and compares them with SunJCE. */
        void verify(String what, StepFunction step) throws GeneralSecurityException {
            byte[] got = new byte[Fixture.VERIFY_CHUNKS * chunkSize];
            for (int i = 0; i < Fixture.VERIFY_CHUNKS; i++) {
                Object sink = step.step();
                out.clear().get(got, i * chunkSize, chunkSize);
                if (sink == null) {
                    throw new IllegalStateException(describe(what) + ": step returned nothing");
                }
            }
            Fixture.compare(describe(what), direction, keyBytes, chunkSize, got);
        }

        void wipe() {
            if (keyBytes != null) {
                java.util.Arrays.fill(keyBytes, (byte) 0);
            }
        }
    }

    interface StepFunction {
        Object step() throws GeneralSecurityException;
    }

    @State(Scope.Thread)
    public static class Chunked extends Common {
        /** A backend variant as in {@code chunkbench backends}, for example {@code openssl} or {@code kernel[io=splice]}. */
        @Param({"sunjce"})
        public String backend;

        ChunkedCipher cipher;
        /**
         * {@code buffer=heap}: the buffers' backing arrays, which go through the array overloads, as {@code baseline}
         * calls {@code Cipher.update(byte[], ...)}; {@code buffer=direct}: null, and the ByteBuffer overloads run.
         */
        byte[] inArray;
        byte[] outArray;

        @Setup(Level.Trial)
        public void open() throws GeneralSecurityException {
            prepare();
            inArray = in.hasArray() ? in.array() : null;
            outArray = out.hasArray() ? out.array() : null;
            AesKey key = AesKey.ofBytes(keyBytes);
            try {
                CipherSpec spec = stream ? CipherSpec.stream(direction, key, counter) : CipherSpec.perChunkIv(direction, key);
                warmJit(spec);
                cipher = openVariant(backend, spec);
            } finally {
                key.destroy();
            }
            if (Variants.kind(backend) == Variants.Kind.CONTROL) {
                // A control's output is not ciphertext (its own tests check what it does): run the same steps, but
                // there is no AES answer to compare with.
                for (int i = 0; i < Fixture.VERIFY_CHUNKS; i++) {
                    step();
                }
            } else {
                verify("backend " + backend, this::step);
            }
        }

        private void warmJit(CipherSpec spec) {
            byte[] ctr = counter.clone();
            int n = warmSlice();
            try (ChunkedCipher warm = openVariant(backend, spec)) {
                for (int i = 0; i < JIT_WARM_CALLS; i++) {
                    if (inArray != null) {
                        if (stream) {
                            warm.process(inArray, 0, n, outArray, 0);
                        } else {
                            warm.process(ctr, inArray, 0, n, outArray, 0);
                        }
                        continue;
                    }
                    in.clear().limit(n);
                    out.clear();
                    if (stream) {
                        warm.process(in, out);
                    } else {
                        warm.process(ctr, in, out);
                    }
                }
            }
        }

        /** A backend or a control of the decomposition ({@link Variants}). */
        static ChunkedCipher openVariant(String variant, CipherSpec spec) {
            return Variants.open(variant, spec);
        }

        Object step() {
            if (inArray != null) {
                if (stream) {
                    cipher.process(inArray, 0, chunkSize, outArray, 0);
                } else {
                    cipher.process(counter, inArray, 0, chunkSize, outArray, 0);
                    CounterBlock.add(counter, blocksPerChunk, counter);
                }
                return outArray;
            }
            ByteBuffer i = in.clear();
            ByteBuffer o = out.clear();
            if (stream) {
                cipher.process(i, o);
            } else {
                cipher.process(counter, i, o);
                CounterBlock.add(counter, blocksPerChunk, counter);
            }
            return o;
        }

        @TearDown(Level.Trial)
        public void close() {
            if (cipher != null) {
                cipher.close();
            }
            wipe();
        }
    }

    /** SunJCE without ChunkedCipher: what an application would write by hand. */
    @State(Scope.Thread)
    public static class Direct extends Common {
        Cipher cipher;
        SecretKeySpec key;
        int opmode;
        boolean heap;
        byte[] inArray;
        byte[] outArray;

        @Setup(Level.Trial)
        public void open() throws GeneralSecurityException {
            prepare();
            heap = !in.isDirect();
            inArray = heap ? in.array() : null;
            outArray = heap ? out.array() : null;
            opmode = direction == Direction.ENCRYPT ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
            key = new SecretKeySpec(keyBytes, "AES");
            warmJit();
            cipher = Cipher.getInstance("AES/CTR/NoPadding", Fixture.sunJce());
            if (stream) {
                cipher.init(opmode, key, new IvParameterSpec(counter));
            }
            verify("baseline (SunJCE Cipher.update)", this::step);
        }

        private void warmJit() throws GeneralSecurityException {
            Cipher warm = Cipher.getInstance("AES/CTR/NoPadding", Fixture.sunJce());
            IvParameterSpec iv = new IvParameterSpec(counter);
            warm.init(opmode, key, iv);
            int n = warmSlice();
            for (int i = 0; i < JIT_WARM_CALLS; i++) {
                if (!stream) {
                    warm.init(opmode, key, iv);
                }
                if (heap) {
                    warm.update(inArray, 0, n, outArray, 0);
                } else {
                    warm.update(in.clear().limit(n), out.clear());
                }
            }
        }

        Object step() throws GeneralSecurityException {
            if (!stream) {
                cipher.init(opmode, key, new IvParameterSpec(counter));
                CounterBlock.add(counter, blocksPerChunk, counter);
            }
            if (heap) {
                cipher.update(inArray, 0, chunkSize, outArray, 0);
                return outArray;
            }
            // The JCA's ByteBuffer API is what a direct-buffer application calls; SunJCE copies through
            // temporary arrays inside it, and that cost belongs to the baseline.
            ByteBuffer o = out.clear();
            cipher.update(in.clear(), o);
            return o;
        }

        @TearDown(Level.Trial)
        public void close() {
            wipe();
        }
    }
}
