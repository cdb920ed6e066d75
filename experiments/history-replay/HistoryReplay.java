import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.compare.ChangePoints;
import org.chunkbench.compare.RunResults;
import org.chunkbench.results.Json;
import org.chunkbench.results.Trial;

/**
 * Replays histories from recorded forks and measures how well {@code chunkbench history}'s change points
 * ({@link ChangePoints}, its defaults) find steps injected at known runs. Computation only: nothing is measured.
 *
 * <p>The model. A fork pool: every fork of every row that has at least two forks in the given results folders, as
 * its iterations divided by the median of that row's fork medians (a real fork's shape and its distance from its
 * row's centre). A history: RUNS runs of one row; each run is FORKS forks drawn from the pool with replacement, times
 * the row's level; the level is multiplied by (1 + s) from each injected step on. Each history holds 0, 1 or 2 steps
 * (a third each), at runs drawn uniformly from [MIN_RUNS + 2, RUNS - MIN_RUNS - 2] and at least 8 runs apart, of a
 * size drawn uniformly from 3% to 10%, slower or faster at even odds. A run's value is what history uses (the median
 * of its fork medians); the detector runs with history's defaults (p 0.001, 1999 orders, fixed seed).
 *
 * <p>Scoring: a change point found within TOLERANCE runs of an injected step (each step matched once) is a true
 * positive; any other is a false one. Precision = true / found; recall = true / injected.
 *
 * <pre>
 * java -cp CLASSES:benchmarks.jar HistoryReplay [--histories N] [--runs N] [--forks N] [--seed N] [--write DIR] FOLDER...
 * </pre>
 * {@code --write DIR}: also writes the first history with a step as DIR/run-NN/jmh.json, for {@code chunkbench history}.
 */
public final class HistoryReplay {
    static final int TOLERANCE = 2;
    static final double MIN_STEP = 0.03;
    static final double MAX_STEP = 0.10;
    static final int MIN_APART = 8;

