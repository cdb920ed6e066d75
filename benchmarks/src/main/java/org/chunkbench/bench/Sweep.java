package org.chunkbench.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.chunkbench.backends.AeadSpec;
import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.BackendSpec;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.kernel.AfAlgException;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.BufferKind;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.SealedRecords;
import org.chunkbench.backends.Variants;
import org.chunkbench.results.SweepParam;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Turns a preset, the command-line lists and raw JMH options into JMH {@link Options}, after leaving out every
 * backend that cannot run here (so that nothing fails half-way through a long run for that reason). Knows how
 * many trials the sweep holds and roughly how long it takes.
 */
public final class Sweep {
    public static final List<Integer> ALL_CHUNKS = List.of(16, 64, 256, 1024, 4096, 16384, 65536, 1048576);
    public static final String CHUNKED = ChunkBenchmark.class.getName() + ".chunked";
    public static final String BASELINE = ChunkBenchmark.class.getName() + ".baseline";
    /** Fork start, JMH handshake, class loading and the SunJCE check, measured on a 2-core machine. */
    static final double FORK_OVERHEAD_SECONDS = 1.1;
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    /** Says why a backend variant cannot run {@code cipher} here, or null when it can. */
    public interface Probe {
        String unavailableReason(String variant, String cipher);
    }

    /** A usage error: the lead's Main maps the CLI's own exception; this keeps the planner free of CLI classes. */
    public static final class PlanException extends IllegalArgumentException {
        public PlanException(String message) {
            super(message);
        }
    }

    /** What the user asked for; null lists mean "the preset's". */
    public static final class Request {
        public Preset preset = Preset.QUICK;
        public List<String> backends;
        public List<Integer> chunks;
        public List<String> modes;
        public List<String> buffers;
        public List<String> ops;
        public List<Integer> keyBits;
        /** aes-ctr, aes-gcm: one JMH invocation each (their modes differ); null: the preset's. */
        public List<String> ciphers;
        /** Thread counts to sweep, one JMH invocation each; null: JMH's default (or --jmh -t). */
        public List<Integer> threads;
        public boolean baseline = true;
        /** The decomposition's controls (issue 12): null means the preset's default, on in --full only. */
        public Boolean controls;
        public List<String> jmhArgs = List.of();
    }

    private final Request request;
    private final CommandLineOptions raw;
    private final List<String> backends = new ArrayList<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    /** The ciphers asked for, each once, and the backends that run each (aes-gcm: those of {@link #backends} that seal). */
    private final Map<String, List<String>> backendsByCipher = new LinkedHashMap<>();
    /** The entries of {@link #unavailable} that name a variant that runs, left out of one cipher's rows only. */
    private final java.util.Set<String> leftOutOfACipher = new java.util.HashSet<>();

    private Sweep(Request request, CommandLineOptions raw) {
        this.request = request;
        this.raw = raw;
    }

