package org.chunkbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.chunkbench.analysis.OpenSslSpeed;
import org.chunkbench.analysis.OpenSslSpeedFile;
import org.chunkbench.bench.Environment;
import org.chunkbench.bench.Preset;
import org.chunkbench.bench.ProgressFormat;
import org.chunkbench.bench.Sweep;
import org.chunkbench.report.Report;
import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.SweepParam;
import org.chunkbench.results.Visible;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.VerboseMode;

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
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

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
                + "sunjce,openssl,kernel[io=splice]; a control's name (none, syscall[binding=ffm], ...) times that control alone. "
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
        PrintWriter err = spec.commandLine().getErr();
        List<String> rawJmh = jmh == null ? List.of() : tokenize(jmh);
        if (jmhHelp(rawJmh, console)) {
            return 0;
        }
        if (!inheritJavaOptions) {
            refuseJavaOptions(System::getenv);
        }
        Sweep.Request req = new Sweep.Request();
        req.preset = presetChoice == null ? Preset.QUICK : presetChoice.preset();
        req.controls = controls;
        req.backends = backends == null ? null : splitVariants(backends);
        req.chunks = chunks == null ? null : chunks.stream().map(RunCommand::parseSize).toList();
        req.modes = modes;
        req.buffers = buffers;
        req.ops = ops;
        req.keyBits = keyBits;
        req.threads = threads;
        req.baseline = !noBaseline;
        req.jmhArgs = rawJmh;

        Sweep sweep = Sweep.plan(req, Sweep::probe);
        for (Map.Entry<String, String> u : sweep.unavailable().entrySet()) {
            console.println("left out " + Visible.text(u.getKey()) + ": " + Visible.text(u.getValue()));
        }
        if (!sweep.runsAnything()) {
            throw new Main.UsageException("nothing to run: every requested backend is unavailable and --no-baseline was given");
        }
        Instant start = Instant.now();
        String host = Environment.hostName().replaceAll("[^A-Za-z0-9.-]", "_");
        Path dir = out != null ? out : Path.of("results", STAMP.format(start) + "-" + host);
        List<Integer> threadCounts = sweep.threadCounts();
        // One JMH invocation per thread count; with several, each writes its own part and jmh.json holds them all.
        Map<Integer, Options> perThreads = new LinkedHashMap<>();
        for (Integer t : threadCounts) {
            String file = threadCounts.size() == 1 ? new ResultsFolder(dir).jmhJson().toString()
                    : new ResultsFolder(dir).dir().resolve(".jmh-threads-" + t + ".json").toString();
            perThreads.put(t, sweep.options(file, t));
        }
        Options options = perThreads.values().iterator().next();
        int total = 0;
        Duration estimate = Duration.ZERO;
        for (Options o : perThreads.values()) {
            total += Sweep.count(o);
            estimate = estimate.plus(Sweep.estimate(o));
        }
        console.printf("chunkbench run: %s preset, %d trials (%s; backends: %s%s), estimated duration %s%n",
                sweep.preset().cliName(), total, timings(options), sweep.backends().isEmpty() ? "baseline only"
                        : String.join(", ", sweep.backends()), threadCounts.size() == 1 ? ""
                        : "; threads: " + threadCounts.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")),
                Sweep.describe(estimate));
        if (dryRun) {
            console.flush();
            return 0;
        }
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new Main.UsageException("--out " + dir + " already exists and is not empty; choose a new folder");
                }
            }
        }
        Files.createDirectories(dir);
        console.println("results folder: " + Visible.of(dir));
        console.flush();

        ResultsFolder folder = new ResultsFolder(dir);
        // originalArgs() starts with "run": the parse result sees the whole command line.
        String command = "chunkbench" + (spec.commandLine().getParseResult() == null ? " run"
                : " " + String.join(" ", recordedArgs(spec.commandLine().getParseResult().originalArgs(), dir)));
        List<EnvManifest.Unavailable> unavailable = new ArrayList<>();
        sweep.unavailable().forEach((k, v) -> unavailable.add(new EnvManifest.Unavailable(k, v)));
        EnvManifest.RunInfo run = EnvManifest.RunInfo.started(command, sweep.preset().cliName(), utc(start), total,
                estimate.toSeconds(), unavailable, describe(options, rawJmh,
                perThreads.values().stream().map(o -> o.getThreads().orElse(1)).toList()));
        EnvManifest env = Environment.collect().withRun(run);
        env.write(folder.envJson());

        ProgressFormat progress;
        Collection<RunResult> results;
        String runnerError = null;
        try (PrintStream logStream = new PrintStream(Files.newOutputStream(folder.jmhLog()), true, StandardCharsets.UTF_8)) {
            VerboseMode vm = options.verbosity().orElse(VerboseMode.NORMAL);
            progress = new ProgressFormat(console, OutputFormatFactory.createFormatInstance(logStream, vm), total,
                    Sweep.perTrial(options));
            results = new ArrayList<>();
            for (Options o : perThreads.values()) {
                try {
                    results.addAll(new Runner(o, progress).run());
                } catch (RunnerException e) {
                    runnerError = "JMH stopped: " + Main.message(e.getCause() != null ? e.getCause() : e);
                    if (runnerError.contains("JMH lock")) {
                        runnerError = "another JMH run holds /tmp/jmh.lock on this machine; wait for it to finish "
                                + "(two benchmark runs at once would spoil each other's numbers)";
                    }
                    break;
                }
            }
        }
        if (perThreads.size() > 1) {
            mergeParts(folder, perThreads.values(), results);
        }
        Instant end = Instant.now();
        Map<String, String> failures = progress.failures();
        Duration took = Duration.between(start, end);
        List<EnvManifest.FailedTrial> failed = new ArrayList<>();
        failures.forEach((k, v) -> failed.add(new EnvManifest.FailedTrial(k, v)));
        env.withRun(run.finished(utc(end), took.toSeconds(), Sweep.describe(took), results.size(), failed, runnerError))
                .write(folder.envJson());

        console.printf("finished %d of %d trials in %s%n", results.size(), total, Sweep.describe(took));
        if (results.isEmpty() || !Files.isRegularFile(folder.jmhJson())) {
            err.println("chunkbench: no trial finished" + (runnerError == null ? "" : "; " + runnerError)
                    + "; see " + Visible.of(folder.jmhLog()));
            err.flush();
            return Main.EXIT_FAILURE;
        }
        recordOpenSslSpeed(console, folder, options);
        Report.Outcome outcome = Report.generate(dir, relativeTo, console);
        console.println("report: " + Visible.of(outcome.report()));
        console.flush();
        if (!failures.isEmpty() || runnerError != null) {
            err.println("chunkbench: " + failures.size() + " trial(s) failed and are missing from the results: "
                    + Visible.text(String.join("; ", failures.keySet())) + (runnerError == null ? "" : "; " + runnerError));
            err.flush();
            return Main.EXIT_FAILURE;
        }
        return 0;
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

    /** jmh.json of a multi-thread-count run: every invocation's results, in order; the parts go once merged. */
    private static void mergeParts(ResultsFolder folder, Collection<Options> parts, Collection<RunResult> results)
            throws IOException {
        if (!results.isEmpty()) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                org.openjdk.jmh.results.format.ResultFormatFactory.getInstance(
                        org.openjdk.jmh.results.format.ResultFormatType.JSON, ps).writeOut(results);
            }
            ResultsFolder.write(folder.jmhJson(), bytes.toByteArray());
        }
        for (Options o : parts) {
            Files.deleteIfExists(Path.of(o.getResult().get()));
        }
    }

    /** Seconds of {@code openssl speed} per key and chunk size: the reference line, not a measurement of ours. */
    static final int OPENSSL_SPEED_SECONDS = 1;

    /**
     * {@code openssl speed -evp aes-N-ctr} for the run's key sizes and chunk sizes into openssl-speed.tsv, when the
     * command exists; said on the console either way. A failure is one line and leaves the file out, it does not fail
     * the run (the JMH results are complete without it).
     */
    private static void recordOpenSslSpeed(PrintWriter console, ResultsFolder folder, Options options) {
        java.util.Optional<Path> openssl = OpenSslSpeed.find();
        if (openssl.isEmpty()) {
            console.println("openssl speed: no openssl command on the PATH; the report has no C reference line");
            return;
        }
        List<Integer> keyBits = ints(options, SweepParam.KEY_BITS, List.of(128));
        List<Integer> chunks = ints(options, SweepParam.CHUNK_SIZE, List.of());
        console.printf("openssl speed: %s, %d key size(s) x %d chunk size(s), %d s each%n", openssl.get(), keyBits.size(),
                chunks.size(), OPENSSL_SPEED_SECONDS);
        console.flush();
        List<List<OpenSslSpeed.Run>> runs = new ArrayList<>();
        try {
            for (int bits : keyBits) {
                List<OpenSslSpeed.Run> perKey = new ArrayList<>();
                for (int chunk : chunks) {
                    perKey.addAll(OpenSslSpeed.run(openssl.get(), bits, List.of(chunk), OPENSSL_SPEED_SECONDS));
                    OpenSslSpeed.Result r = perKey.get(perKey.size() - 1).results().get(0);
                    console.printf("openssl speed: %s %d B: %.1f ns per chunk%n", OpenSslSpeed.cipherName(bits), chunk, r.nsPerOp());
                    console.flush();
                }
                runs.add(perKey);
            }
            ResultsFolder.write(folder.opensslSpeedTsv(), OpenSslSpeedFile.text(keyBits, runs));
        } catch (IOException | RuntimeException e) {
            console.println("openssl speed: left out: " + Main.message(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.println("openssl speed: interrupted; left out");
        }
        console.flush();
    }

    private static List<Integer> ints(Options options, SweepParam p, List<Integer> otherwise) {
        return options.getParameter(p.jmhName()).hasValue()
                ? options.getParameter(p.jmhName()).get().stream().map(Integer::parseInt).toList() : otherwise;
    }

    private static String utc(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    private static String timings(Options o) {
        return String.format("%d fork(s), warmup %d x %s, measurement %d x %s", o.getForkCount().orElse(1),
                o.getWarmupIterations().orElse(0), o.getWarmupTime().orElse(null), o.getMeasurementIterations().orElse(0),
                o.getMeasurementTime().orElse(null));
    }

    private static EnvManifest.JmhSettings describe(Options o, List<String> raw, List<Integer> threadCounts) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (SweepParam p : SweepParam.values()) {
            if (o.getParameter(p.jmhName()).hasValue()) {
                params.put(p.jmhName(), List.copyOf(o.getParameter(p.jmhName()).get()));
            }
        }
        List<String> profilers = new ArrayList<>();
        for (ProfilerConfig p : o.getProfilers()) {
            profilers.add(p.getKlass() + (p.getOpts() == null || p.getOpts().isEmpty() ? "" : ":" + p.getOpts()));
        }
        return new EnvManifest.JmhSettings(org.openjdk.jmh.util.Version.getPlainVersion(), o.getForkCount().orElse(1),
                o.getWarmupIterations().orElse(0), String.valueOf(o.getWarmupTime().orElse(null)),
                o.getMeasurementIterations().orElse(0), String.valueOf(o.getMeasurementTime().orElse(null)),
                o.getThreads().orElse(1), params, List.copyOf(o.getIncludes()),
                List.copyOf(o.getJvmArgsAppend().orElse(List.of())), profilers, String.join(" ", raw),
                List.copyOf(threadCounts), Sweep.forkJvmArgs(o));
    }

    /** {@code --jmh -h} and {@code --jmh -lprof} answer and stop, as JMH's own launcher would. */
    private static boolean jmhHelp(List<String> raw, PrintWriter console) throws IOException {
        if (raw.isEmpty()) {
            return false;
        }
        CommandLineOptions o;
        try {
            o = new CommandLineOptions(raw.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new Main.UsageException("--jmh: " + e.getMessage());
        }
        console.flush();
        if (o.shouldHelp()) {
            o.showHelp();
            return true;
        }
        if (o.shouldListProfilers()) {
            o.listProfilers();
            return true;
        }
        return false;
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
