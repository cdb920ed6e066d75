package org.chunkbench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fixture is the jmh.json and env.json of a real {@code chunkbench run --smoke} on the development machine
 * (6 series: five backends and the baseline, chunk sizes 64 and 4096, stream mode, heap buffers; the kernel backend
 * left out because this machine's kernel has no AF_ALG).
 */
public final class Fixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A results folder holding only the fixture's two JSON files, as a run leaves it before the report. */
    public static Path smokeFolder(Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("smoke"));
        for (String f : new String[] {"jmh.json", "env.json", "jmh.log"}) {
            try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/smoke/" + f)) {
                if (in == null) {
                    throw new IOException("fixture " + f + " missing from test resources");
                }
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir;
    }

    static ArrayNode jmh(Path dir) throws IOException {
        return (ArrayNode) JSON.readTree(dir.resolve("jmh.json").toFile());
    }

    static void writeJmh(Path dir, JsonNode root) throws IOException {
        JSON.writeValue(dir.resolve("jmh.json").toFile(), root);
    }

    static ObjectNode env(Path dir) throws IOException {
        return (ObjectNode) JSON.readTree(dir.resolve("env.json").toFile());
    }

    /** The fixture entry of one series at one chunk size. */
    static ObjectNode entry(ArrayNode root, String backend, int chunk) {
        for (JsonNode b : root) {
            boolean baseline = b.path("benchmark").asText().endsWith(".baseline");
            String name = baseline ? Results.BASELINE : b.path("params").path("backend").asText();
            if (name.equals(backend) && b.path("params").path("chunkSize").asInt() == chunk) {
                return (ObjectNode) b;
            }
        }
        throw new AssertionError("fixture has no " + backend + " at " + chunk);
    }

    /** Gives one trial a confidence interval of ±{@code share} of its score. */
    static void setError(ObjectNode entry, double share) {
        ObjectNode pm = (ObjectNode) entry.path("primaryMetric");
        double score = pm.path("score").asDouble();
        pm.put("scoreError", score * share);
        ArrayNode ci = pm.putArray("scoreConfidence");
        ci.add(score * (1 - share));
        ci.add(score * (1 + share));
    }
}
