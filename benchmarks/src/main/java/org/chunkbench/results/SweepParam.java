package org.chunkbench.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.BufferKind;
import org.chunkbench.backends.ChunkSize;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;

/**
 * The sweep's vocabulary: every {@code @Param} of the benchmark, with the name JMH writes into jmh.json (which
 * must equal the benchmark's field name; a test checks it), the {@code run} option that sets it, the value a
 * result without it is read as, and the check that turns a user's value into the canonical one or refuses it.
 */
public enum SweepParam {
    BACKEND("backend", Options.BACKENDS, null, v -> v),
    CHUNK_SIZE("chunkSize", Options.CHUNKS, null, v -> String.valueOf(ChunkSize.check("chunk size", parseInt("chunk size", v)))),
    MODE("mode", Options.MODES, Mode.STREAM.cliName(), v -> Mode.parse(v).cliName()),
    BUFFER("buffer", Options.BUFFERS, BufferKind.HEAP.cliName(), v -> BufferKind.parse(v).cliName()),
    KEY_BITS("keyBits", Options.KEY_BITS, "128", v -> String.valueOf(AesKey.checkBits(parseInt("key size", v)))),
    OP("op", Options.OPS, Direction.ENCRYPT.cliName(), v -> Direction.parse(v).cliName()),
    /** Added with AES-GCM (issue 22): a result from before it ran AES-CTR. */
    CIPHER("cipher", Options.CIPHERS, CipherSpec.CIPHER, SweepParam::checkCipher);

    /**
     * The {@code mode} of an {@code aes-gcm} row: every chunk is one sealed record with its own nonce, so CTR's
     * stream and per-chunk-iv do not apply. Never a value of {@code run --modes}.
     */
    public static final String RECORD_MODE = "record";

    /** The {@code run} options, as constants so that picocli's annotations can name them. */
    public static final class Options {
        public static final String BACKENDS = "--backends";
        public static final String CHUNKS = "--chunks";
        public static final String MODES = "--modes";
        public static final String BUFFERS = "--buffers";
        public static final String KEY_BITS = "--key-bits";
        public static final String OPS = "--ops";
        public static final String CIPHERS = "--ciphers";

        private Options() {
        }
    }

    private final String jmhName;
    private final String option;
    private final String absentValue;
    private final UnaryOperator<String> check;

    SweepParam(String jmhName, String option, String absentValue, UnaryOperator<String> check) {
        this.jmhName = jmhName;
        this.option = option;
        this.absentValue = absentValue;
        this.check = check;
    }

    /** The field name in the benchmark and the key in jmh.json's {@code params}. */
    public String jmhName() {
        return jmhName;
    }

    /** The {@code chunkbench run} option that lists its values. */
    public String option() {
        return option;
    }

    /** What a result that lacks this param ran with (the benchmark's only value at the time); null: required. */
    public String absentValue() {
        return absentValue;
    }

    /** The canonical spelling of {@code value}; IllegalArgumentException with a one-line reason if it is not allowed. */
    public String check(String value) {
        return check.apply(value);
    }

    /** What {@code both} stands for in a list of this param's values; empty when it means nothing here. */
    public List<String> both() {
        return switch (this) {
            case MODE -> Arrays.stream(Mode.values()).map(Mode::cliName).toList();
            case BUFFER -> Arrays.stream(BufferKind.values()).map(BufferKind::cliName).toList();
            case OP -> Arrays.stream(Direction.values()).map(Direction::cliName).toList();
            case CIPHER -> CipherSpec.CIPHERS;
            default -> List.of();
        };
    }

    /**
     * Every value its {@code run} option accepts and documents (its help lists exactly these); empty when the values
     * are open (backend variants, chunk sizes).
     */
    public List<String> choices() {
        if (this == KEY_BITS) {
            return List.of("128", "192", "256");
        }
        List<String> c = new ArrayList<>(both());
        if (!c.isEmpty()) {
            c.add(BOTH);
        }
        return List.copyOf(c);
    }

    /** A value of the run option, canonical, with {@code both} spelled out; IllegalArgumentException naming the choices. */
    public List<String> expand(String value) {
        if (value.strip().equalsIgnoreCase(BOTH) && !both().isEmpty()) {
            return both();
        }
        try {
            return List.of(check(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(choices().isEmpty() ? e.getMessage()
                    : option + " " + value.strip() + " is not allowed; use " + String.join(", ", choices()));
        }
    }

    public static final String BOTH = "both";

    private static String checkCipher(String v) {
        String c = v.strip().toLowerCase(java.util.Locale.ROOT);
        if (!CipherSpec.CIPHERS.contains(c)) {
            throw new IllegalArgumentException("cipher '" + v.strip() + "' is not allowed; use " + String.join(", ", CipherSpec.CIPHERS));
        }
        return c;
    }

    private static int parseInt(String what, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + v + "' is not a number");
        }
    }
}
