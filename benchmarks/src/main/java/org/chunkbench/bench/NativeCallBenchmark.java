package org.chunkbench.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.chunkbench.backends.Backends;
import org.chunkbench.backends.Binding;
import org.chunkbench.backends.openssl.OpenSslBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bare cost of one native call through each binding: libcrypto's {@code OpenSSL_version_num}, which only
 * returns a constant, called through JNA direct mapping, an ordinary FFM downcall and a critical FFM downcall
 * (the kind {@code EVP_CipherUpdate} uses). {@code java} is a plain Java method returning a constant, the floor
 * of the measurement. Not part of {@code chunkbench run}; run it with
 * {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main NativeCallBenchmark} on JDK 22+ (the FFM
 * rows fail with the reason below that). See docs/ffm.md for the measured numbers.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class NativeCallBenchmark {
    /** jna, ffm (ordinary downcall), ffm-critical, or java (no native call). */
    @Param({"java", "jna", "ffm", "ffm-critical"})
    public String call;

    private LongSupplier target;

    @Setup
    public void setUp() {
        OpenSslBackend openssl = (OpenSslBackend) Backends.get("openssl");
        target = switch (call) {
            case "java" -> new Constant(0x30000000L);
            case "jna" -> openssl.noOpCall(Binding.JNA, false);
            case "ffm" -> openssl.noOpCall(Binding.FFM, false);
            case "ffm-critical" -> openssl.noOpCall(Binding.FFM, true);
            default -> throw new IllegalArgumentException("call=" + call + ": one of java, jna, ffm, ffm-critical");
        };
    }

    @Benchmark
    public long noOpCall() {
        return target.getAsLong();
    }

    /** A non-final field so the JIT cannot fold the result into a constant (jmh-samples 10). */
    private static final class Constant implements LongSupplier {
        private long value;

        Constant(long value) {
            this.value = value;
        }

        @Override
        public long getAsLong() {
            return value;
        }
    }
}
