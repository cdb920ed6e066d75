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
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.kernel.KernelTraits;
import org.chunkbench.backends.kernel.ProcCrypto;
import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.Programs;

/**
 * Collects the environment manifest ({@link EnvManifest}, env.json): what a reader needs to trust or reproduce a
 * run. Every probe that can fail records why instead of failing the run.
 */
public final class Environment {
    /** Set by the kernel VM runner: timings under emulation are not benchmark results. */
    public static final String IN_VM = "CHUNKBENCH_IN_VM";
    /** The backend that speaks AF_ALG; it is always registered, available or not. */
    static final String KERNEL_BACKEND = "kernel";
    static final String[] AES_FLAGS = {"UseAES", "UseAESIntrinsics", "UseAESCTRIntrinsics", "UseAVX"};

    private Environment() {
    }

    /** Everything but the run section, which the run command adds ({@link EnvManifest#withRun}). */
    public static EnvManifest collect() {
        return new EnvManifest(hostName(), "1".equals(System.getenv(IN_VM)), cpu(),
                new EnvManifest.Os(System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch")),
                afAlg(), jvm(), backends(), git(), null);
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

    private static EnvManifest.Cpu cpu() {
        int available = Runtime.getRuntime().availableProcessors();
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
            return new EnvManifest.Cpu(available, model == null ? "unknown" : model, logical, List.copyOf(flags), null);
        } catch (IOException e) {
            return new EnvManifest.Cpu(available, "unknown", null, null, "/proc/cpuinfo: " + e.getMessage());
        }
    }

    /** The kernel backend's own view (it is always registered), and the ctr(aes) drivers, highest priority first. */
    private static EnvManifest.AfAlg afAlg() {
        Backend kernel = Backends.get(KERNEL_BACKEND);
        Availability av = kernel.availability();
        List<EnvManifest.Driver> drivers = new ArrayList<>();
        try {
            // The kernel lists a template instance only once something used it; the first is what a plain bind gets.
            for (ProcCrypto.Entry e : ProcCrypto.read().driversOf("ctr(aes)")) {
                drivers.add(new EnvManifest.Driver(e.driver(), e.module(), e.priority(), e.selftest()));
            }
        } catch (IOException e) {
            // no /proc/crypto (not Linux, or a container without it): no drivers listed
        }
        return new EnvManifest.AfAlg("kernel backend", av.available(), av.available() ? null : av.reason(),
                List.copyOf(kernel.details()), drivers, KernelTraits.probe().fields());
    }

    static EnvManifest.Jvm jvm() {
        Map<String, String> flags = aesFlags(forkJava(), forkFlags());
        return new EnvManifest.Jvm(System.getProperty("java.vendor"), System.getProperty("java.version"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), flags,
                "asked of the java that runs the forks (-XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal, with this JVM's "
                        + "-XX options); forks run the same java binary with the same flags unless --jmh adds -jvmArgs",
                List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    }

    /** The java binary JMH forks run by default: this JVM's. */
    static Path forkJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** This JVM's -XX options, which the forks inherit and which can change the flags (-XX:-UseAESIntrinsics). */
    static List<String> forkFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX:")).toList();
    }

    static final String NOT_A_FLAG = "not a flag of this JVM";

    /**
     * The AES flags as the fork's JVM sets them. UseAESIntrinsics and UseAESCTRIntrinsics are diagnostic flags:
     * HotSpot lists them (in PrintFlagsFinal and in HotSpotDiagnosticMXBean) only when diagnostic options are
     * unlocked, so the MXBean of a JVM started without -XX:+UnlockDiagnosticVMOptions says they do not exist. Asking
     * {@code java -XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -version} reads them as they are; when that
     * cannot run, this JVM's MXBean answers, and a flag it cannot see is marked as such rather than "not a flag".
     */
    static Map<String, String> aesFlags(Path java, List<String> xxFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("-XX:+UnlockDiagnosticVMOptions");
        cmd.addAll(xxFlags);
        cmd.add("-XX:+PrintFlagsFinal");
        cmd.add("-version");
        String why;
        try {
            Path dir = Path.of("").toAbsolutePath();
            return printFlagsFinal(run(dir, cmd.toArray(new String[0])), AES_FLAGS);
        } catch (IOException e) {
            why = e.getMessage();
        }
        Map<String, String> flags = new LinkedHashMap<>();
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            for (String f : AES_FLAGS) {
                try {
                    VMOption o = hs.getVMOption(f);
                    flags.put(f, o.getValue());
                } catch (IllegalArgumentException e) {
                    flags.put(f, "unknown (hidden from the MXBean unless -XX:+UnlockDiagnosticVMOptions)");
                }
            }
        } catch (RuntimeException | LinkageError e) {
            flags.put("error", "no HotSpotDiagnosticMXBean: " + e.getMessage());
        }
        flags.put("source", "this JVM's HotSpotDiagnosticMXBean; " + java + " -XX:+PrintFlagsFinal failed: "
                + (why == null ? "?" : why.lines().findFirst().orElse("")));
        return flags;
    }

