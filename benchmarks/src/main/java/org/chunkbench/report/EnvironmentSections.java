package org.chunkbench.report;

import static org.chunkbench.report.MarkdownText.cell;
import static org.chunkbench.report.MarkdownText.code;
import static org.chunkbench.report.MarkdownText.codeCell;
import static org.chunkbench.report.MarkdownText.isTrue;
import static org.chunkbench.report.MarkdownText.list;
import static org.chunkbench.report.MarkdownText.or;
import static org.chunkbench.report.MarkdownText.str;
import static org.chunkbench.report.MarkdownText.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.chunkbench.results.EnvManifest;

/** REPORT.md's sections from env.json: the run's summary line with what was left out or failed, and the environment table. */
final class EnvironmentSections {
    private final Results results;
    private final EnvManifest env;

    EnvironmentSections(Results results, EnvManifest env) {
        this.results = results;
        this.env = env;
    }

    void runSummary(StringBuilder md, EnvManifest.RunInfo run) {
        if (run == null) {
            return;
        }
        EnvManifest.JmhSettings jmh = run.jmh();
        boolean j = jmh != null;
        md.append(code(run.command() == null ? "chunkbench run" : run.command())).append(": ")
                .append(run.trialsCompleted() == null ? results.rows().size() : run.trialsCompleted()).append(" of ")
                .append(run.trialsPlanned() == null ? results.rows().size() : run.trialsPlanned()).append(" trials in ")
                .append(or(run.duration(), "?")).append(" (").append(or(run.preset(), "?"))
                .append(" preset). JMH ").append(or(j ? jmh.version() : null, "?")).append(": ")
                .append(or(j ? jmh.forks() : null, "?")).append(" fork(s), warmup ")
                .append(or(j ? jmh.warmupIterations() : null, "?")).append(" × ").append(or(j ? jmh.warmupTime() : null, "?"))
                .append(", measurement ").append(or(j ? jmh.measurementIterations() : null, "?")).append(" × ")
                .append(or(j ? jmh.measurementTime() : null, "?")).append(", ").append(threadsText(j ? jmh.threads() : null));
        if (j && jmh.rawOptions() != null && !jmh.rawOptions().isBlank()) {
            md.append(", raw JMH options ").append(code(jmh.rawOptions()));
        }
        md.append(".\n\n");
        List<EnvManifest.Unavailable> un = list(run.unavailableBackends());
        if (!un.isEmpty()) {
            md.append("**Left out, unavailable here:**\n\n");
            for (EnvManifest.Unavailable u : un) {
                md.append("- ").append(code(str(u.variant()))).append(": ").append(text(str(u.reason()))).append('\n');
            }
            md.append('\n');
        }
        List<EnvManifest.FailedTrial> failed = list(run.failedTrials());
        if (!failed.isEmpty()) {
            md.append("**Failed trials (not in the results):**\n\n");
            for (EnvManifest.FailedTrial f : failed) {
                md.append("- ").append(code(str(f.trial()))).append(": ")
                        .append(text(str(f.message()).lines().findFirst().orElse(""))).append('\n');
            }
            md.append('\n');
        }
    }

    void environment(StringBuilder md) {
        if (env == null) {
            return;
        }
        md.append(Markdown.ENVIRONMENT_SECTION).append("\n\n| | |\n|---|---|\n");
        EnvManifest.Cpu cpu = env.cpu() == null ? new EnvManifest.Cpu(null, null, null, null, null) : env.cpu();
        List<String> flags = list(cpu.cryptoFlags());
        row(md, "CPU", str(cpu.model()) + " (" + str(cpu.availableProcessors()) + " CPUs available to the JVM)");
        row(md, "CPU crypto flags", flags.isEmpty() ? "none of aes, vaes, avx512*" : String.join(" ", flags));
        EnvManifest.Os os = env.os() == null ? new EnvManifest.Os(null, null, null) : env.os();
        row(md, "Kernel", str(os.name()) + " " + str(os.kernelRelease()) + " " + str(os.arch()));
        EnvManifest.AfAlg af = env.afAlg() == null ? new EnvManifest.AfAlg(null, null, null, null, null, null) : env.afAlg();
        row(md, "AF_ALG", isTrue(af.available()) ? "available" : "not available: " + str(af.reason()));
        List<String> details = list(af.details());
        if (!details.isEmpty()) {
            row(md, "kernel backend", String.join("; ", details));
        }
        List<String> drivers = new ArrayList<>();
        for (EnvManifest.Driver d : list(af.ctrAesDrivers())) {
            drivers.add(str(d.driver()) + " (priority " + str(d.priority()) + ", " + str(d.module()) + ")");
        }
        Map<String, Object> traits = af.kernelTraits();
        if (traits != null) {
            row(md, "AF_ALG traits", "AF_ALG " + str(traits.get("afAlg")) + "; ALG_SET_KEY_BY_KEY_SERIAL "
                    + str(traits.get("keyBySerial")) + "; io=splice " + str(traits.get("zeroCopy"))
                    + " (" + str(traits.get("zeroCopyDetail")) + ")");
            Object restrict = traits.get("afAlgRestrict");
            if (restrict != null && List.of("0", "1", "2").contains(restrict.toString())) {
                List<String> refused = new ArrayList<>();
                if (traits.get("refused") instanceof Map<?, ?> r) {
                    r.keySet().forEach(k -> refused.add(str(k)));
                }
                row(md, "AF_ALG restriction", "crypto.af_alg_restrict=" + str(restrict) + "; this process privileged for it: "
                        + str(traits.get("afAlgPrivileged")) + " (" + str(traits.get("afAlgPrivilegedDetail")) + "); binds: "
                        + (traits.get("bindable") instanceof List<?> b && !b.isEmpty() ? String.join(", ", b.stream().map(MarkdownText::str).toList())
                                : "nothing")
                        + (refused.isEmpty() ? "" : "; refused: " + String.join(", ", refused))
                        + "; null cipher: " + str(traits.get("nullCipher")));
            }
        }
        row(md, "ctr(aes) drivers", drivers.isEmpty() ? "none listed in /proc/crypto" : String.join("; ", drivers)
                + "; the first is what a plain bind to ctr(aes) gets");
        EnvManifest.Jvm jvm = env.jvm() == null ? new EnvManifest.Jvm(null, null, null, null, null, null, null, null) : env.jvm();
        row(md, "JVM", str(jvm.vmName()) + " " + str(jvm.runtimeVersion()) + " (" + str(jvm.vendor()) + ")");
        List<String> aes = new ArrayList<>();
        if (jvm.aesFlags() != null) {
            jvm.aesFlags().forEach((k, v) -> aes.add(k + "=" + str(v)));
        }
        row(md, "JVM AES flags", String.join(", ", aes));
        for (EnvManifest.BackendInfo b : list(env.backends())) {
            row(md, "Backend " + codeCell(str(b.name())), isTrue(b.available()) ? str(b.version()) : "unavailable: " + str(b.reason()));
        }
        EnvManifest.Git git = env.git();
        row(md, "Source", "commit " + (git == null || git.commit() == null ? "unknown" : git.commit())
                + (git != null && isTrue(git.dirty()) ? " (with uncommitted changes)" : ""));
        md.append('\n');
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(cell(value)).append(" |\n");
    }

    /** "1 thread(s)" from env.json; the counts themselves when the run swept several (env.json holds the first). */
    private String threadsText(Integer fromEnv) {
        TreeSet<Integer> counts = ScalingChart.threadCounts(results);
        if (counts.size() > 1) {
            return counts.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + " threads (one JMH run each)";
        }
        return or(fromEnv, "1") + " thread(s)";
    }
}
