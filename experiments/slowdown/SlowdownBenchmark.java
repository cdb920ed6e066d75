package org.chunkbench.experiments;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The injected-slowdown proof for {@code chunkbench compare} (docs/compare.md): one chunk per operation through
 * a backend, timed like the quick preset (1 fork, 2 x 500 ms warmup, 6 x 300 ms). With {@code -Dslowdown.every=10}
 * every tenth operation also pushes one extra chunk through a second cipher of the same backend: 10% more work
 * (throughput x 1/1.1, -9.1%), and the measured cipher's own output is untouched.
 *
 * <p>The knob is a system property on purpose, the very thing a real benchmark must not do: a regression does not
 * announce itself in the params, so the slowed run's rows must carry the same names and params as the plain run's.
 * It lives outside the Maven build so that no test classpath ever sees its BenchmarkList; see run.sh.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 6, time = 300, timeUnit = TimeUnit.MILLISECONDS)
public class SlowdownBenchmark {
    @Param({"sunjce", "bc-lightweight", "openssl"})
    public String backend;

    @Param({"16", "64", "256", "1024", "4096", "16384", "65536", "1048576"})
    public int chunkSize;

    ChunkedCipher cipher;
    ChunkedCipher extra;
    ByteBuffer in;
    ByteBuffer out;
    ByteBuffer extraOut;
    int every;
    int count;

    @Setup(Level.Trial)
    public void open() {
        every = Integer.getInteger("slowdown.every", 0);
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        AesKey k = AesKey.ofBytes(key);
        try {
            cipher = Backends.open(backend, CipherSpec.stream(Direction.ENCRYPT, k, iv));
            extra = Backends.open(backend, CipherSpec.stream(Direction.ENCRYPT, k, iv));
        } finally {
            k.destroy();
        }
        in = ByteBuffer.allocate(chunkSize);
        out = ByteBuffer.allocate(chunkSize);
        extraOut = ByteBuffer.allocate(chunkSize);
    }

    @Benchmark
    public ByteBuffer chunked() {
        cipher.process(in.clear(), out.clear());
        if (every > 0 && ++count == every) {
            count = 0;
            extra.process(in.clear(), extraOut.clear());
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void close() {
        cipher.close();
        extra.close();
    }
}