    public static Sweep plan(Request request, Probe probe) {
        CommandLineOptions raw;
        try {
            raw = new CommandLineOptions(request.jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new PlanException("--jmh: " + e.getMessage());
        }
        if (raw.getResult().hasValue() || raw.getResultFormat().hasValue()) {
            throw new PlanException("--jmh: -rf and -rff are not allowed; the JSON always goes to jmh.json in the results folder");
        }
        Sweep s = new Sweep(request, raw);
        List<String> requested = s.list(SweepParam.BACKEND, request.backends, Variants.backends());
        for (String asked : requested) {
            // Results name what ran: openssl becomes openssl[binding=ffm] on JDK 22+, openssl[binding=jna] below.
            // A control named here (none, syscall[binding=ffm], ...) is timed on its own, without --controls.
            String variant;
            try {
                variant = Variants.spell(asked);
            } catch (IllegalArgumentException e) {
                throw new PlanException(e.getMessage());
            }
            String reason = probe.unavailableReason(variant, CipherSpec.CIPHER);
            if (reason == null) {
                s.backends.add(variant);
            } else {
                s.unavailable.put(variant, reason);
            }
        }
        if (s.controlsOn()) {
            // Same benchmark, same params as the backends; their names say they are controls (Variants.kind).
            for (String control : Variants.controls()) {
                if (s.backends.contains(control) || s.unavailable.containsKey(control)) {
                    continue;
                }
                String reason = probe.unavailableReason(control, CipherSpec.CIPHER);
                if (reason == null) {
                    s.backends.add(control);
                } else {
                    s.unavailable.put(control, reason);
                }
            }
        }
        if (s.backends.isEmpty() && !request.baseline) {
            throw new PlanException("none of the requested backends can run here: " + s.unavailable);
        }
        s.planCiphers(probe);
        return s;
    }

    /**
     * Which backends run each cipher. The controls time AES-CTR's path only; for aes-gcm every backend that runs
     * here is asked again, and one that cannot seal is left out of the GCM rows with its reason (under the name
     * {@code variant (aes-gcm)}), never silently.
     */
    private void planCiphers(Probe probe) {
        List<String> asked = new ArrayList<>();
        for (String c : list(SweepParam.CIPHER, request.ciphers, request.preset.ciphers)) {
            try {
                asked.addAll(SweepParam.CIPHER.expand(c)); // "both" spelled out
            } catch (IllegalArgumentException e) {
                throw new PlanException(e.getMessage());
            }
        }
        for (String cipher : asked) {
            if (backendsByCipher.containsKey(cipher)) {
                continue;
            }
            if (cipher.equals(CipherSpec.CIPHER)) {
                backendsByCipher.put(cipher, List.copyOf(backends));
                continue;
            }
            List<String> sealing = new ArrayList<>();
            for (String variant : backends) {
                if (Variants.kind(variant) == Variants.Kind.CONTROL) {
                    continue;
                }
                String reason = probe.unavailableReason(variant, cipher);
                if (reason == null) {
                    sealing.add(variant);
                } else {
                    unavailable.put(variant + " (" + cipher + ")", reason);
                    leftOutOfACipher.add(variant + " (" + cipher + ")");
                }
            }
            List<String> buffers = list(SweepParam.BUFFER, request.buffers, request.preset.buffers);
            if (buffers != null && !buffers.stream().map(b -> SweepParam.BUFFER.expand(b)).flatMap(List::stream)
                    .toList().contains(BufferKind.HEAP.cliName())) {
                throw new PlanException(cipher + " runs with heap buffers only (its records are arrays); add heap to "
                        + SweepParam.Options.BUFFERS);
            }
            backendsByCipher.put(cipher, List.copyOf(sealing));
        }
    }

    /** Whether the controls join the sweep: {@code --controls}, else the preset's default (on in --full only). */
    public boolean controlsOn() {
        return request.controls != null ? request.controls : request.preset == Preset.FULL;
    }

    /** The registry's answer: unknown names and options are usage errors, anything that cannot open is a reason. */
    public static String probe(String variant, String cipher) {
        if (cipher.equals(AeadSpec.CIPHER)) {
            AesKey key = AesKey.ofBytes(new byte[16]);
            try (SealedRecords r = Backends.openAead(variant, new AeadSpec(key, new byte[AeadSpec.IV_BYTES], 0))) {
                return null;
            } catch (BackendUnavailableException e) {
                return e.getMessage();
            } catch (AfAlgException e) {
                return "backend " + variant + " is not available for " + cipher + ": " + e.getMessage();
            } catch (RuntimeException | LinkageError e) {
                return "backend " + variant + " failed to open for " + cipher + ": " + e.getClass().getSimpleName() + ": "
                        + e.getMessage();
            } finally {
                key.destroy();
            }
        }
        if (Variants.kind(variant) == Variants.Kind.CONTROL) {
            AesKey key = AesKey.ofBytes(new byte[16]);
            try (ChunkedCipher c = Variants.open(variant, CipherSpec.stream(Direction.ENCRYPT, key, new byte[16]))) {
                return null;
            } catch (BackendUnavailableException e) {
                return e.getMessage();
            } catch (RuntimeException | LinkageError e) {
                return "control " + variant + " failed to open: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            } finally {
                key.destroy();
            }
        }
        BackendSpec spec;
        try {
            spec = BackendSpec.parse(variant);
            Backends.get(spec.name());
        } catch (IllegalArgumentException e) {
            throw new PlanException(e.getMessage());
        }
        AesKey key = AesKey.ofBytes(new byte[16]);
        try (ChunkedCipher c = Backends.open(spec, CipherSpec.stream(Direction.ENCRYPT, key, new byte[16]))) {
            return null;
        } catch (BackendUnavailableException e) {
            return e.getMessage();
        } catch (IllegalArgumentException e) {
            throw new PlanException(e.getMessage());
        } catch (AfAlgException e) {
            // The kernel refused this variant's set-up (crypto.af_alg_restrict=1 refuses every driver name): left out.
            return "backend " + variant + " is not available: " + e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            return "backend " + variant + " failed to open: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            key.destroy();
        }
    }

    public List<String> backends() {
        return List.copyOf(backends);
    }

    /** The ciphers of the run, in the order asked for. */
    public List<String> ciphers() {
        return List.copyOf(backendsByCipher.keySet());
    }

    /** The backends that run {@code cipher}. */
    public List<String> backends(String cipher) {
        return backendsByCipher.getOrDefault(cipher, List.of());
    }

    /** Whether {@code cipher}'s invocation times anything: a backend that runs it, or the baseline. */
    public boolean runsAnything(String cipher) {
        return !backends(cipher).isEmpty() || request.baseline;
    }

    /**
     * What env.json records of this sweep's variants (run and left out): each one's kind from today's registry
     * ({@link Variants#record}), so that the folder says for itself which rows are controls.
     */
    public Map<String, String> variantRecord() {
        List<String> all = new ArrayList<>(backends);
        unavailable.keySet().stream().filter(k -> !leftOutOfACipher.contains(k)).forEach(all::add);
        return Variants.record(all);
    }

    /** Variant to reason, in the order asked for. */
    public Map<String, String> unavailable() {
        return new LinkedHashMap<>(unavailable);
    }

    public Preset preset() {
        return request.preset;
    }

    public List<String> jmhArgs() {
        return request.jmhArgs;
    }

    public boolean runsAnything() {
        return !backends.isEmpty() || request.baseline;
    }

    /**
     * The thread counts asked for, each once, in the order given; a one-element list holding null when none were
     * (JMH's default or --jmh -t). One JMH invocation runs per element.
     */
    public List<Integer> threadCounts() {
        if (request.threads == null) {
            return java.util.Collections.singletonList(null);
        }
        if (raw.getThreads().hasValue()) {
            throw new PlanException("give the thread count either with --threads or with --jmh -t, not both");
        }
        if (request.threads.isEmpty()) {
            throw new PlanException("--threads is empty");
        }
        java.util.Set<Integer> counts = new java.util.LinkedHashSet<>();
        for (Integer t : request.threads) {
            if (t == null || t < 1) {
                throw new PlanException("--threads " + t + " is not allowed; use whole numbers of 1 or more, such as 1,2,4");
            }
            counts.add(t);
        }
        return List.copyOf(counts);
    }

    /** The options of the first cipher and thread count: the whole sweep when only one of each was asked for. */
    public Options options(String resultFile) {
        return options(resultFile, ciphers().get(0), threadCounts().get(0));
    }

    /**
     * The options of one JMH invocation, of {@code cipher} at {@code threads} (null: JMH's default or --jmh -t). An
     * aes-gcm invocation runs mode=record and buffer=heap whatever --modes and --buffers say (they apply to aes-ctr).
     */
    public Options options(String resultFile, String cipher, Integer threads) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(raw);
        Preset p = request.preset;
        List<String> variants = backends(cipher);
        if (!variants.isEmpty()) {
            b.include("^" + quote(CHUNKED) + "$");
            b.param(SweepParam.BACKEND.jmhName(), variants.toArray(new String[0]));
        }
        if (request.baseline) {
            b.include("^" + quote(BASELINE) + "$");
        }
        b.param(SweepParam.CIPHER.jmhName(), cipher);
        param(b, SweepParam.CHUNK_SIZE, strings(list(SweepParam.CHUNK_SIZE, request.chunks, p.chunks)));
        if (cipher.equals(AeadSpec.CIPHER)) {
            b.param(SweepParam.MODE.jmhName(), SweepParam.RECORD_MODE);
            b.param(SweepParam.BUFFER.jmhName(), BufferKind.HEAP.cliName());
        } else {
            param(b, SweepParam.MODE, list(SweepParam.MODE, request.modes, p.modes));
            param(b, SweepParam.BUFFER, list(SweepParam.BUFFER, request.buffers, p.buffers));
        }
        param(b, SweepParam.OP, list(SweepParam.OP, request.ops, p.ops));
        param(b, SweepParam.KEY_BITS, strings(list(SweepParam.KEY_BITS, request.keyBits, p.keyBits)));
        if (!raw.getForkCount().hasValue()) {
            b.forks(p.forks);
        }
        if (!raw.getWarmupIterations().hasValue()) {
            b.warmupIterations(p.warmupIterations);
        }
        if (!raw.getWarmupTime().hasValue()) {
            b.warmupTime(TimeValue.milliseconds(p.warmupMillis));
        }
        if (!raw.getMeasurementIterations().hasValue()) {
            b.measurementIterations(p.measurementIterations);
        }
        if (!raw.getMeasurementTime().hasValue()) {
            b.measurementTime(TimeValue.milliseconds(p.measurementMillis));
        }
        if (threads != null) {
            if (raw.getThreads().hasValue()) {
                throw new PlanException("give the thread count either with --threads or with --jmh -t, not both");
            }
            if (threads < 1) {
                throw new PlanException("--threads " + threads + " is not allowed; use whole numbers of 1 or more, such as 1,2,4");
            }
            b.threads(threads);
        }
        if (!raw.getJvmArgs().hasValue()) {
            // What JMH would take by default, given explicitly so that env.json records the forks' real arguments.
            b.jvmArgs(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(new String[0]));
        }
        List<String> append = new ArrayList<>();
        append.add(NATIVE_ACCESS);
        if (Runtime.version().feature() >= 23 && !raw.getJvm().hasValue()) {
            // JMH 1.37 itself calls sun.misc.Unsafe; JDK 23+ (JEP 471) would warn about it in every fork's log.
            // Forks run this same JVM unless --jmh names another, whose version is unknown here.
            append.add("--sun-misc-unsafe-memory-access=allow");
        }
        append.addAll(raw.getJvmArgsAppend().orElse(List.of()));
        b.jvmArgsAppend(append.toArray(new String[0]));
        if (!raw.shouldFailOnError().hasValue()) {
            // One broken trial must not cost the rest of a long run; the run still ends with status 1 and names it.
            b.shouldFailOnError(false);
        }
        b.result(resultFile).resultFormat(ResultFormatType.JSON);
        return b.build();
    }

