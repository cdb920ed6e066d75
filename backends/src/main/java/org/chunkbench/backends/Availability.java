package org.chunkbench.backends;

/** Whether a backend can run on this machine, and if not, why (one line a user can act on). */
public record Availability(boolean available, String reason) {
    public static Availability yes() {
        return new Availability(true, "");
    }

    public static Availability no(String reason) {
        return new Availability(false, reason);
    }
}
