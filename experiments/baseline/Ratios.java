import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Ratio table from ratios.sh's and run.sh's JMH JSON files: one benchmark method against another per mode, buffer and
 * chunk size. A single-file program (no Python in this project), run with the shaded jar for Jackson:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar experiments/baseline/Ratios.java [--num M] [--den M] FILE...</pre>
 *
 * CPU time per operation (perf's task-clock secondary metric) is shown beside wall-clock scores: unlike wall time it
 * does not count the time the benchmark thread waited for a core, which on a shared machine is most of the noise.
 */
public class Ratios {
    record Row(double score, double error, List<Double> forks, Double alloc, Double cpu) {}

    public static void main(String[] args) throws Exception {
        String num = "chunked", den = "baseline";
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--num" -> num = args[++i];
                case "--den" -> den = args[++i];
                default -> files.add(args[i]);
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: Ratios [--num METHOD] [--den METHOD] FILE...");
            System.exit(2);
        }
        Comparator<List<String>> order = Comparator.<List<String>, Boolean>comparing(k -> !k.get(0).equals("stream"))
                .thenComparing(k -> !k.get(1).equals("heap")).thenComparing(k -> Integer.parseInt(k.get(2)));
        Map<List<String>, Map<String, Row>> rows = new TreeMap<>(order);
        ObjectMapper json = new ObjectMapper();
        for (String path : files) {
            JsonNode results;
            try {
                results = json.readTree(new File(path));
            } catch (Exception e) {
                System.err.println("(skipped " + path + ": not complete JMH JSON)");
                continue;
            }
            for (JsonNode r : results) {
                JsonNode p = r.get("params");
                List<String> key = List.of(p.get("mode").asText(), p.get("buffer").asText(), p.get("chunkSize").asText());
                String bench = r.get("benchmark").asText();
                String name = bench.substring(bench.lastIndexOf('.') + 1);
                JsonNode m = r.get("primaryMetric");
                List<Double> forks = new ArrayList<>();
                for (JsonNode fork : m.get("rawData")) {
                    double sum = 0;
                    for (JsonNode v : fork) {
                        sum += v.asDouble();
                    }
                    forks.add(sum / fork.size());
                }
                JsonNode sec = r.path("secondaryMetrics");
                Double alloc = sec.has("gc.alloc.rate.norm") ? sec.get("gc.alloc.rate.norm").get("score").asDouble() : null;
                Double cpu = sec.has("task-clock") ? sec.get("task-clock").get("score").asDouble() : null;
                double err = m.get("scoreError").isNumber() ? m.get("scoreError").asDouble() : Double.NaN; // "NaN" with one sample
                rows.computeIfAbsent(key, k -> new TreeMap<>()).put(name, new Row(m.get("score").asDouble(), err, forks, alloc, cpu));
            }
        }
        System.out.printf("| mode | buffer | chunk | %1$s ops/s | %2$s ops/s | %2$s/%1$s | per-fork ratios | CPU ns/op %1$s, %2$s "
                + "| CPU-time ratio | alloc B/op %1$s, %2$s |%n", den, num);
        System.out.println("|---|---|---:|---:|---:|---:|---|---:|---:|---|");
        for (var e : rows.entrySet()) {
            Row b = e.getValue().get(den), c = e.getValue().get(num);
            if (b == null || c == null) {
                continue;
            }
            StringBuilder perFork = new StringBuilder();
            for (int i = 0; i < Math.min(b.forks().size(), c.forks().size()); i++) {
                perFork.append(i == 0 ? "" : ", ").append(String.format("%.3f", c.forks().get(i) / b.forks().get(i)));
            }
            String alloc = fmtAlloc(b.alloc()) + ", " + fmtAlloc(c.alloc());
            String cpu = "-", cpuRatio = "-";
            if (b.cpu() != null && c.cpu() != null && b.cpu() > 0 && c.cpu() > 0) {
                cpu = String.format("%.4g, %.4g", b.cpu() * 1e6, c.cpu() * 1e6);
                cpuRatio = String.format("**%.3f**", b.cpu() / c.cpu());
            }
            System.out.printf("| %s | %s | %s | %.4g ± %.2g | %.4g ± %.2g | **%.3f** | %s | %s | %s | %s |%n",
                    e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), b.score(), b.error(), c.score(), c.error(),
                    c.score() / b.score(), perFork, cpu, cpuRatio, alloc);
        }
    }

    private static String fmtAlloc(Double a) {
        return a == null ? "-" : String.format("%.1f", a);
    }
}
