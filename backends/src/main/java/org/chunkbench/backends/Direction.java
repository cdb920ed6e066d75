package org.chunkbench.backends;

/** Which way a cipher runs. In CTR both directions compute the same keystream XOR, but every backend is
 * still opened in the direction asked for, so a backend that got it wrong would be caught by the tests. */
public enum Direction {
    ENCRYPT("encrypt"),
    DECRYPT("decrypt");

    private final String cliName;

    Direction(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Direction parse(String s) {
        for (Direction d : values()) {
            if (d.cliName.equalsIgnoreCase(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + s + "'; allowed: encrypt, decrypt");
    }
}