    public static void main(String[] args) throws Exception {
        int histories = 300;
        int runs = 40;
        int forks = 3;
        long seed = 1;
        Path write = null;
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--histories" -> histories = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--forks" -> forks = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--write" -> write = Path.of(args[++i]);
                default -> folders.add(Path.of(args[i]));
            }
        }
        if (folders.isEmpty() || runs < 30 || forks < 1 || histories < 1) {
            System.err.println("usage: HistoryReplay [--histories N] [--runs N>=30] [--forks N] [--seed N] [--write DIR] FOLDER...");
            System.exit(2);
        }
        List<double[]> pool = new ArrayList<>();
        List<Trial> rows = new ArrayList<>();
        for (Path f : folders) {
            for (Trial t : RunResults.load(f).rows().values()) {
                if (t.forks().length < 2) {
                    continue;
                }
                rows.add(t);
                double centre = ChangePoints.runValue(t);
                for (double[] fork : t.forks()) {
                    pool.add(Arrays.stream(fork).map(v -> v / centre).toArray());
                }
            }
        }
        if (pool.isEmpty()) {
            System.err.println("no row with two or more forks in " + folders + ": nothing to resample");
            System.exit(2);
        }
        double[] shares = pool.stream().mapToDouble(f -> Math.abs(median(f) - 1)).sorted().toArray();
        System.out.printf(Locale.ROOT, "fork pool: %d forks of %d rows in %s; |fork median / row centre - 1|: median %.2f%%, "
                + "90th percentile %.2f%%, largest %.2f%%%n", pool.size(), rows.size(), folders, 100 * shares[shares.length / 2],
                100 * shares[(int) (shares.length * 0.9)], 100 * shares[shares.length - 1]);
        System.out.printf(Locale.ROOT, "%d histories of %d runs, %d forks a run, seed %d; steps of %.0f-%.0f%%, matched within "
                + "%d runs%n", histories, runs, forks, seed, 100 * MIN_STEP, 100 * MAX_STEP, TOLERANCE);

        SplittableRandom random = new SplittableRandom(seed);
        int injected = 0;
        int found = 0;
        int truePositives = 0;
        int[] bySizeInjected = new int[3]; // 3-5%, 5-7%, 7-10%
        int[] bySizeFound = new int[3];
        int quietHistories = 0;
        int quietWithAlarm = 0;
        boolean written = false;
        long started = System.nanoTime();
        for (int h = 0; h < histories; h++) {
            Trial row = rows.get(random.nextInt(rows.size()));
            double level = ChangePoints.runValue(row);
            int count = random.nextInt(3);
            int[] at = stepRuns(random, runs, count);
            double[] size = new double[count];
            for (int s = 0; s < count; s++) {
                size[s] = (MIN_STEP + (MAX_STEP - MIN_STEP) * random.nextDouble()) * (random.nextBoolean() ? 1 : -1);
            }
            List<double[][]> history = new ArrayList<>();
            double[] values = new double[runs];
            for (int r = 0; r < runs; r++) {
                double factor = level;
                for (int s = 0; s < count; s++) {
                    factor *= r >= at[s] ? 1 + size[s] : 1;
                }
                double[][] runForks = new double[forks][];
                for (int f = 0; f < forks; f++) {
                    double[] drawn = pool.get(random.nextInt(pool.size()));
                    double k = factor;
                    runForks[f] = Arrays.stream(drawn).map(v -> v * k).toArray();
                }
                history.add(runForks);
                values[r] = ChangePoints.runValue(new Trial(row.key(), row.unit(), 0, 0, runForks));
            }
            List<ChangePoints.Change> changes = ChangePoints.find(values);
            boolean[] matched = new boolean[count];
            int tp = 0;
            for (ChangePoints.Change c : changes) {
                for (int s = 0; s < count; s++) {
                    if (!matched[s] && Math.abs(c.index() - at[s]) <= TOLERANCE) {
                        matched[s] = true;
                        tp++;
                        break;
                    }
                }
            }
            for (int s = 0; s < count; s++) {
                int bucket = Math.abs(size[s]) < 0.05 ? 0 : Math.abs(size[s]) < 0.07 ? 1 : 2;
                bySizeInjected[bucket]++;
                bySizeFound[bucket] += matched[s] ? 1 : 0;
            }
            injected += count;
            found += changes.size();
            truePositives += tp;
            if (count == 0) {
                quietHistories++;
                quietWithAlarm += changes.isEmpty() ? 0 : 1;
            }
            if (write != null && !written && count > 0) {
                writeHistory(write, row, history);
                System.out.printf(Locale.ROOT, "wrote history %d to %s: steps %s at runs %s; found %s%n", h, write,
                        Arrays.toString(Arrays.stream(size).map(x -> Math.round(1000 * x) / 10.0).toArray()),
                        Arrays.toString(at), changes.stream().map(c -> c.index() + String.format(Locale.ROOT, " (%+.1f%%)",
                                100 * c.relative())).toList());
                written = true;
            }
        }
        System.out.printf(Locale.ROOT, "injected %d steps, found %d change points, %d of them at an injected step%n", injected,
                found, truePositives);
        System.out.printf(Locale.ROOT, "precision %.1f%% (%d/%d), recall %.1f%% (%d/%d)%n", 100.0 * truePositives / Math.max(1, found),
                truePositives, found, 100.0 * truePositives / Math.max(1, injected), truePositives, injected);
        String[] names = {"3-5%", "5-7%", "7-10%"};
        for (int b = 0; b < 3; b++) {
            System.out.printf(Locale.ROOT, "recall for steps of %s: %.1f%% (%d/%d)%n", names[b],
                    100.0 * bySizeFound[b] / Math.max(1, bySizeInjected[b]), bySizeFound[b], bySizeInjected[b]);
        }
        System.out.printf(Locale.ROOT, "histories without a step that had a change point: %d of %d%n", quietWithAlarm, quietHistories);
        System.out.printf(Locale.ROOT, "computed in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /** {@code count} sorted step runs in [MIN_RUNS + 2, runs - MIN_RUNS - 2], at least MIN_APART apart. */
    static int[] stepRuns(SplittableRandom random, int runs, int count) {
        int lo = ChangePoints.MIN_RUNS + 2;
        int hi = runs - ChangePoints.MIN_RUNS - 2;
        while (true) {
            int[] at = new int[count];
            for (int s = 0; s < count; s++) {
                at[s] = lo + random.nextInt(hi - lo + 1);
            }
            Arrays.sort(at);
            boolean apart = true;
            for (int s = 1; s < count; s++) {
                apart &= at[s] - at[s - 1] >= MIN_APART;
            }
            if (apart) {
                return at;
            }
        }
    }

    /** One JMH JSON file per run (the row alone, its forks as rawData), in folders run-00, run-01... */
    static void writeHistory(Path dir, Trial row, List<double[][]> history) throws Exception {
        for (int r = 0; r < history.size(); r++) {
            Path run = Files.createDirectories(dir.resolve(String.format(Locale.ROOT, "run-%02d", r)));
            double[][] forks = history.get(r);
            double mean = Arrays.stream(forks).flatMapToDouble(Arrays::stream).average().orElseThrow();
            ArrayNode root = Json.MAPPER.createArrayNode();
            ObjectNode o = root.addObject();
            o.put("benchmark", row.key().benchmark());
            o.put("mode", row.key().jmhMode());
            o.put("forks", forks.length);
            ObjectNode params = o.putObject("params");
            for (Map.Entry<String, String> p : row.key().params().entrySet()) {
                params.put(p.getKey(), p.getValue());
            }
            ObjectNode pm = o.putObject("primaryMetric");
            pm.put("score", mean);
            pm.put("scoreError", Double.isFinite(row.error()) && row.score() != 0 ? row.error() / row.score() * mean : 0);
            pm.put("scoreUnit", row.unit());
            ArrayNode raw = pm.putArray("rawData");
            for (double[] f : forks) {
                ArrayNode a = raw.addArray();
                Arrays.stream(f).forEach(a::add);
            }
            Files.writeString(run.resolve("jmh.json"), Json.MAPPER.writeValueAsString(root));
        }
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
