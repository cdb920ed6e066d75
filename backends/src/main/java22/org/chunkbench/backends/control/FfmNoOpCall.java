package org.chunkbench.backends.control;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * libc's {@code abs} as FFM downcall handles, bound once: the FFM per-call floor of {@code call[binding=ffm]} and
 * of {@code NativeCallBenchmark}. {@link #call} is a critical downcall ({@code Linker.Option.critical(false)}), the
 * kind {@code openssl[binding=ffm]} uses for {@code EVP_CipherUpdate}, with a primitive argument and result, so a
 * call allocates nothing and makes no thread-state transition. {@link #ordinary()} is the same function as an
 * ordinary downcall, to measure what critical saves. (The kernel backend's FFM calls are ordinary downcalls that
 * also capture errno, which costs a few ns more per call; the control's floor is the openssl one.) Loaded by name
 * from {@link NoOpCalls} on JDK 22+ only.
 */
public final class FfmNoOpCall implements NoOpCall {
    private static final MethodHandle CRITICAL;
    private static final MethodHandle ORDINARY;

    static {
        Linker linker = Linker.nativeLinker();
        var abs = linker.defaultLookup().find("abs").orElseThrow(() -> new IllegalStateException("libc has no abs"));
        FunctionDescriptor d = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
        CRITICAL = linker.downcallHandle(abs, d, Linker.Option.critical(false));
        ORDINARY = linker.downcallHandle(abs, d);
    }

    public FfmNoOpCall() {
    }

    @Override
    public String binding() {
        return "ffm";
    }

    @Override
    public int call(int x) {
        return abs(CRITICAL, x);
    }

    @Override
    public NoOpCall ordinary() {
        return new Ordinary();
    }

    /** Inlined into each caller, where {@code h} is a static final handle: a constant the JIT inlines in turn. */
    private static int abs(MethodHandle h, int x) {
        try {
            return (int) h.invokeExact(x);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("abs downcall threw " + t, t);
        }
    }

    /** A class of its own so that its handle, too, is a static final constant the JIT can inline. */
    private static final class Ordinary implements NoOpCall {
        @Override
        public String binding() {
            return "ffm";
        }

        @Override
        public int call(int x) {
            return abs(ORDINARY, x);
        }

        @Override
        public NoOpCall ordinary() {
            return this;
        }
    }
}