    /** The JVM arguments JMH puts on every fork's command line (prepended, main, appended), as jmh.json records them. */
    public static List<String> forkJvmArgs(Options o) {
        List<String> args = new ArrayList<>(o.getJvmArgsPrepend().orElse(List.of()));
        args.addAll(o.getJvmArgs().orElse(List.of()));
        args.addAll(o.getJvmArgsAppend().orElse(List.of()));
        return List.copyOf(args);
    }

    /** Checks every value with the param's own check (a usage error names it) and gives them to JMH. */
    private static void param(ChainedOptionsBuilder b, SweepParam param, List<String> values) {
        if (values == null) {
            return;
        }
        // "both" spelled out; a value given twice (stream,both) runs once.
        java.util.Set<String> checked = new java.util.LinkedHashSet<>();
        for (String v : values) {
            try {
                checked.addAll(param.expand(v));
            } catch (IllegalArgumentException e) {
                throw new PlanException(e.getMessage());
            }
        }
        b.param(param.jmhName(), checked.toArray(new String[0]));
    }

    /** The values of one param: from --jmh -p, or from our option, or from the preset; null when --jmh gave them. */
    private <T> List<T> list(SweepParam param, List<T> option, List<T> preset) {
        if (raw.getParameter(param.jmhName()).hasValue()) {
            if (option != null) {
                throw new PlanException("give " + param.jmhName() + " either with " + param.option() + " or with --jmh -p "
                        + param.jmhName() + ", not both");
            }
            if (param == SweepParam.BACKEND || param == SweepParam.CIPHER) {
                @SuppressWarnings("unchecked")
                List<T> fromRaw = (List<T>) new ArrayList<>(raw.getParameter(param.jmhName()).get());
                return fromRaw;
            }
            return null;
        }
        List<T> l = option != null ? option : preset;
        if (l.isEmpty()) {
            throw new PlanException(param.option() + " is empty");
        }
        return l;
    }