    /**
     * The values of {@code names} in {@code -XX:+PrintFlagsFinal} output, whose lines read
     * {@code "     bool UseAESIntrinsics                   = true            {diagnostic} {default}"}; a name the JVM
     * does not list is {@link #NOT_A_FLAG} (UseAVX on aarch64).
     */
    static Map<String, String> printFlagsFinal(String output, String... names) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] t = line.trim().split("\\s+");
            // type name = value {kind} {origin}; the value of a ccstr flag may be empty
            if (t.length >= 3 && t[2].equals("=")) {
                found.put(t[1], t.length >= 4 && !t[3].startsWith("{") ? t[3] : "");
            }
        }
        if (found.isEmpty()) {
            throw new IOException("no flags in its output: " + output.strip().lines().findFirst().orElse("(none)"));
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (String n : names) {
            flags.put(n, found.getOrDefault(n, NOT_A_FLAG));
        }
        return flags;
    }


    private static List<EnvManifest.BackendInfo> backends() {
        List<EnvManifest.BackendInfo> out = new ArrayList<>();
        for (Backend b : Backends.all()) {
            Availability a = b.availability();
            out.add(new EnvManifest.BackendInfo(b.name(), b.description(), a.available(), a.available() ? b.version() : null,
                    a.available() ? null : a.reason(), List.copyOf(b.details())));
        }
        return out;
    }

    /**
     * The repository the jar (or target/classes) was built in, its commit and whether it was dirty. Never the
     * working directory: git runs commands a repository's .git/config names (core.fsmonitor, for one), and the
     * working directory may be a results folder from anyone. {@code codeSource}: where this class was loaded from.
     */
    static EnvManifest.Git git(Path codeSource) {
        // benchmarks/target/benchmarks.jar or benchmarks/target/classes, below the project's pom.xml
        Path target = codeSource.toAbsolutePath().getParent();
        Path project = target == null || target.getParent() == null ? null : target.getParent().getParent();
        if (project == null || !Files.exists(project.resolve("pom.xml"))) {
            return new EnvManifest.Git(null, null, null, "chunkbench was not built in a git repository (it ran from "
                    + codeSource.getFileName() + "); the working directory is not asked");
        }
        Optional<Path> git = Programs.onPath("git");
        if (git.isEmpty()) {
            return new EnvManifest.Git("unknown", null, null, "git is not installed");
        }
        try {
            String commit = run(project, git.get().toString(), "rev-parse", "HEAD");
            String status = run(project, git.get().toString(), "status", "--porcelain", "--untracked-files=no");
            String describe = run(project, git.get().toString(), "describe", "--always", "--dirty");
            return new EnvManifest.Git(commit, !status.isEmpty(), describe, null);
        } catch (IOException e) {
            // git's own words may name the repository's path (safe.directory, say): a path of this machine only
            return new EnvManifest.Git("unknown", null, null, e.getMessage().replace(project.toString(), "<repository>"));
        }
    }

    private static EnvManifest.Git git() {
        try {
            return git(Path.of(Environment.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            return new EnvManifest.Git(null, null, null, "where chunkbench runs from is unknown: " + e);
        }
    }

    /** {@code cmd[0]} the program's path, which the error names by its file name only. */
    private static String run(Path dir, String... cmd) throws IOException {
        String named = Path.of(cmd[0]).getFileName() + " " + String.join(" ", List.of(cmd).subList(1, cmd.length));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(named + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(named + " interrupted");
        }
    }
}
