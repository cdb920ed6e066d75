package org.chunkbench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.JmhResults;
import org.chunkbench.results.ResultsException;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.ScoreDirection;
import org.chunkbench.results.Trial;
import org.chunkbench.results.TrialKey;

/**
 * One side of a comparison: the trials of a JMH JSON file, or of a results folder ({@code jmh.json} plus, when
 * present, {@code env.json}). Several runs of one side (alternating base/head in CI) merge into one: their forks
 * are pooled. Bad input is a {@link ResultsException} with one line that names the file.
 */
public final class RunResults {
    private final String label;
    private final Map<TrialKey, Trial> rows;
    private final Map<String, String> env;
    private final List<String> warnings;
    private final EnvManifest manifest;

    private RunResults(String label, Map<TrialKey, Trial> rows, Map<String, String> env, List<String> warnings,
            EnvManifest manifest) {
        this.label = label;
        this.rows = rows;
        this.env = env;
        this.warnings = warnings;
        this.manifest = manifest;
    }

    /** The JDK the forks ran, as JMH recorded it; null if it did not. */
    public String jdkVersion() {
        return env.get(JmhResults.JDK_VERSION);
    }

    /** The kernel release from env.json; null without one (a bare JMH file) or if it lacks the field. */
    public String kernelRelease() {
        return manifest == null || manifest.os() == null ? null : manifest.os().kernelRelease();
    }

    /**
     * The kernel's AF_ALG traits in one line (availability, key by serial, the splice probe, what ctr(aes) binds), from
     * env.json's kernelTraits; null where the run recorded none (older folders, a bare JMH file).
     */
    public String afAlgTraits() {
        if (manifest == null || manifest.afAlg() == null || manifest.afAlg().kernelTraits() == null) {
            return null;
        }
        Map<String, Object> t = manifest.afAlg().kernelTraits();
        Object drivers = t.get("ctrAesDrivers");
        Object top = drivers instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> d ? d.get("driver") : "none";
        // crypto.af_alg_restrict (Linux 7.3) only where a kernel has it, so runs recorded before it line up with later ones.
        Object restrict = t.get("afAlgRestrict");
        String restriction = restrict == null || !List.of("0", "1", "2").contains(restrict.toString()) ? ""
                : ", af_alg_restrict " + restrict + ("no".equals(t.get("afAlgPrivileged")) ? " (unprivileged)" : "")
                        + (t.get("bindable") instanceof List<?> b ? ", binds " + (b.isEmpty() ? "nothing" : b.stream()
                                .map(String::valueOf).collect(java.util.stream.Collectors.joining(" "))) : "");
        return t.get("afAlg") + ", key by serial " + t.get("keyBySerial") + ", splice " + t.get("zeroCopy") + ", ctr(aes) " + top
                + restriction;
    }

    public String label() {
        return label;
    }

    /** Rows in the order of the JSON. */
    public Map<TrialKey, Trial> rows() {
        return rows;
    }

    /** Flattened environment: env.json's fields ({@code cpu.model}, {@code backends[sunjce].version}) and JMH's own. */
    public Map<String, String> env() {
        return env;
    }

    public List<String> warnings() {
        return warnings;
    }

    public static RunResults load(List<Path> paths) {
        return load(paths, false);
    }

    /**
     * The runs of one side, pooled; {@code followLinks}: the user's --follow-links ({@link ResultsFolder#refuseLinksOut}).
     * The same file twice, or two files with the same content, is refused: its forks would count twice.
     */
    public static RunResults load(List<Path> paths, boolean followLinks) {
        if (paths.size() == 1) {
            return load(paths.get(0), followLinks);
        }
        refuseDuplicates(paths, followLinks);
        List<RunResults> runs = paths.stream().map(p -> load(p, followLinks)).toList();
        Map<TrialKey, List<Trial>> byKey = new LinkedHashMap<>();
        for (RunResults r : runs) {
            r.rows.forEach((k, row) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(row));
        }
        Map<TrialKey, Trial> merged = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        byKey.forEach((k, list) -> {
            String unit = list.get(0).unit();
            for (Trial r : list) {
                if (!r.unit().equals(unit)) {
                    throw new ResultsException(k + ": unit " + unit + " in one run and " + r.unit() + " in another; cannot pool them");
                }
            }
            if (list.size() < runs.size()) {
                warnings.add(k + " is in " + list.size() + " of the " + runs.size() + " runs pooled here");
            }
            merged.put(k, list.size() == 1 ? list.get(0)
                    : Trial.fromSamples(k, unit, list.stream().flatMap(r -> Arrays.stream(r.forks())).toArray(double[][]::new)));
        });
        for (int i = 1; i < runs.size(); i++) {
            for (Map.Entry<String, String> e : runs.get(0).env.entrySet()) {
                String other = runs.get(i).env.get(e.getKey());
                if (other != null && !other.equals(e.getValue()) && EnvDiff.isRelevant(e.getKey())) {
                    warnings.add("pooled runs differ in " + e.getKey() + ": " + e.getValue() + " vs " + other);
                }
            }
        }
        runs.forEach(r -> warnings.addAll(r.warnings));
        String label = String.join(" + ", runs.stream().map(RunResults::label).toList());
        return new RunResults(label, merged, runs.get(0).env, warnings, runs.get(0).manifest);
    }

