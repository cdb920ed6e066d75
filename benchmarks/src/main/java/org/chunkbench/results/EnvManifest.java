package org.chunkbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * env.json: what a reader needs to trust or reproduce a run. Written by {@code run} alone (collected by
 * {@code bench.Environment}, the {@link RunInfo} section by the run command), read by the report, its check,
 * compare and history. Every field is nullable: an older or foreign file may lack any of them, and
 * {@code report --check} says which.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvManifest(String host, Boolean emulated, Cpu cpu, Os os, AfAlg afAlg, Jvm jvm, List<BackendInfo> backends,
        Git git, RunInfo run) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cpu(Integer availableProcessors, String model, Integer logicalCpus, List<String> cryptoFlags, String error) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Os(String name, String kernelRelease, String arch) {
    }

    /**
     * What the kernel crypto API offers here; {@code ctrAesDrivers} highest priority first; {@code kernelTraits} the
     * kernel backend's probe of this kernel (version, key by serial, splice zero-copy, denial), as it words them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AfAlg(String source, Boolean available, String reason, List<String> details, List<Driver> ctrAesDrivers,
            Map<String, Object> kernelTraits) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Driver(String driver, String module, Integer priority, String selftest) {
    }

    /**
     * System properties of the JVM that launched the forks, and its AES flags. No {@code java.home}: where the JDK is
     * installed is a path of one machine, the vendor and versions say which JDK it is (issue 21; older files that have
     * it still read, the field is ignored).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Jvm(@JsonProperty("java.vendor") String vendor, @JsonProperty("java.version") String version,
            @JsonProperty("java.runtime.version") String runtimeVersion, @JsonProperty("java.vm.name") String vmName,
            @JsonProperty("java.vm.version") String vmVersion, Map<String, String> aesFlags, String aesFlagsNote,
            List<String> inputArguments) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BackendInfo(String name, String description, Boolean available, String version, String reason,
            List<String> details) {
    }

    /**
     * The commit chunkbench was built from. No {@code directory}: the repository's path is of one machine (issue 21);
     * older files that have {@code git.directory} still read, the field is ignored.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Git(String commit, Boolean dirty, String describe, String error) {
    }

    /**
     * The run itself: written when it starts ({@code status} "running") and again when it ends. {@code variants}: every
     * variant the run planned (run or left out), spelled as its rows spell it, with its kind, {@code backend} or
     * {@code control} ({@link RowKinds}); absent in files written before it was recorded.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunInfo(String command, String preset, String startedUtc, Integer trialsPlanned, Long estimatedSeconds,
            List<Unavailable> unavailableBackends, JmhSettings jmh, String status, String finishedUtc, Long durationSeconds,
            String duration, Integer trialsCompleted, List<FailedTrial> failedTrials, String error, Map<String, String> variants) {

        public static RunInfo started(String command, String preset, String startedUtc, int trialsPlanned, long estimatedSeconds,
                List<Unavailable> unavailable, JmhSettings jmh, Map<String, String> variants) {
            return new RunInfo(command, preset, startedUtc, trialsPlanned, estimatedSeconds, List.copyOf(unavailable), jmh,
                    "running", null, null, null, null, null, null, variants == null ? null : new LinkedHashMap<>(variants));
        }

        /** {@code error} null when JMH itself did not stop; status complete when nothing failed. */
        public RunInfo finished(String finishedUtc, long durationSeconds, String duration, int trialsCompleted,
                List<FailedTrial> failed, String error) {
            return new RunInfo(command, preset, startedUtc, trialsPlanned, estimatedSeconds, unavailableBackends, jmh,
                    failed.isEmpty() && error == null ? "complete" : "incomplete", finishedUtc, durationSeconds, duration,
                    trialsCompleted, List.copyOf(failed), error, variants);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unavailable(String variant, String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FailedTrial(String trial, String message) {
    }

    /**
     * What JMH ran with, after the preset and the user's options were merged. {@code threads} is the first JMH run's
     * thread count; {@code threadCounts} every count of a {@code --threads LIST} run, one JMH run each (absent in files
     * written before it was recorded). {@code forkJvmArgs}: the JVM arguments on every fork's command line, the same
     * list as jmh.json's {@code jvmArgs} (absent in older files).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JmhSettings(String version, Integer forks, Integer warmupIterations, String warmupTime,
            Integer measurementIterations, String measurementTime, Integer threads, Map<String, List<String>> params,
            List<String> includes, List<String> jvmArgsAppend, List<String> profilers, String rawOptions, List<Integer> threadCounts,
            List<String> forkJvmArgs) {
    }

    public EnvManifest withRun(RunInfo r) {
        return new EnvManifest(host, emulated, cpu, os, afAlg, jvm, backends, git, r);
    }

    /** Top-level sections a complete file has, as {@code report --check} requires them. */
    public static final List<String> SECTIONS = List.of("host", "emulated", "cpu", "os", "afAlg", "jvm", "backends", "git", "run");

    public void write(Path file) throws IOException {
        ResultsFolder.write(file, Json.MAPPER.writeValueAsString(this));
    }

    /** The typed manifest of {@code file}: {@link Read#of} then {@link Read#manifest}. */
    public static EnvManifest read(Path file) {
        return Read.of(file).manifest();
    }

    /**
     * One reading of an env.json: the file parsed once, and the three views its readers need from that one tree (the
     * typed manifest, the flattened fields compare diffs, the keys the checker requires). A file whose fields have
     * other types than this record's still gives its fields and keys; only {@link #manifest()} refuses it.
     */
    public static final class Read {
        private final Path file;
        private final JsonNode tree;
        private EnvManifest manifest;

        private Read(Path file, JsonNode tree) {
            this.file = file;
            this.tree = tree;
        }

        /** Parses {@code file}; ResultsException when it cannot be read or is not JSON. */
        public static Read of(Path file) {
            return new Read(file, Json.readTree(file, "expected the environment manifest"));
        }

        /** The typed manifest (mapped once); ResultsException when a field has another type than the record's. */
        public EnvManifest manifest() {
            if (manifest != null) {
                return manifest;
            }
            try {
                manifest = Json.MAPPER.treeToValue(tree, EnvManifest.class);
                return manifest;
            } catch (JsonMappingException e) {
                throw new ResultsException(file + " is not an environment manifest: " + Json.mismatch(e));
            } catch (IOException e) {
                throw new ResultsException(file + " is not an environment manifest: " + e.getClass().getSimpleName());
            }
        }

        /** The file's top-level and {@code run.} keys that are present (what the checker compares with {@link #SECTIONS}). */
        public List<String> presentKeys() {
            List<String> keys = new ArrayList<>();
            tree.fieldNames().forEachRemaining(keys::add);
            tree.path("run").fieldNames().forEachRemaining(k -> keys.add("run." + k));
            return keys;
        }

        /**
         * Every field of the file, flattened for comparing two environments: objects become dotted keys
         * ({@code cpu.model}), arrays of objects with a name become {@code key[name]} so that they line up by name
         * ({@code backends[sunjce].version}). Fields the record does not know are kept: the other side may have them.
         */
        public SortedMap<String, String> fields() {
            SortedMap<String, String> out = new TreeMap<>();
            flatten("", tree, out);
            return out;
        }
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            boolean named = n.size() > 0;
            for (JsonNode el : n) {
                named &= el.isObject() && el.hasNonNull("name") && el.get("name").isValueNode();
            }
            if (named) {
                for (JsonNode el : n) {
                    flatten(prefix + "[" + el.get("name").asText() + "]", el, out);
                }
            } else {
                List<String> parts = new ArrayList<>();
                n.forEach(el -> parts.add(el.isValueNode() ? el.asText() : el.toString()));
                out.put(prefix, String.join(", ", parts));
            }
        } else if (!n.isNull()) {
            out.put(prefix, n.asText());
        }
    }
}
