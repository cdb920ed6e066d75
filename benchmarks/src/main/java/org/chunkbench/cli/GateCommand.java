package org.chunkbench.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.chunkbench.compare.Comparison;
import org.chunkbench.compare.ComparisonReport;
import org.chunkbench.compare.Judge;
import org.chunkbench.compare.RowComparison;
import org.chunkbench.compare.RunResults;
import org.chunkbench.compare.Verdict;
import org.chunkbench.results.ResultsException;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.TrialKey;
import org.chunkbench.results.Visible;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gate}: runs base and head itself, interleaved, and judges them as {@code compare} does. One JVM launch
 * measures one fork of every row of one row group on one side; a round gives every group one base and one head
 * launch, the groups in a seeded random order and base/head in a seeded random order within each group, so that a
 * burst of load meets both sides alike. After the first rounds it judges the table and adds rounds only for the
 * groups with rows still undecided (neither a verdict nor "unchanged within ±threshold"), until every row is
 * decided, the look limit is reached or the next round would not fit the time budget. Each look tests at
 * alpha / looks (Bonferroni across looks), so the repeated looks keep the family-wise error at alpha.
 */
@Command(name = "gate", sortOptions = false,
        description = {"Run the benchmarks of two builds interleaved (base and head in random order per row group, one fork "
                + "per JVM launch), add fork pairs for undecided rows within a time budget, and judge as compare does. "
                + "Exit status 0: no regression, 1: at least one, 2: bad input, 3: any other failure (a launch that failed).",
            "Default rows: ChunkBenchmark.chunked, stream mode, sunjce and bc-lightweight at 64 B, 4 KiB and 64 KiB "
                + "(6 rows, 2 groups), 3 x 300 ms warm-up and 5 x 200 ms measurement per row; about 13 minutes in all "
                + "on a 2-core machine."})
