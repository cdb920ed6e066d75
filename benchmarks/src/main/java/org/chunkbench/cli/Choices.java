package org.chunkbench.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

import org.chunkbench.backends.Mode;
import org.chunkbench.compare.GithubActionBenchmark;
import org.chunkbench.results.SweepParam;

/**
 * An option's values for picocli ({@code completionCandidates}, {@code ${COMPLETION-CANDIDATES}} in the help), taken
 * from where the parser takes them, so the help and the parser cannot disagree. Picocli names a class and makes it
 * itself, so each option's list is a subclass here of one line.
 */
abstract class Choices implements Iterable<String> {
    private final Supplier<List<String>> values;

    Choices(Supplier<List<String>> values) {
        this.values = values;
    }

    @Override
    public final Iterator<String> iterator() {
        return values.get().iterator();
    }

    /** run --modes: {@link SweepParam#MODE}'s choices. */
    static final class SweepModes extends Choices {
        SweepModes() {
            super(SweepParam.MODE::choices);
        }
    }

    /** run --ciphers: {@link SweepParam#CIPHER}'s choices. */
    static final class SweepCiphers extends Choices {
        SweepCiphers() {
            super(SweepParam.CIPHER::choices);
        }
    }

    /** encrypt/decrypt --cipher: aes-ctr or aes-gcm. */
    static final class Ciphers extends Choices {
        Ciphers() {
            super(() -> CryptCommand.CIPHERS);
        }
    }

    /** run --buffers. */
    static final class Buffers extends Choices {
        Buffers() {
            super(SweepParam.BUFFER::choices);
        }
    }

    /** run --ops. */
    static final class Ops extends Choices {
        Ops() {
            super(SweepParam.OP::choices);
        }
    }

    /** run --key-bits. */
    static final class KeyBits extends Choices {
        KeyBits() {
            super(SweepParam.KEY_BITS::choices);
        }
    }

    /** crypt --mode: the modes as {@link Mode} spells them. */
    static final class CipherModes extends Choices {
        CipherModes() {
            super(() -> Arrays.stream(Mode.values()).map(Mode::cliName).toList());
        }
    }

    /** export --format. */
    static final class ExportFormats extends Choices {
        ExportFormats() {
            super(() -> List.of(GithubActionBenchmark.FORMAT));
        }
    }

    /** export --only. */
    static final class ExportDirections extends Choices {
        ExportDirections() {
            super(() -> List.of("bigger", "smaller"));
        }
    }
}
