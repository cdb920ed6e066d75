import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.chunkbench.compare.ForkStatistics;
import org.chunkbench.compare.Judge;
import org.chunkbench.compare.RowComparison;
import org.chunkbench.compare.RunResults;
import org.chunkbench.compare.Verdict;
import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

/**
 * Resampling false-alarm and power study of compare's statistics (issue 20) over recorded per-fork data. Computation
 * only: it reads recorded runs and never measures anything.
 *
 * <p>Usage: {@code java -cp benchmarks.jar experiments/gate/Study.java [--splits N] [--seed S] [--forks K] POOL...}
 * where each POOL is one or more recorded runs of one configuration (JMH JSON files or results folders, comma
 * separated, as a side of compare); their forks are pooled per row. Rows with fewer than 2 forks are left out.
 *
 * <p>The model: a row's recorded forks are draws from that row's fork distribution on that machine, and forks are
 * exchangeable when nothing changed. Each draw builds a table of every row and judges it with compare's defaults
 * (threshold 3%, alpha 0.01 with Holm across the table, max detectable effect 10%):
 * <ul>
 * <li>{@code split} (without replacement): the row's forks shuffled and split in halves, base and head; this is an
 * exact A/A under exchangeability but only as many forks per side as were recorded;</li>
 * <li>{@code resample K} (with --forks K): K forks per side drawn with replacement from the row's forks, each
 * drawn fork moved by its own small jitter (the median absolute deviation of the pool divided by 4, normal) so that
 * duplicates do not tie; this asks what the gate would do with K forks per side if the machine's fork distribution
 * were the recorded one, and it understates rare forks that the recording never saw.</li>
 * </ul>
 * Injected loss: the same draw with every head fork's iterations multiplied by (1 - loss) on a throughput row (divided
 * on a time-per-operation row), for loss 5% and 10%, on every row at once (Holm's hardest case: no row is tested at a
 * level easier than alpha / rows ... until the first one is rejected). False-alarm rate: the share of A/A tables
 * with any regression. Power: per row, the share of injected tables where that row was a regression.
 */
