package org.chunkbench.backends.control;

import org.chunkbench.backends.Availability;

/** The {@link NoOpCall} of each binding; see {@link NoOpCall} for how a binding is added. */
public final class NoOpCalls {
    /** Where the FFM no-op call is expected once the JDK 22 source set provides it. */
    public static final String FFM_CLASS = "org.chunkbench.backends.control.FfmNoOpCall";

    private NoOpCalls() {
    }

    /** Whether {@code binding} can make the call here, and if not why. */
    public static Availability availability(String binding) {
        try {
            forBinding(binding);
            return Availability.yes();
        } catch (IllegalStateException e) {
            return Availability.no(e.getMessage());
        }
    }

    /** The call of that binding; {@link IllegalStateException} with the reason when it cannot run here. */
    public static NoOpCall forBinding(String binding) {
        switch (binding) {
            case "jna" -> {
                String error;
                try {
                    error = JnaNoOpCall.LOAD_ERROR;
                } catch (LinkageError e) {
                    error = "JNA could not load: " + e;
                }
                if (error != null) {
                    throw new IllegalStateException(error);
                }
                return new JnaNoOpCall();
            }
            case "ffm" -> {
                if (Runtime.version().feature() < 22) {
                    throw new IllegalStateException("binding=ffm needs JDK 22 or newer (this is JDK "
                            + Runtime.version().feature() + ")");
                }
                try {
                    return (NoOpCall) Class.forName(FFM_CLASS).getConstructor().newInstance();
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("binding=ffm: this build has no FFM no-op call (" + FFM_CLASS + ")");
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new IllegalStateException("binding=ffm: " + FFM_CLASS + " could not be created: " + e);
                }
            }
            default -> throw new IllegalArgumentException("binding '" + binding + "' is unknown; allowed: jna, ffm");
        }
    }
}
