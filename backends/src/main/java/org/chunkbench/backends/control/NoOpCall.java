package org.chunkbench.backends.control;

/**
 * One native call that does nothing but return, through one binding: the binding's cost per call, measured by
 * the {@code call[binding=...]} control and by {@code NativeCallBenchmark}, which use this one mechanism. The call
 * is libc's {@code abs}: libc is in every process, so the floor can be measured where libcrypto is missing, and
 * {@code abs(x)} depends on its argument, so the caller can check (and sink) a result that proves the call reached
 * native code and that the JIT cannot fold into a constant, as it could a function that returns one
 * ({@code OpenSSL_version_num}, which {@code NativeCallBenchmark} called before).
 *
 * <p><b>Adding a binding.</b> {@link NoOpCalls#forBinding} maps a binding name to an implementation. The FFM one
 * belongs in the JDK 22 source set, as a public class {@value NoOpCalls#FFM_CLASS} with a public no-argument
 * constructor that binds {@code abs} once (a downcall handle, no allocation per call); {@code NoOpCalls} loads
 * it by name on JDK 22 or newer, so JDK 17 never sees the class.
 */
public interface NoOpCall {
    /** The binding as spelled in results: {@code jna}, {@code ffm}. */
    String binding();

    /** {@code abs(x)} in native code. */
    int call(int x);

    /**
     * The same call without the binding's shortcuts: an ordinary FFM downcall (with the thread-state transition)
     * where {@link #call} is a critical one; JNA has one kind of call, so there it is {@code this}.
     */
    NoOpCall ordinary();
}
