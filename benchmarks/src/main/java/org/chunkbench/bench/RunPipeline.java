package org.chunkbench.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.chunkbench.report.Report;
import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.Visible;

import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * What {@code chunkbench run} does once its options are read: plan the sweep ({@link RunPlan}), make the results
 * folder, write env.json before and after, run JMH once per thread count ({@link JmhLoop}), take openssl speed's
 * reference line ({@link OpenSslReference}) and render the report, saying each step on the console. What the user
 * asked for and cannot have is a {@link Sweep.PlanException}; trials that failed are said on the error stream and
 * make {@link #run} answer false.
 */
public final class RunPipeline {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** What the run is asked to do. */
    public static final class Config {
        public final Sweep.Request request = new Sweep.Request();
        /** The results folder to create; null for results/&lt;UTC time&gt;-&lt;host&gt;. */
        public Path out;
        public String relativeTo = Report.DEFAULT_REFERENCE;
        /** Print the plan and its estimate only. */
        public boolean dryRun;
        /** The command line as env.json records it, given the results folder. */
        public Function<Path, String> command = dir -> "chunkbench run";
    }

    private final Config config;
    private final PrintWriter console;
    private final PrintWriter err;

    public RunPipeline(Config config, PrintWriter console, PrintWriter err) {
        this.config = config;
        this.console = console;
        this.err = err;
    }

    /** {@code --jmh -h} and {@code --jmh -lprof} answer and stop, as JMH's own launcher would: true when it answered. */
    public static boolean jmhHelp(List<String> raw, PrintWriter console) throws IOException {
        if (raw.isEmpty()) {
            return false;
        }
        CommandLineOptions o;
        try {
            o = new CommandLineOptions(raw.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new Sweep.PlanException("--jmh: " + e.getMessage());
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

    /** Runs the sweep: false when a trial failed or none finished (said on the error stream), true otherwise. */
    public boolean run() throws IOException {
        Sweep sweep = Sweep.plan(config.request, Sweep::probe);
        for (Map.Entry<String, String> u : sweep.unavailable().entrySet()) {
            console.println("left out " + Visible.text(u.getKey()) + ": " + Visible.text(u.getValue()));
        }
        if (!sweep.runsAnything()) {
            throw new Sweep.PlanException("nothing to run: every requested backend is unavailable and --no-baseline was given");
        }
        Instant start = Instant.now();
        String host = Environment.hostName().replaceAll("[^A-Za-z0-9.-]", "_");
        Path dir = config.out != null ? config.out : Path.of("results", STAMP.format(start) + "-" + host);
        ResultsFolder folder = new ResultsFolder(dir);
        RunPlan plan = new RunPlan(sweep, folder);
        console.printf("%s%n", plan.headline());
        if (config.dryRun) {
            console.flush();
            return true;
        }
        create(dir);
        List<EnvManifest.Unavailable> unavailable = new ArrayList<>();
        sweep.unavailable().forEach((k, v) -> unavailable.add(new EnvManifest.Unavailable(k, v)));
        EnvManifest.RunInfo run = EnvManifest.RunInfo.started(config.command.apply(dir), sweep.preset().cliName(),
                utc(start), plan.total(), plan.estimate().toSeconds(), unavailable, plan.settings(), sweep.variantRecord());
        EnvManifest env = Environment.collect().withRun(run);
        env.write(folder.envJson());

        JmhLoop.Outcome outcome = JmhLoop.run(plan, folder, console);
        Instant end = Instant.now();
        Duration took = Duration.between(start, end);
        List<EnvManifest.FailedTrial> failed = new ArrayList<>();
        outcome.failures().forEach((k, v) -> failed.add(new EnvManifest.FailedTrial(k, v)));
        env.withRun(run.finished(utc(end), took.toSeconds(), Sweep.describe(took), outcome.results().size(), failed,
                outcome.runnerError())).write(folder.envJson());
        console.printf("finished %d of %d trials in %s%n", outcome.results().size(), plan.total(), Sweep.describe(took));
        return render(folder, plan, outcome);
    }

    /** The results folder, new or empty; said on the console. */
    private void create(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new Sweep.PlanException("--out " + dir + " already exists and is not empty; choose a new folder");
                }
            }
        }
        Files.createDirectories(dir);
        console.println("results folder: " + Visible.of(dir));
        console.flush();
    }

    /** openssl speed and REPORT.md when a trial finished; what failed, on the error stream. */
    private boolean render(ResultsFolder folder, RunPlan plan, JmhLoop.Outcome outcome) throws IOException {
        String runnerError = outcome.runnerError();
        if (outcome.results().isEmpty() || !Files.isRegularFile(folder.jmhJson())) {
            err.println("chunkbench: no trial finished" + (runnerError == null ? "" : "; " + runnerError)
                    + "; see " + Visible.of(folder.jmhLog()));
            err.flush();
            return false;
        }
        OpenSslReference.record(console, folder, plan);
        Report.Outcome report = Report.generate(folder.dir(), config.relativeTo, console);
        console.println("report: " + Visible.of(report.report()));
        console.flush();
        Map<String, String> failures = outcome.failures();
        if (!failures.isEmpty() || runnerError != null) {
            err.println("chunkbench: " + failures.size() + " trial(s) failed and are missing from the results: "
                    + Visible.text(String.join("; ", failures.keySet())) + (runnerError == null ? "" : "; " + runnerError));
            err.flush();
            return false;
        }
        return true;
    }

    private static String utc(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