public final class GateCommand implements Callable<Integer>, Main.ExitStatuses {
    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "JAR",
            description = "The base build's benchmarks jar (or a class path with JMH and the benchmarks).")
    String base;

    @Option(names = "--head", required = true, paramLabel = "JAR", description = "The head build's benchmarks jar (or class path).")
    String head;

    @Option(names = "--benchmark", paramLabel = "REGEX", defaultValue = "ChunkBenchmark\\.chunked$",
            description = "JMH benchmark selection (default: ${DEFAULT-VALUE}).")
    String benchmark;

    @Option(names = "--group", paramLabel = "PARAMS",
            description = "A row group: JMH params for one launch, as name=v1,v2;name=v (repeatable; default "
                    + "backend=sunjce;chunkSize=64,4096,65536;mode=stream and the same for bc-lightweight).")
    List<String> groups;

    @Option(names = "--jmh", paramLabel = "OPTIONS", defaultValue = "-wi 3 -w 300ms -i 5 -r 200ms",
            description = "JMH options for every launch (default: ${DEFAULT-VALUE}); -f, -rf, -rff and -p are the gate's.")
    String jmh;

    @Option(names = "--base-jmh", paramLabel = "OPTIONS", description = "Extra JMH options for base launches only.")
    String baseJmh;

    @Option(names = "--head-jmh", paramLabel = "OPTIONS",
            description = "Extra JMH options for head launches only (an experiment's knob: -jvmArgsAppend -Dx=y).")
    String headJmh;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "8",
            description = "Base/head pairs per group before the first look (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--looks", paramLabel = "N", defaultValue = "3",
            description = "Looks at the table at most; each adds rounds/2 pairs to undecided groups (default: ${DEFAULT-VALUE}).")
    int looks;

    @Option(names = "--budget", paramLabel = "MINUTES", defaultValue = "14",
            description = "Stop adding pairs when the next round would end past this (default: ${DEFAULT-VALUE}).")
    double budgetMinutes;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the order (default: random, printed and recorded).")
    Long seed;

    @Mixin
    JudgeOptions stats;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "gate",
            description = "Folder for every launch's JMH JSON and log, order.tsv and gate.md (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--java", paramLabel = "PATH", description = "The java to launch (default: the one running chunkbench).")
    String java;

    /** The default row groups. */
    static final List<String> DEFAULT_GROUPS = List.of("backend=sunjce;chunkSize=64,4096,65536;mode=stream",
            "backend=bc-lightweight;chunkSize=64,4096,65536;mode=stream");

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (rounds < 2 || looks < 1 || !(budgetMinutes > 0)) {
            throw new Main.UsageException("--rounds must be at least 2, --looks at least 1 and --budget positive");
        }
        // Bonferroni across looks: every look may stop the gate with a regression.
        Judge judge = stats.judge(true, looks);
        List<String> groupSpecs = groups == null || groups.isEmpty() ? DEFAULT_GROUPS : groups;
        List<List<String>> groupArgs = groupSpecs.stream().map(GateCommand::params).toList();
        checkClassPath("--base", base);
        checkClassPath("--head", head);
        List<String> common = RunCommand.tokenize(jmh);
        for (String o : common) {
            if (List.of("-f", "-rf", "-rff", "-p", "-o").contains(o)) {
                throw new Main.UsageException("--jmh: " + o + " is set by the gate (one fork per launch, JSON per launch, --group)");
            }
        }
        if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            try (var list = Files.list(out)) {
                if (list.findAny().isPresent()) {
                    throw new Main.UsageException("--out " + out + " is not empty; the gate writes every launch there, give a new folder");
                }
            }
        }
        ResultsFolder.directory(out);
        long s = seed != null ? seed : new Random().nextLong();
        Random rnd = new Random(s);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "gate: %d groups, %d rounds, up to %d looks, budget %s min, seed %d; launches in %s%n",
                groupArgs.size(), rounds, looks, budgetMinutes, s, Visible.of(out));
        o.flush();
        Runner runner = new Runner(o, groupArgs.size() * rounds * 2, budgetMinutes);
        Path order = out.resolve("order.tsv");
        ResultsFolder.write(order, "# seed " + s + "\nlaunch\tgroup\tside\tpair\tseconds\n");
        Map<Integer, List<Path>> baseFiles = new LinkedHashMap<>();
        Map<Integer, List<Path>> headFiles = new LinkedHashMap<>();
        Set<Integer> active = new LinkedHashSet<>();
        for (int g = 0; g < groupArgs.size(); g++) {
            baseFiles.put(g, new ArrayList<>());
            headFiles.put(g, new ArrayList<>());
            active.add(g);
        }
        Comparison c = null;
        int pairsPerLook = rounds;
        for (int look = 1; look <= looks && !active.isEmpty(); look++) {
            for (int r = 0; r < pairsPerLook; r++) {
                if (look > 1 && runner.wouldOverrun(2 * active.size())) {
                    o.println("gate: the time budget is spent; judging what there is");
                    look = looks;
                    break;
                }
                List<Integer> groupOrder = new ArrayList<>(active);
                Collections.shuffle(groupOrder, rnd);
                for (int g : groupOrder) {
                    boolean baseFirst = rnd.nextBoolean();
                    for (int k = 0; k < 2; k++) {
                        boolean isBase = baseFirst == (k == 0);
                        List<Path> files = isBase ? baseFiles.get(g) : headFiles.get(g);
                        int pair = files.size() + 1;
                        String name = String.format(Locale.ROOT, "g%d-%s-%03d", g + 1, isBase ? "base" : "head", pair);
                        List<String> cmd = command(isBase ? base : head, groupArgs.get(g), common,
                                RunCommand.tokenize(isBase ? baseJmh == null ? "" : baseJmh : headJmh == null ? "" : headJmh),
                                out.resolve(name + ".json"));
                        double secs = runner.launch(cmd, out.resolve(name + ".log"), name);
                        files.add(out.resolve(name + ".json"));
                        Files.writeString(order, String.format(Locale.ROOT, "%d\t%d\t%s\t%d\t%.1f%n", runner.done, g + 1,
                                isBase ? "base" : "head", pair, secs), StandardOpenOption.APPEND);
                    }
                }
            }
            c = judge(baseFiles, headFiles, judge);
            Set<Integer> undecided = undecidedGroups(c, baseFiles);
            o.printf(Locale.ROOT, "gate: look %d: %d regression(s), %d row(s) undecided%n", look, c.count(Verdict.REGRESSION),
                    c.rows().stream().filter(GateCommand::undecided).count());
            o.flush();
            if (c.hasRegression()) {
                break;
            }
            active.retainAll(undecided);
            pairsPerLook = Math.max(1, rounds / 2);
            runner.plan(2 * active.size() * pairsPerLook);
        }
        String report = ComparisonReport.markdown(c) + String.format(Locale.ROOT, "%nGate: seed %d, %d launches in %s; the order is in order.tsv.%n",
                s, runner.done, runner.elapsedText());
        ResultsFolder.write(out.resolve("gate.md"), report);
        o.print(report);
        o.flush();
        return c.hasRegression() ? CompareCommand.REGRESSION : CompareCommand.NO_REGRESSION;
    }

    /**
     * A row that more pairs could still decide: unchanged without the equivalence, or too noisy (even one whose noise
     * looks beyond reach: a spread estimated from a few forks is itself rough).
     */
    static boolean undecided(RowComparison r) {
        return (r.verdict() == Verdict.UNCHANGED && !r.reason().startsWith("within")) || r.verdict() == Verdict.TOO_NOISY;
    }

    private static Set<Integer> undecidedGroups(Comparison c, Map<Integer, List<Path>> baseFiles) {
        Set<Integer> groups = new LinkedHashSet<>();
        for (RowComparison r : c.rows()) {
            if (undecided(r)) {
                for (Map.Entry<Integer, List<Path>> e : baseFiles.entrySet()) {
                    if (RunResults.load(e.getValue().get(0)).rows().containsKey(r.key())) {
                        groups.add(e.getKey());
                    }
                }
            }
        }
        return groups;
    }

    private static Comparison judge(Map<Integer, List<Path>> baseFiles, Map<Integer, List<Path>> headFiles, Judge judge) {
        List<RunResults> b = new ArrayList<>();
        List<RunResults> h = new ArrayList<>();
        for (int g : baseFiles.keySet()) {
            b.add(RunResults.load(baseFiles.get(g)));
            h.add(RunResults.load(headFiles.get(g)));
        }
        return Comparison.of(RunResults.union(b, "base"), RunResults.union(h, "head"), judge);
    }

    private List<String> command(String classPath, List<String> params, List<String> common, List<String> side, Path json) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java != null ? java : ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-cp", classPath, "org.openjdk.jmh.Main", benchmark, "-f", "1"));
        cmd.addAll(params);
        cmd.addAll(common);
        cmd.addAll(side);
        cmd.addAll(List.of("-rf", "json", "-rff", json.toString()));
        return cmd;
    }

    /** "backend=sunjce;chunkSize=64,4096" as JMH's -p options. */
    static List<String> params(String spec) {
        List<String> p = new ArrayList<>();
        for (String part : spec.split(";")) {
            String s = part.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!s.matches("[A-Za-z_][A-Za-z0-9_]*=[^=\\s]+")) {
                throw new Main.UsageException("--group " + spec + ": write name=value[,value...] parts separated by ;");
            }
            p.add("-p");
            p.add(s);
        }
        return p;
    }

    private static void checkClassPath(String option, String cp) {
        for (String e : cp.split(File.pathSeparator)) {
            if (!Files.exists(Path.of(e))) {
                throw new Main.UsageException(option + " " + e + " does not exist; build it with mvn -DskipTests package in that commit's checkout");
            }
        }
    }

    @Override
    public int exitStatus(Throwable ex) {
        return ex instanceof Main.UsageException || ex instanceof ResultsException ? CompareCommand.BAD_INPUT : CompareCommand.FAILURE;
    }

    /** Launches one fork at a time, prints progress with an ETA, and keeps the clock for the budget. */
    static final class Runner {
        final PrintWriter out;
        final long start = System.nanoTime();
        final double budgetSeconds;
        int planned;
        int done;
        double spent;

        Runner(PrintWriter out, int planned, double budgetMinutes) {
            this.out = out;
            this.planned = planned;
            this.budgetSeconds = budgetMinutes * 60;
        }

        void plan(int more) {
            planned = done + more;
        }

        double mean() {
            return done == 0 ? 0 : spent / done;
        }

        boolean wouldOverrun(int launches) {
            return elapsed() + launches * mean() > budgetSeconds;
        }

        double elapsed() {
            return (System.nanoTime() - start) / 1e9;
        }

        String elapsedText() {
            return text(elapsed());
        }

        static String text(double seconds) {
            Duration d = Duration.ofSeconds(Math.round(seconds));
            return d.toMinutes() + "m" + String.format(Locale.ROOT, "%02d", d.toSecondsPart()) + "s";
        }

        double launch(List<String> cmd, Path log, String name) throws IOException, InterruptedException {
            long t0 = System.nanoTime();
            for (int attempt = 1; ; attempt++) {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(30, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(name + ": the JMH launch took over 30 minutes; see " + Visible.of(log));
                }
                if (p.exitValue() == 0) {
                    break;
                }
                String text = Files.readString(log);
                if (text.contains("Unable to acquire the JMH lock") && attempt < 30) {
                    Thread.sleep(20_000); // another JMH run holds the lock: never measure two at once
                    continue;
                }
                throw new IllegalStateException(name + ": the JMH launch exited " + p.exitValue() + "; see " + Visible.of(log));
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            spent += secs;
            done++;
            int left = Math.max(0, planned - done);
            out.printf(Locale.ROOT, "gate: %s done in %.1fs; %d of %d launches, elapsed %s, ETA %s%n", name, secs, done,
                    Math.max(planned, done), elapsedText(), text(left * mean()));
            out.flush();
            return secs;
        }
    }
}
