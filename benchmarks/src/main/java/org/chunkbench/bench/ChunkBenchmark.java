package org.chunkbench.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.BufferKind;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.ChunkSize;
import org.chunkbench.backends.CounterBlock;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.SealedRecords;
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

        /**
         * {@code aes-ctr}, or {@code aes-gcm}: then every chunk is one sealed record (12-byte nonce derived from the
         * IV and the record's index, {@link Fixture#AAD_BYTES} bytes of associated data, a 16-byte tag), {@code mode}
         * is {@link SweepParam#RECORD_MODE} and the buffers are heap arrays ({@link SealedRecords} takes arrays).
         */
        @Param({CipherSpec.CIPHER})
        public String cipher;

        ByteBuffer in;
        ByteBuffer out;
        /** Per-chunk-iv: the counter block of the next chunk, advanced in place so that no chunk allocates. */
        byte[] counter;
        long blocksPerChunk;
        boolean stream;
        Direction direction;
        byte[] keyBytes;
        /** cipher=aes-gcm: the records' associated data and the next record's index (sealing never repeats one). */
        boolean gcm;
        byte[] aad;
        long record;

        void prepare() throws GeneralSecurityException {
            ChunkSize.check(SweepParam.CHUNK_SIZE.jmhName(), chunkSize);
            gcm = SweepParam.CIPHER.check(cipher).equals(AeadSpec.CIPHER);
            direction = Direction.parse(op);
            keyBytes = Fixture.key(keyBits);
            if (gcm) {
                if (!mode.equals(SweepParam.RECORD_MODE) || !buffer.equals(BufferKind.HEAP.cliName())) {
                    throw new IllegalArgumentException(describe("aes-gcm") + ": aes-gcm runs with mode=" + SweepParam.RECORD_MODE
                            + " and buffer=heap only (one sealed record per chunk, in arrays)");
                }
                aad = Fixture.aad();
                // Encrypt seals the fixture data; decrypt opens record 0 of it, sealed here by SunJCE.
                in = ByteBuffer.wrap(direction == Direction.ENCRYPT ? Fixture.data(chunkSize)
                        : Fixture.sealed(keyBytes, chunkSize, 0));
                out = ByteBuffer.allocate(direction == Direction.ENCRYPT ? chunkSize + AeadSpec.TAG_BYTES : chunkSize);
                return;
            }
            stream = Mode.parse(mode) == Mode.STREAM;
            in = Fixture.buffer(buffer, chunkSize);
            out = Fixture.buffer(buffer, chunkSize);
            in.put(Fixture.data(chunkSize)).clear();
            counter = Fixture.iv();
            blocksPerChunk = chunkSize / CounterBlock.SIZE;
        }

        String describe(String what) {
            return what + " (cipher=" + cipher + ", chunkSize=" + chunkSize + ", mode=" + mode + ", buffer=" + buffer
                    + ", keyBits=" + keyBits + ", op=" + op + ")";
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

        /**
         * Runs {@link Fixture#VERIFY_CHUNKS} steps exactly as the benchmark does and compares them with SunJCE: the
         * AES-CTR output of the whole stream, or each sealed record (records 0, 1, 2) or opened plaintext.
         */
        void verify(String what, StepFunction step) throws GeneralSecurityException {
            int each = out.capacity();
            byte[] got = new byte[Fixture.VERIFY_CHUNKS * each];
            for (int i = 0; i < Fixture.VERIFY_CHUNKS; i++) {
                Object sink = step.step();
                out.clear().get(got, i * each, each);
                if (sink == null) {
                    throw new IllegalStateException(describe(what) + ": step returned nothing");
                }
            }
            if (gcm) {
                Fixture.compareRecords(describe(what), direction, keyBytes, chunkSize, got);
            } else {
                Fixture.compare(describe(what), direction, keyBytes, chunkSize, got);
            }
        }

        /** The argument of {@link AeadSpec}: the fixture's IV, or for a throwaway warm-up cipher another one. */
        AeadSpec aeadSpec(AesKey key, boolean warmUp) {
            byte[] iv = Fixture.gcmIv();
            if (warmUp) {
                iv[0] ^= 1; // so that the warm-up cipher and the timed one never share a nonce under one key
            }
            return new AeadSpec(key, iv, aad.length);
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

        /** cipher=aes-gcm: the records, opened instead of {@link #cipher}. */
        SealedRecords records;

        @Setup(Level.Trial)
        public void open() throws GeneralSecurityException {
            prepare();
            inArray = in.hasArray() ? in.array() : null;
            outArray = out.hasArray() ? out.array() : null;
            AesKey key = AesKey.ofBytes(keyBytes);
            if (gcm) {
                try {
                    warmJitSealed(key);
                    records = Backends.openAead(backend, aeadSpec(key, false));
                } finally {
                    key.destroy();
                }
                verify("backend " + backend, this::step);
                return;
            }
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

        /** As {@link #warmJit} for sealed records: a throwaway instance with its own IV, sealing or opening small records. */
        private void warmJitSealed(AesKey key) {
            int n = warmSlice();
            byte[] sealed = new byte[n + AeadSpec.TAG_BYTES];
            byte[] plain = new byte[n];
            try (SealedRecords warm = Backends.openAead(backend, aeadSpec(key, true))) {
                warm.seal(0, aad, inArray, 0, n, sealed, 0);
                for (int i = 1; i < JIT_WARM_CALLS; i++) {
                    if (direction == Direction.ENCRYPT) {
                        warm.seal(i, aad, plain, 0, n, sealed, 0);
                    } else {
                        warm.open(0, aad, sealed, 0, sealed.length, plain, 0);
                    }
                }
            }
        }

        /** A backend or a control of the decomposition ({@link Variants}). */
        static ChunkedCipher openVariant(String variant, CipherSpec spec) {
            return Variants.open(variant, spec);
        }

        Object step() {
            if (gcm) {
                if (direction == Direction.ENCRYPT) {
                    records.seal(record++, aad, inArray, 0, chunkSize, outArray, 0);
                } else {
                    records.open(0, aad, inArray, 0, chunkSize + AeadSpec.TAG_BYTES, outArray, 0);
                }
                return outArray;
            }
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
            if (records != null) {
                records.close();
            }
            wipe();
        }
    }

    /** SunJCE without ChunkedCipher: what an application would write by hand. */
    @State(Scope.Thread)
    public static class Direct extends Common {
        static final String GCM = "AES/GCM/NoPadding";
        static final int TAG_BITS = AeadSpec.TAG_BYTES * 8;
        Cipher cipher;
        /** cipher=aes-gcm: the IV records' nonces derive from, and the nonce of the record at hand. */
        byte[] iv;
        final byte[] nonce = new byte[AeadSpec.IV_BYTES];
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
            if (gcm) {
                iv = Fixture.gcmIv();
                cipher = Cipher.getInstance(GCM, Fixture.sunJce());
                warmJitSealed();
                verify("baseline (SunJCE AES/GCM/NoPadding)", this::step);
                return;
            }
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

        /** As {@link #warmJit} for GCM, with another IV than the timed records' (a nonce is never used twice under one key). */
        private void warmJitSealed() throws GeneralSecurityException {
            Cipher warm = Cipher.getInstance(GCM, Fixture.sunJce());
            byte[] warmIv = Fixture.gcmIv();
            warmIv[0] ^= 1;
            int n = warmSlice();
            byte[] sealed = new byte[n + AeadSpec.TAG_BYTES];
            byte[] plain = new byte[n];
            for (int i = 0; i < JIT_WARM_CALLS; i++) {
                AeadSpec.nonce(warmIv, direction == Direction.ENCRYPT ? i : 0, nonce);
                boolean sealing = direction == Direction.ENCRYPT || i == 0;
                warm.init(sealing ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                warm.updateAAD(aad);
                if (sealing) {
                    warm.doFinal(plain, 0, n, sealed, 0);
                } else {
                    warm.doFinal(sealed, 0, sealed.length, plain, 0);
                }
            }
        }

        Object step() throws GeneralSecurityException {
            if (gcm) {
                // By hand as an application would: the record's nonce, a fresh init, the associated data, doFinal.
                boolean sealing = opmode == Cipher.ENCRYPT_MODE;
                AeadSpec.nonce(iv, sealing ? record++ : 0, nonce);
                cipher.init(opmode, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(aad);
                cipher.doFinal(inArray, 0, sealing ? chunkSize : chunkSize + AeadSpec.TAG_BYTES, outArray, 0);
                return outArray;
            }
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
