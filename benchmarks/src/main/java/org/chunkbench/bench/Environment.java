package org.chunkbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.Backends;

/**
 * The environment manifest (env.json): what a reader needs to trust or reproduce a run. Every probe that can
 * fail records why instead of failing the run.
 */
public final class Environment {
    /** Set by the kernel VM runner: timings under emulation are not benchmark results. */
    public static final String IN_VM = "CHUNKBENCH_IN_VM";
    static final String[] AES_FLAGS = {"UseAES", "UseAESIntrinsics", "UseAESCTRIntrinsics", "UseAVX"};

    private Environment() {
    }

    public static ObjectNode collect(ObjectMapper json) {
        ObjectNode env = json.createObjectNode();
        env.put("host", hostName());
        env.put("emulated", "1".equals(System.getenv(IN_VM)));
        env.set("cpu", cpu(json));
        ObjectNode os = env.putObject("os");
        os.put("name", System.getProperty("os.name"));
        os.put("kernelRelease", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        env.set("afAlg", afAlg(json));
        env.set("jvm", jvm(json));
        env.set("backends", backends(json));
        env.set("git", git(json));
        return env;
    }

    public static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static ObjectNode cpu(ObjectMapper json) {
        ObjectNode cpu = json.createObjectNode();
        cpu.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = null;
            int logical = 0;
            TreeSet<String> flags = new TreeSet<>();
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (key.equals("processor")) {
                    logical++;
                } else if (key.equals("model name") && model == null) {
                    model = value;
                } else if (key.equals("flags") && flags.isEmpty()) {
                    for (String f : value.split("\\s+")) {
                        if (f.equals("aes") || f.equals("vaes") || f.equals("pclmulqdq") || f.equals("vpclmulqdq")
                                || f.equals("avx") || f.equals("avx2") || f.startsWith("avx512") || f.equals("sha_ni")) {
                            flags.add(f);
                        }
                    }
                }
            }
            cpu.put("model", model == null ? "unknown" : model);
            cpu.put("logicalCpus", logical);
            ArrayNode f = cpu.putArray("cryptoFlags");
            flags.forEach(f::add);
        } catch (IOException e) {
            cpu.put("model", "unknown");
            cpu.put("error", "/proc/cpuinfo: " + e.getMessage());
        }
        return cpu;
    }

    private static ObjectNode afAlg(ObjectMapper json) {
        ObjectNode a = json.createObjectNode();
        if (Backends.names().contains("kernel")) {
            Backend kernel = Backends.get("kernel");
            Availability av = kernel.availability();
            a.put("source", "kernel backend");
            a.put("available", av.available());
            if (!av.available()) {
                a.put("reason", av.reason());
            }
            ArrayNode d = a.putArray("details");
            kernel.details().forEach(d::add);
            a.set("kernelTraits", kernelTraits(json));
        } else {
            a.put("source", "socket(AF_ALG) probe (no kernel backend in this build)");
            String reason = AfAlgProbe.unavailableReason();
            a.put("available", reason == null);
            if (reason != null) {
                a.put("reason", reason);
            }
        }
        a.set("ctrAesDrivers", procCryptoCtrAes(json, Path.of("/proc/crypto")));
        return a;
    }

    // --- kernel AF_ALG traits (issue 13): one call, kept apart so that it can move with env.json's restructuring.
    /** The kernel backend's probe of this kernel: version, ctr(aes) drivers, key-by-serial, zero-copy, denial. */
    static com.fasterxml.jackson.databind.JsonNode kernelTraits(ObjectMapper json) {
        return json.valueToTree(org.chunkbench.backends.kernel.KernelTraits.probe().fields());
    }
    // --- end of kernel AF_ALG traits

    /**
     * The {@code ctr(aes)} entries of /proc/crypto, highest priority first: the first is the one a plain
     * {@code bind} to {@code ctr(aes)} gets. The kernel lists a template instance only once something used it.
     */
    static ArrayNode procCryptoCtrAes(ObjectMapper json, Path procCrypto) {
        ArrayNode out = json.createArrayNode();
        List<Map<String, String>> entries = new ArrayList<>();
        try {
            Map<String, String> cur = new LinkedHashMap<>();
            for (String line : Files.readAllLines(procCrypto, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    if (!cur.isEmpty()) {
                        entries.add(cur);
                    }
                    cur = new LinkedHashMap<>();
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    cur.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
            if (!cur.isEmpty()) {
                entries.add(cur);
            }
        } catch (IOException e) {
            return out;
        }
        entries.stream().filter(e -> "ctr(aes)".equals(e.get("name")))
                .sorted((x, y) -> Integer.compare(priority(y), priority(x)))
                .forEach(e -> {
                    ObjectNode n = out.addObject();
                    n.put("driver", e.getOrDefault("driver", "?"));
                    n.put("module", e.getOrDefault("module", "?"));
                    n.put("priority", priority(e));
                    n.put("selftest", e.getOrDefault("selftest", "?"));
                });
        return out;
    }

    private static int priority(Map<String, String> e) {
        try {
            return Integer.parseInt(e.getOrDefault("priority", "0"));
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    private static ObjectNode jvm(ObjectMapper json) {
        ObjectNode j = json.createObjectNode();
        for (String p : new String[] {"java.vendor", "java.version", "java.runtime.version", "java.vm.name", "java.vm.version", "java.home"}) {
            j.put(p, System.getProperty(p));
        }
        ObjectNode flags = j.putObject("aesFlags");
        j.put("aesFlagsNote", "of the JVM that launched the forks; forks run the same java binary with the same flags "
                + "unless --jmh adds -jvmArgs");
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            for (String f : AES_FLAGS) {
                try {
                    VMOption o = hs.getVMOption(f);
                    flags.put(f, o.getValue());
                } catch (IllegalArgumentException e) {
                    flags.put(f, "not a flag of this JVM");
                }
            }
        } catch (RuntimeException | LinkageError e) {
            flags.put("error", "no HotSpotDiagnosticMXBean: " + e.getMessage());
        }
        ArrayNode args = j.putArray("inputArguments");
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(args::add);
        return j;
    }

    private static ArrayNode backends(ObjectMapper json) {
        ArrayNode arr = json.createArrayNode();
        for (Backend b : Backends.all()) {
            ObjectNode n = arr.addObject();
            n.put("name", b.name());
            n.put("description", b.description());
            Availability a = b.availability();
            n.put("available", a.available());
            if (a.available()) {
                n.put("version", b.version());
            } else {
                n.put("reason", a.reason());
            }
            ArrayNode d = n.putArray("details");
            b.details().forEach(d::add);
        }
        return arr;
    }

    /** The repository the jar was built from (or the working directory), its commit and whether it was dirty. */
    private static ObjectNode git(ObjectMapper json) {
        ObjectNode g = json.createObjectNode();
        Path dir = repositoryGuess();
        g.put("directory", dir.toString());
        try {
            String commit = run(dir, "git", "rev-parse", "HEAD");
            g.put("commit", commit);
            String status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
            g.put("dirty", !status.isEmpty());
            String describe = run(dir, "git", "describe", "--always", "--dirty");
            g.put("describe", describe);
        } catch (IOException e) {
            g.put("commit", "unknown");
            g.put("error", e.getMessage());
        }
        return g;
    }

    private static Path repositoryGuess() {
        try {
            Path jar = Path.of(Environment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // benchmarks/target/benchmarks.jar or benchmarks/target/classes
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            if (root != null && root.getParent() != null && Files.exists(root.getParent().resolve("pom.xml"))) {
                return root.getParent();
            }
        } catch (Exception e) {
            // fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    private static String run(Path dir, String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", cmd) + " interrupted");
        }
    }
}
