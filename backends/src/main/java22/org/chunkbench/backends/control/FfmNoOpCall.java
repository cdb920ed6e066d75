package org.chunkbench.backends.control;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * libc's {@code abs} as an FFM downcall handle, bound once: the FFM per-call floor of {@code call[binding=ffm]}.
 * It is a critical downcall ({@code Linker.Option.critical(false)}), the kind {@code openssl[binding=ffm]} uses for
 * {@code EVP_CipherUpdate}, with a primitive argument and result, so a call allocates nothing and makes no
 * thread-state transition. (The kernel backend's FFM calls are ordinary downcalls that capture errno, which costs
 * a few ns more per call; this floor is the openssl one.) Loaded by name from {@link NoOpCalls} on JDK 22+ only.
 */
public final class FfmNoOpCall implements NoOpCall {
    private static final MethodHandle ABS;

    static {
        Linker linker = Linker.nativeLinker();
        ABS = linker.downcallHandle(
                linker.defaultLookup().find("abs").orElseThrow(() -> new IllegalStateException("libc has no abs")),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT), Linker.Option.critical(false));
    }

    public FfmNoOpCall() {
    }

    @Override
    public String binding() {
        return "ffm";
    }

    @Override
    public int call(int x) {
        try {
            return (int) ABS.invokeExact(x);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("abs downcall threw " + t, t);
        }
    }
}
