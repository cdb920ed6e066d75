package org.chunkbench.compare;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.cli.Main;
import org.chunkbench.results.Json;
import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

/**
 * The real JMH run in src/test/resources/compare/jmh-quick.json (2 forks x 5 iterations, made on this project's
 * 2-core machine while it was busy) and copies of it with known changes. Every copy rewrites score, scoreError and
 * scoreConfidence from the changed samples the way JMH computes them, so nothing but the samples tells the truth.
 */
public final class Fixtures {
    public static final String FIXTURE = "/compare/jmh-quick.json";

    private Fixtures() {
    }

    public static Path fixture() {
        try {
            return Path.of(Fixtures.class.getResource(FIXTURE).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ArrayNode load() {
        try {
            return (ArrayNode) Json.MAPPER.readTree(fixture().toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Predicate<JsonNode> row(String method, String backend, String chunk) {
        return r -> r.get("benchmark").asText().endsWith("." + method)
                && r.get("params").get("backend").asText().equals(backend)
                && r.get("params").get("chunkSize").asText().equals(chunk);
    }

    /**
     * A plausible re-run: every sample moves by its row's own within-fork scatter (relative standard deviation of the
     * iterations around their fork's mean), and every fork moves by a further 1%, as separate JVM launches do.
     */
    public static ArrayNode noisyCopy(ArrayNode run, long seed) {
        Random rnd = new Random(seed);
        ArrayNode copy = run.deepCopy();
        for (JsonNode r : copy) {
            ArrayNode raw = (ArrayNode) r.get("primaryMetric").get("rawData");
            double within = withinForkRelativeSd(raw);
            for (JsonNode fork : raw) {
                double forkFactor = 1 + 0.01 * rnd.nextGaussian();
                ArrayNode f = (ArrayNode) fork;
                for (int i = 0; i < f.size(); i++) {
                    f.set(i, f.get(i).asDouble() * forkFactor * (1 + within * rnd.nextGaussian()));
                }
            }
            rescore(r);
        }
        return copy;
    }

    /** Forks per row of {@link #loadForked}: enough for the fork-level statistics to reach alpha 0.01 over 8 rows. */
    public static final int FORKS = 8;
    /** The committed {@value #FORKS}-fork copy of the fixture (the CI stage uses it) and its copy with one row 10% slower. */
    public static final String FORKED = "src/test/resources/compare/jmh-quick-8forks.json";
    public static final String FORKED_SLOWER = "src/test/resources/compare/jmh-quick-8forks-bc-lightweight-4096-slower.json";

    /**
     * The real run with {@code forks} forks per row instead of its two: fork i re-runs recorded fork i mod 2, moved
     * by 1% (a JVM launch) and each sample by the row's own within-fork scatter, as {@link #noisyCopy} does.
     */
    public static ArrayNode withForks(ArrayNode run, int forks, long seed) {
        Random rnd = new Random(seed);
        ArrayNode copy = run.deepCopy();
        for (JsonNode r : copy) {
            ObjectNode pm = (ObjectNode) r.get("primaryMetric");
            ArrayNode raw = (ArrayNode) pm.get("rawData");
            double within = withinForkRelativeSd(raw);
            ArrayNode more = Json.MAPPER.createArrayNode();
            for (int i = 0; i < forks; i++) {
                JsonNode from = raw.get(i % raw.size());
                double forkFactor = 1 + 0.01 * rnd.nextGaussian();
                ArrayNode f = more.addArray();
                for (JsonNode v : from) {
                    f.add(v.asDouble() * forkFactor * (1 + within * rnd.nextGaussian()));
                }
            }
            pm.set("rawData", more);
            ((ObjectNode) r).put("forks", forks);
            rescore(r);
        }
        return copy;
    }

    /** The fixture with {@value #FORKS} forks per row (seed 1): what {@link #FORKED} holds. */
    public static ArrayNode loadForked() {
        return withForks(load(), FORKS, 1);
    }

    /**
     * The same run as if the machine had been quiet: every fork mean moves toward the row's mean and every sample
     * toward its fork's mean, keeping the shape of the scatter (outliers, bimodal forks) at a fraction of its size.
     */
    public static ArrayNode calmer(ArrayNode run, double fraction) {
        ArrayNode copy = run.deepCopy();
        for (JsonNode r : copy) {
            JsonNode raw = r.get("primaryMetric").get("rawData");
            double rowMean = 0;
            int n = 0;
            for (JsonNode fork : raw) {
                for (JsonNode v : fork) {
                    rowMean += v.asDouble();
                    n++;
                }
            }
            rowMean /= n;
            for (JsonNode fork : raw) {
                ArrayNode f = (ArrayNode) fork;
                double forkMean = 0;
                for (JsonNode v : f) {
                    forkMean += v.asDouble() / f.size();
                }
                double calmFork = rowMean + fraction * (forkMean - rowMean);
                for (int i = 0; i < f.size(); i++) {
                    f.set(i, calmFork * (1 + fraction * (f.get(i).asDouble() / forkMean - 1)));
                }
            }
            rescore(r);
        }
        return copy;
    }

    /** Multiplies every sample of the matching rows by factor (0.9 on ops/s, or 1.1 on ns/op, is 10% slower). */
    public static ArrayNode scaled(ArrayNode run, Predicate<JsonNode> which, double factor) {
        ArrayNode copy = run.deepCopy();
        for (JsonNode r : copy) {
            if (!which.test(r)) {
                continue;
            }
            for (JsonNode fork : r.get("primaryMetric").get("rawData")) {
                ArrayNode f = (ArrayNode) fork;
                for (int i = 0; i < f.size(); i++) {
                    f.set(i, f.get(i).asDouble() * factor);
                }
            }
            rescore(r);
        }
        return copy;
    }

    /** Factor that makes a row 10% slower (or with 0.9/1.1 swapped, faster) in its own unit. */
    public static double slower(JsonNode row, double fraction) {
        boolean higherIsBetter = ScoreDirection.ofUnit(row.get("primaryMetric").get("scoreUnit").asText()) == ScoreDirection.HIGHER_IS_BETTER;
        return higherIsBetter ? 1 - fraction : 1 + fraction;
    }

    public static double withinForkRelativeSd(JsonNode raw) {
        double ss = 0;
        int df = 0;
        for (JsonNode fork : raw) {
            double mean = 0;
            for (JsonNode v : fork) {
                mean += v.asDouble();
            }
            mean /= fork.size();
            for (JsonNode v : fork) {
                double d = v.asDouble() / mean - 1;
                ss += d * d;
            }
            df += fork.size() - 1;
        }
        return Math.sqrt(ss / df);
    }

    public static void rescore(JsonNode r) {
        ObjectNode pm = (ObjectNode) r.get("primaryMetric");
        JsonNode raw = pm.get("rawData");
        double[][] forks = new double[raw.size()][];
        for (int f = 0; f < raw.size(); f++) {
            forks[f] = new double[raw.get(f).size()];
            for (int i = 0; i < forks[f].length; i++) {
                forks[f][i] = raw.get(f).get(i).asDouble();
            }
        }
        Trial b = Trial.fromSamples(TrialKey.of("x", "x", java.util.Map.of()), pm.get("scoreUnit").asText(), forks);
        pm.put("score", b.score());
        pm.put("scoreError", b.error());
        ArrayNode ci = pm.putArray("scoreConfidence");
        ci.add(b.score() - b.error());
        ci.add(b.score() + b.error());
    }

    public static Path write(Path dir, String name, JsonNode json) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, Json.MAPPER.writer().writeValueAsString(json));
        return p;
    }

    public static Comparison compare(JsonNode baseline, JsonNode current, Path dir) throws IOException {
        Path b = write(dir, "baseline.json", baseline);
        Path c = write(dir, "current.json", current);
        return Comparison.of(RunResults.load(b), RunResults.load(c), new Judge(0.03, 0.01, 0.10));
    }

    public record Run(int status, String out, String err) {
    }

    public static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }
}