public final class Study {
    public static void main(String[] args) {
        int splits = 500;
        long seed = 20261208L;
        int forks = 0;
        List<String> pools = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--splits" -> splits = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--forks" -> forks = Integer.parseInt(args[++i]);
                default -> pools.add(args[i]);
            }
        }
        if (pools.isEmpty()) {
            System.err.println("usage: Study [--splits N] [--seed S] [--forks K] RUN[,RUN...]...");
            System.exit(2);
        }
        Map<TrialKey, Trial> rows = new LinkedHashMap<>();
        Map<TrialKey, String> source = new LinkedHashMap<>();
        for (String pool : pools) {
            List<Path> paths = Arrays.stream(pool.split(",")).map(Path::of).toList();
            RunResults r = RunResults.load(paths);
            r.rows().forEach((k, t) -> {
                long n = Arrays.stream(t.forks()).filter(f -> f.length > 0).count();
                if (n >= 2 && rows.putIfAbsent(k, t) == null) {
                    source.put(k, Path.of(paths.get(0).toString()).getFileName() + (paths.size() > 1 ? " +" + (paths.size() - 1) : ""));
                }
            });
        }
        Judge judge = new Judge(0.03, 0.01, 0.10);
        String mode = forks > 0 ? "resample " + forks + " forks per side" : "split (without replacement)";
        System.out.printf(Locale.ROOT, "# %d rows, %d draws, seed %d, mode: %s; compare defaults (3%%, alpha 0.01 Holm, max MDE 10%%)%n",
                rows.size(), splits, seed, mode);
        double[] losses = {0, 0.05, 0.10};
        List<TrialKey> keys = new ArrayList<>(rows.keySet());
        int[][] flagged = new int[losses.length][keys.size()];
        double[][] mdes = new double[keys.size()][splits];
        int[] alarmTables = new int[losses.length];
        Map<Verdict, Integer> aaVerdicts = new java.util.EnumMap<>(Verdict.class);
        for (int l = 0; l < losses.length; l++) {
            Random rnd = new Random(seed); // the same draws for every loss: paired comparison of the scenarios
            for (int s = 0; s < splits; s++) {
                List<Trial[]> table = new ArrayList<>();
                for (TrialKey k : keys) {
                    table.add(draw(rows.get(k), rnd, forks, losses[l]));
                }
                List<RowComparison> judged = judge.judgeAll(table);
                boolean any = false;
                for (int i = 0; i < judged.size(); i++) {
                    RowComparison r = judged.get(i);
                    if (r.verdict() == Verdict.REGRESSION) {
                        flagged[l][i]++;
                        any = true;
                    }
                    if (l == 0) {
                        mdes[i][s] = r.mde();
                        aaVerdicts.merge(r.verdict(), 1, Integer::sum);
                    }
                }
                alarmTables[l] += any ? 1 : 0;
            }
        }
        System.out.println();
        System.out.println("| row | from | forks | A/A flagged | power 5% | power 10% | median MDE |");
        System.out.println("|---|---|--:|--:|--:|--:|--:|");
        double[] rowMde = new double[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            TrialKey k = keys.get(i);
            rowMde[i] = ForkStatistics.median(mdes[i]);
            System.out.printf(Locale.ROOT, "| %s %s | %s | %d | %s | %s | %s | %s |%n", k.shortBenchmark(), k.paramsText(), source.get(k),
                    Judge.logForks(rows.get(k)).length, share(flagged[0][i], splits), share(flagged[1][i], splits),
                    share(flagged[2][i], splits), percent(rowMde[i]));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "A/A tables with any regression (family-wise false alarms): %d of %d (%s)%n",
                alarmTables[0], splits, share(alarmTables[0], splits));
        System.out.printf(Locale.ROOT, "A/A verdicts over all rows and draws: %s%n", aaVerdicts);
        for (int l = 1; l < losses.length; l++) {
            int sum = Arrays.stream(flagged[l]).sum();
            System.out.printf(Locale.ROOT, "injected %.0f%% loss on every row: %s of row verdicts flagged (mean per-row power)%n",
                    losses[l] * 100, share(sum, splits * keys.size()));
        }
        System.out.printf(Locale.ROOT, "median over rows of the median MDE: %s%n", percent(ForkStatistics.median(rowMde)));
    }

    /** One {baseline, current} pair of trials drawn from a row's recorded forks. */
    static Trial[] draw(Trial row, Random rnd, int forks, double loss) {
        double[][] all = Arrays.stream(row.forks()).filter(f -> f.length > 0).toArray(double[][]::new);
        double[][] base;
        double[][] head;
        if (forks <= 0) {
            List<double[]> shuffled = new ArrayList<>(Arrays.asList(all));
            java.util.Collections.shuffle(shuffled, rnd);
            int half = shuffled.size() / 2;
            base = shuffled.subList(0, half).toArray(double[][]::new);
            head = shuffled.subList(half, 2 * half).toArray(double[][]::new);
        } else {
            double[] logs = Judge.logForks(row);
            double jitter = ForkStatistics.mad(logs) / 4;
            base = new double[forks][];
            head = new double[forks][];
            for (int i = 0; i < forks; i++) {
                base[i] = jittered(all[rnd.nextInt(all.length)], rnd, jitter);
                head[i] = jittered(all[rnd.nextInt(all.length)], rnd, jitter);
            }
        }
        boolean higher = row.direction() == ScoreDirection.HIGHER_IS_BETTER;
        double factor = higher ? 1 - loss : 1 / (1 - loss);
        double[][] slowed = Arrays.stream(head).map(f -> Arrays.stream(f).map(v -> v * factor).toArray()).toArray(double[][]::new);
        return new Trial[] {Trial.fromSamples(row.key(), row.unit(), base), Trial.fromSamples(row.key(), row.unit(), slowed)};
    }

    static double[] jittered(double[] fork, Random rnd, double sd) {
        double m = Math.exp(sd * rnd.nextGaussian());
        return Arrays.stream(fork).map(v -> v * m).toArray();
    }

    static String share(int k, int n) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * k / n);
    }

    static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v * 100) : "\u221e";
    }
}
