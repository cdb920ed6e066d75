package org.chunkbench.results;

import java.util.function.UnaryOperator;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.BufferKind;
import org.chunkbench.backends.ChunkSize;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;

/**
 * The sweep's vocabulary: every {@code @Param} of the benchmark, with the name JMH writes into jmh.json (which
 * must equal the benchmark's field name; a test checks it), the {@code run} option that sets it, the value a
 * result without it is read as, and the check that turns a user's value into the canonical one or refuses it.
 */
public enum SweepParam {
    BACKEND("backend", "--backends", null, v -> v),
    CHUNK_SIZE("chunkSize", "--chunks", null, v -> String.valueOf(ChunkSize.check("chunk size", parseInt("chunk size", v)))),
    MODE("mode", "--modes", Mode.STREAM.cliName(), v -> Mode.parse(v).cliName()),
    BUFFER("buffer", "--buffers", BufferKind.HEAP.cliName(), v -> BufferKind.parse(v).cliName()),
    KEY_BITS("keyBits", "--key-bits", "128", v -> String.valueOf(AesKey.checkBits(parseInt("key size", v)))),
    OP("op", "--ops", Direction.ENCRYPT.cliName(), v -> Direction.parse(v).cliName());

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

    private static int parseInt(String what, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + v + "' is not a number");
        }
    }
}
