package org.chunkbench.bench;

import java.util.concurrent.TimeUnit;

import org.chunkbench.backends.control.NoOpCall;
import org.chunkbench.backends.control.NoOpCalls;
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
 * The bare cost of one native call through each binding: the {@code call[binding=...]} control's call
 * ({@link NoOpCall}: libc's {@code abs}; its Javadoc says why that one), through JNA direct mapping, an ordinary
 * FFM downcall and a critical FFM downcall (the kind {@code EVP_CipherUpdate} uses). {@code java} is
 * {@link Math#abs} in Java, the floor of the measurement. Not part of {@code chunkbench run}; run it with
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

    private NoOpCall target;
    /** Not final, so the JIT cannot fold the argument, nor so the result, into a constant (jmh-samples 10). */
    private int x = -0x30000000;

    @Setup
    public void setUp() {
        target = switch (call) {
            case "java" -> new JavaAbs();
            case "jna" -> NoOpCalls.forBinding("jna");
            case "ffm" -> NoOpCalls.forBinding("ffm").ordinary();
            case "ffm-critical" -> NoOpCalls.forBinding("ffm");
            default -> throw new IllegalArgumentException("call=" + call + ": one of java, jna, ffm, ffm-critical");
        };
    }

    @Benchmark
    public int noOpCall() {
        return target.call(x);
    }

    private static final class JavaAbs implements NoOpCall {
        @Override
        public String binding() {
            return "java";
        }

        @Override
        public int call(int v) {
            return Math.abs(v);
        }

        @Override
        public NoOpCall ordinary() {
            return this;
        }
    }
}