    public static RunResults load(Path path) {
        return load(path, false);
    }

    /**
     * Parts of one side that measured different rows (the gate's row groups, each pooled on its own), as one side:
     * their rows together (a row in two parts is refused), the environment of the first, every warning.
     */
    public static RunResults union(List<RunResults> parts, String label) {
        Map<TrialKey, Trial> rows = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (RunResults r : parts) {
            r.rows.forEach((k, t) -> {
                if (rows.putIfAbsent(k, t) != null) {
                    throw new ResultsException(k + " is in two row groups; give each row to one group");
                }
            });
            warnings.addAll(r.warnings);
        }
        return new RunResults(label, rows, parts.get(0).env, warnings, parts.get(0).manifest);
    }

    public static RunResults load(Path path, boolean followLinks) {
        Path jmh = jmhFile(path, followLinks);
        Path envFile = Files.isDirectory(path) ? new ResultsFolder(path).envJson() : null;
        JmhResults results = JmhResults.read(jmh);
        if (results.trials().isEmpty()) {
            throw new ResultsException(jmh + " holds no benchmark results");
        }
        for (Trial t : results.trials().values()) {
            try {
                ScoreDirection.ofUnit(t.unit());
            } catch (IllegalArgumentException e) {
                throw new ResultsException(jmh + ": " + t.key() + ": " + e.getMessage());
            }
        }
        Map<String, String> env = new TreeMap<>(results.runInfo());
        List<String> warnings = new ArrayList<>();
        EnvManifest manifest = null;
        if (envFile != null && Files.exists(envFile)) {
            try {
                EnvManifest.Read read = EnvManifest.Read.of(envFile);
                env.putAll(read.fields());
                try {
                    manifest = read.manifest();
                } catch (ResultsException e) {
                    // A foreign env.json whose fields have other types is still compared field by field.
                }
            } catch (ResultsException e) {
                warnings.add(e.getMessage() + "; environments not compared from it");
            }
        }
        return new RunResults(path.toString(), results.trials(), env, warnings, manifest);
    }

    /** The JMH JSON of {@code path}: the file itself, or a results folder's jmh.json once its links are checked. */
    private static Path jmhFile(Path path, boolean followLinks) {
        if (!Files.isDirectory(path)) {
            return path;
        }
        ResultsFolder folder = new ResultsFolder(path, followLinks);
        try {
            folder.refuseLinksOut();
        } catch (IOException e) {
            throw new ResultsException(path + ": cannot read: " + e.getMessage());
        }
        if (!Files.exists(folder.jmhJson())) {
            throw new ResultsException(path + " is a folder without " + ResultsFolder.JMH_JSON
                    + "; give a results folder or a JMH JSON file");
        }
        return folder.jmhJson();
    }

    /** The same file, or the same bytes under two names (a copy), given twice among {@code paths}. */
    private static void refuseDuplicates(List<Path> paths, boolean followLinks) {
        Map<String, Path> seen = new HashMap<>();
        for (Path p : paths) {
            Path file = jmhFile(p, followLinks);
            String digest;
            try {
                ResultsFolder.checkReadable(file);
                digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new ResultsException(file + ": cannot read: " + e.getMessage());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no SHA-256", e);
            }
            Path first = seen.putIfAbsent(digest, p);
            if (first != null) {
                throw new ResultsException((isSameFile(first, p) ? p + " is given twice on one side"
                        : p + " holds the same results as " + first) + "; pooling a run with itself would count its forks twice");
            }
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
