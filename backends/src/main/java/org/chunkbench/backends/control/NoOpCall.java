package org.chunkbench.backends.control;

/**
 * One native call that does nothing but return, through one binding: the binding's cost per call, measured by
 * the {@code call[binding=...]} control. {@link #call} returns {@code |x|} computed by a C library function, so
 * the result proves the call reached native code and can be checked (and sunk) by the caller.
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
}
