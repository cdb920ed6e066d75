package org.chunkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every value a help page documents is accepted, and the help lists only what is accepted (issue 10): options
 * with a fixed set of values take them from the code (picocli completion candidates, printed with
 * ${COMPLETION-CANDIDATES}); this walks every subcommand's help and tries each value, running the command where
 * that is cheap (run --dry-run, export of the compare fixture).
 */
class DocumentedValuesTest {
    /** Arguments that make each command run cheaply, to which one option and its value are added. */
    static final Map<String, List<String>> CHEAP = Map.of(
            "run", List.of("--dry-run", "--backends", "sunjce"),
            "export", List.of(org.chunkbench.compare.Fixtures.fixture().toString(), "--format", "github-action-benchmark",
                    "--only", "bigger"));

    static CommandLine root() {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(new StringWriter()));
        return cmd;
    }

    @Test
    void everyDocumentedValueOfEverySubcommandIsAccepted() {
        List<String> tried = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : root().getSubcommands().entrySet()) {
            String name = e.getKey();
            String help = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertFalse(help.contains("[picocli WARN]"), name + " help: " + help);
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                String description = String.join(" ", o.description());
                if (o.completionCandidates() == null) {
                    // a list of choices in prose would be a second, unchecked copy of them
                    if (description.contains(" or both")) {
                        wrong.add(name + " " + o.longestName() + " lists values in prose: " + description);
                    }
                    continue;
                }
                for (String v : o.completionCandidates()) {
                    if (!help.contains(v)) {
                        wrong.add(name + " help does not show " + o.longestName() + " " + v);
                    }
                    List<String> args = new ArrayList<>();
                    args.add(name);
                    List<String> base = new ArrayList<>(CHEAP.getOrDefault(name, List.of()));
                    int given = base.indexOf(o.longestName());
                    if (given >= 0) {
                        // the option under test replaces the cheap default for it
                        base.subList(given, given + 2).clear();
                    }
                    args.addAll(base);
                    args.add(o.longestName() + "=" + v);
                    if (CHEAP.containsKey(name)) {
                        CliTest.Result r = CliTest.run(args.toArray(new String[0]));
                        if (r.status() != 0) {
                            wrong.add(String.join(" ", args) + " -> " + r.status() + ": " + r.err().strip());
                        }
                    } else {
                        try {
                            root().parseArgs(args.toArray(new String[0]));
                        } catch (CommandLine.ParameterException ex) {
                            if (!(ex instanceof CommandLine.MissingParameterException)) {
                                wrong.add(String.join(" ", args) + " -> " + ex.getMessage());
                            }
                        }
                    }
                    tried.add(name + " " + o.longestName() + "=" + v);
                }
            }
        }
        System.out.println("tried " + tried.size() + " documented values: " + tried);
        assertEquals(List.of(), wrong);
        for (String must : new String[] {"run --modes=both", "run --buffers=both", "run --ops=both", "run --key-bits=256",
            "export --only=smaller", "export --format=github-action-benchmark", "encrypt --mode=per-chunk-iv",
            "decrypt --mode=stream"}) {
            assertTrue(tried.contains(must), "the walk did not reach " + must + ": " + tried);
        }
    }

    @Test
    void bothStandsForEveryValueAndCountsOnce() {
        // (sunjce + baseline) x 8 chunk sizes x 2 of each "both"
        CliTest.Result r = CliTest.run("run", "--dry-run", "--backends", "sunjce", "--modes", "both");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(" 32 trials"), r.out());
        r = CliTest.run("run", "--dry-run", "--backends", "sunjce", "--modes", "stream,both", "--buffers", "both", "--ops", "BOTH");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(" 128 trials"), r.out());
        r = CliTest.run("run", "--dry-run", "--backends", "sunjce", "--modes", "ecb");
        CliTest.assertUsageError(r, "--modes ecb is not allowed", "stream, per-chunk-iv, both");
        r = CliTest.run("run", "--dry-run", "--backends", "sunjce", "--key-bits", "both");
        assertEquals(Main.EXIT_USAGE, r.status(), "both means nothing for key sizes: " + r.err());
    }
}
