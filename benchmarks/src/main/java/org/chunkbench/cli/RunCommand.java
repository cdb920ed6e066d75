package org.chunkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import org.chunkbench.bench.Preset;
import org.chunkbench.bench.RunPipeline;
import org.chunkbench.bench.Sweep;
import org.chunkbench.report.Report;
import org.chunkbench.results.SweepParam;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", sortOptions = false,
        description = {"Measure every available backend across chunk sizes with JMH and write a results folder: jmh.json, "
            + "env.json, gnuplot data, charts and REPORT.md.",
            "Presets: --quick (default; stream mode, heap buffers, AES-128 encrypt, all 8 chunk sizes, about 3-4 minutes "
                + "on 2 cores), --full (both modes, both buffer kinds, both directions; about 2 hours, printed before it "
                + "starts), --smoke (two chunk sizes, very short iterations, for CI).",
            "Backends that cannot run here are left out before JMH starts, each with its reason (printed and kept in "
                + "env.json and REPORT.md)."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    static final class PresetChoice {
        @Option(names = "--quick", description = "The default: a few minutes, every available backend, stream mode.")
        boolean quick;

        @Option(names = "--full", description = "Every chunk size, mode, buffer kind and direction; 2 forks of 5 x 1 s each.")
        boolean full;

        @Option(names = "--smoke", description = "One fork, very short iterations, chunk sizes 64 and 4096: checks the sweep works.")
        boolean smoke;

        Preset preset() {
            return full ? Preset.FULL : smoke ? Preset.SMOKE : Preset.QUICK;
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PresetChoice presetChoice;

    @Option(names = SweepParam.Options.BACKENDS, paramLabel = "LIST",
            description = "Backend variants, comma-separated (commas inside [...] belong to the variant), for example "
                + "sunjce,openssl,kernel[io=splice]; a control's name (none, syscall[binding=ffm], openssl-null, ...) times that control alone. "
                + "Default: every registered backend that is available.")
    List<String> backends;

    @Option(names = SweepParam.Options.CHUNKS, paramLabel = "LIST", split = ",",
            description = "Chunk sizes in bytes, multiples of 16; k and m suffixes mean KiB and MiB (16,4k,1m).")
    List<String> chunks;

    // The values in the help are the params' own choices (SweepParam.choices), so help and parser cannot disagree.
    @Option(names = SweepParam.Options.MODES, paramLabel = "LIST", split = ",", completionCandidates = Choices.SweepModes.class,
            description = "Modes, comma-separated: ${COMPLETION-CANDIDATES} (both: stream and per-chunk-iv).")
    List<String> modes;

    @Option(names = SweepParam.Options.BUFFERS, paramLabel = "LIST", split = ",", completionCandidates = Choices.Buffers.class,
            description = "Buffer kinds, comma-separated: ${COMPLETION-CANDIDATES} (both: heap and direct).")
    List<String> buffers;

    @Option(names = SweepParam.Options.OPS, paramLabel = "LIST", split = ",", completionCandidates = Choices.Ops.class,
            description = "Directions, comma-separated: ${COMPLETION-CANDIDATES} (both: encrypt and decrypt).")
    List<String> ops;

    @Option(names = SweepParam.Options.KEY_BITS, paramLabel = "LIST", split = ",", completionCandidates = Choices.KeyBits.class,
            description = "AES key sizes in bits, comma-separated: ${COMPLETION-CANDIDATES}.")
    List<Integer> keyBits;

    @Option(names = SweepParam.Options.CIPHERS, paramLabel = "LIST", split = ",", completionCandidates = Choices.SweepCiphers.class,
            description = "Ciphers, comma-separated: ${COMPLETION-CANDIDATES} (both: aes-ctr and aes-gcm). Default: aes-ctr; "
                + "--full adds aes-gcm. With aes-gcm every chunk is one sealed record (mode=record, heap buffers; "
                + "--modes and --buffers apply to aes-ctr).")
    List<String> ciphers;

    @Option(names = "--threads", paramLabel = "LIST", split = ",",
            description = "Thread counts to sweep, for example 1,2,4: each thread has its own cipher, each count is one JMH "
                + "run (default 1). More than one count adds the scaling chart.")
    List<Integer> threads;

    @Option(names = "--controls", negatable = true, description = "Time the decomposition's controls (call, copy, syscall, "
            + "null ciphers; docs/decomposition.md) beside the backends. Default: on with --full, off otherwise.")
    Boolean controls;

    @Option(names = "--no-baseline", description = "Leave out the baseline (SunJCE Cipher.update without ChunkedCipher).")
    boolean noBaseline;

    @Option(names = "--jmh", paramLabel = "OPTIONS",
            description = "Raw JMH options, one string, for example \"-prof gc\" or \"-f 3 -i 10\". They win over the preset's "
                + "timings; \"-h\" lists them.")
    String jmh;

    @Option(names = "--inherit-java-options",
            description = "Let the benchmark forks inherit JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS and _JAVA_OPTIONS, and "
                + "env.json, jmh.json and jmh.log record them. Without it a run refuses to start while one is set.")
    boolean inheritJavaOptions;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder to create (default: results/<UTC time>-<host>).")
    Path out;

    @Option(names = "--relative-to", paramLabel = "BACKEND", defaultValue = Report.DEFAULT_REFERENCE,
            description = "Reference backend of the relative chart and the ratio columns (default: ${DEFAULT-VALUE}).")
    String relativeTo;

    @Option(names = "--dry-run", description = "Print the plan and its estimated duration; run nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        List<String> rawJmh = jmh == null ? List.of() : tokenize(jmh);
        if (RunPipeline.jmhHelp(rawJmh, console)) {
            return 0;
        }
        if (!inheritJavaOptions) {
            refuseJavaOptions(System::getenv);
        }
        RunPipeline.Config config = new RunPipeline.Config();
        Sweep.Request req = config.request;
        req.preset = presetChoice == null ? Preset.QUICK : presetChoice.preset();
        req.controls = controls;
        req.backends = backends == null ? null : splitVariants(backends);
        req.chunks = chunks == null ? null : chunks.stream().map(RunCommand::parseSize).toList();
        req.modes = modes;
        req.buffers = buffers;
        req.ops = ops;
        req.keyBits = keyBits;
        req.ciphers = ciphers;
        req.threads = threads;
        req.baseline = !noBaseline;
        req.jmhArgs = rawJmh;
        config.out = out;
        config.relativeTo = relativeTo;
        config.dryRun = dryRun;
        // originalArgs() starts with "run": the parse result sees the whole command line.
        config.command = dir -> "chunkbench" + (spec.commandLine().getParseResult() == null ? " run"
                : " " + String.join(" ", recordedArgs(spec.commandLine().getParseResult().originalArgs(), dir)));
        return new RunPipeline(config, console, spec.commandLine().getErr()).run() ? 0 : Main.EXIT_FAILURE;
    }

    /**
     * The variables through which the environment gives a JVM options: the java launcher reads JDK_JAVA_OPTIONS, the
     * JVM itself the other two. JMH forks inherit the environment, and take this JVM's input arguments (which hold
     * what the variables added) as their command line, so a token in one would be on every fork's command line and in
     * env.json, jmh.json and jmh.log. Dropping them silently could change what is measured (-XX:-UseAESIntrinsics,
     * an agent), and this JVM has applied them already, so the run refuses and the user chooses.
     */
    static final List<String> JAVA_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    static void refuseJavaOptions(UnaryOperator<String> environment) {
        List<String> removed = List.of(Launcher.said(Launcher.JAVA_OPTIONS_REMOVED, environment).orElse("").split(","));
        List<String> set = JAVA_OPTION_VARIABLES.stream()
                .filter(v -> removed.contains(v) || environment.apply(v) != null && !environment.apply(v).isBlank()).toList();
        if (set.isEmpty()) {
            return;
        }
        String names = set.size() == 1 ? set.get(0)
                : String.join(", ", set.subList(0, set.size() - 1)) + " and " + set.get(set.size() - 1);
        throw new Main.UsageException(names + (set.size() == 1 ? " is" : " are") + " set in the environment; run does not "
                + "pass " + (set.size() == 1 ? "it" : "them") + " to the benchmark forks or into the results: unset "
                + (set.size() == 1 ? "it" : "them") + " (env -u " + String.join(" -u ", set) + " ./chunkbench run ...), "
                + "give fork JVM options with --jmh \"-jvmArgsAppend ...\", or pass " + (set.size() == 1 ? "it" : "them")
                + " on with --inherit-java-options");
    }

    /**
     * The command line as env.json records it: {@code --out}'s value becomes the results folder's own name, since a
     * path (/tmp/..., a home directory) is of the machine that ran it only (issue 21). Picocli takes an option's value
     * as the next argument or after {@code =}, and refuses an option name as a value, so every {@code --out} here is
     * the option.
     */
    static List<String> recordedArgs(List<String> args, Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        String folder = name == null ? dir.toString() : name.toString();
        List<String> recorded = new ArrayList<>(args);
        for (int i = 0; i < recorded.size(); i++) {
            if (recorded.get(i).equals("--out") && i + 1 < recorded.size()) {
                recorded.set(++i, folder);
            } else if (recorded.get(i).startsWith("--out=")) {
                recorded.set(i, "--out=" + folder);
            }
        }
        return recorded;
    }

    /** Splits on whitespace; single or double quotes keep a value with spaces together. */
    static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw new Main.UsageException("--jmh: unbalanced quote in: " + s);
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Comma-separated variants, where commas inside brackets belong to the variant: a,kernel[x=1,y=2],b. */
    static List<String> splitVariants(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            int depth = 0;
            StringBuilder cur = new StringBuilder();
            for (char c : v.toCharArray()) {
                if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                }
                if (c == ',' && depth == 0) {
                    add(out, cur);
                } else {
                    cur.append(c);
                }
            }
            if (depth != 0) {
                throw new Main.UsageException(SweepParam.Options.BACKENDS + " " + v + ": unbalanced brackets");
            }
            add(out, cur);
        }
        if (out.isEmpty()) {
            throw new Main.UsageException(SweepParam.Options.BACKENDS + " is empty");
        }
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    /** 4096, 4k, 64K, 1m. */
    static int parseSize(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        int mult = 1;
        if (t.endsWith("k")) {
            mult = 1024;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            mult = 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Integer.parseInt(t), mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Main.UsageException(SweepParam.Options.CHUNKS + ": '" + s + "' is not a size; use bytes, or k/m for KiB/MiB (4096, 4k, 1m)");
        }
    }
}