    /** Null (the values come from --jmh -p) stays null. */
    private static List<String> strings(List<Integer> values) {
        return values == null ? null : values.stream().map(String::valueOf).toList();
    }

    private static String quote(String className) {
        return className.replace(".", "\\.");
    }

    /** Trials in the sweep: benchmark x param combination (a trial is all forks of one combination). */
    public static int count(Options o) {
        int shared = 1;
        for (SweepParam p : SweepParam.values()) {
            if (p != SweepParam.BACKEND) {
                shared *= size(o, p.jmhName());
            }
        }
        int n = 0;
        for (String include : o.getIncludes()) {
            if (include.contains("chunked")) {
                n += shared * size(o, SweepParam.BACKEND.jmhName());
            } else if (include.contains("baseline")) {
                n += shared;
            }
        }
        Collection<org.openjdk.jmh.annotations.Mode> modes = o.getBenchModes();
        return n * Math.max(1, modes == null ? 1 : modes.size());
    }

    private static int size(Options o, String param) {
        return o.getParameter(param).hasValue() ? o.getParameter(param).get().size() : 1;
    }

    /** Wall time of one trial: forks x (warmup + measurement + fork overhead). */
    public static Duration perTrial(Options o) {
        int forks = o.getForkCount().orElse(1) + o.getWarmupForkCount().orElse(0);
        double iterations = o.getWarmupIterations().orElse(5) * seconds(o.getWarmupTime().orElse(TimeValue.seconds(10)))
                + o.getMeasurementIterations().orElse(5) * seconds(o.getMeasurementTime().orElse(TimeValue.seconds(10)));
        double s = Math.max(1, forks) * (iterations + (forks == 0 ? 0.1 : FORK_OVERHEAD_SECONDS));
        return Duration.ofMillis(Math.round(s * 1000));
    }

    public static Duration estimate(Options o) {
        return perTrial(o).multipliedBy(count(o));
    }

    private static double seconds(TimeValue t) {
        return t.convertTo(TimeUnit.MICROSECONDS) / 1e6;
    }

    public static String describe(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
