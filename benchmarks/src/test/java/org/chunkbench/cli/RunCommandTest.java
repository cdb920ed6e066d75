package org.chunkbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @Test
    void variantsKeepTheirBracketedCommas() {
        assertEquals(List.of("sunjce", "kernel[io=splice,driver=ctr(aes-generic)]", "openssl"),
                RunCommand.splitVariants(List.of("sunjce,kernel[io=splice,driver=ctr(aes-generic)]", "openssl")));
        assertThrows(Main.UsageException.class, () -> RunCommand.splitVariants(List.of("kernel[io=splice")));
    }

    @Test
    void sizesTakeKAndMSuffixes() {
        assertEquals(4096, RunCommand.parseSize("4k"));
        assertEquals(1048576, RunCommand.parseSize("1M"));
        assertEquals(16, RunCommand.parseSize("16"));
        assertThrows(Main.UsageException.class, () -> RunCommand.parseSize("lots"));
    }

    @Test
    void jmhOptionsSplitLikeAShell() {
        assertEquals(List.of("-prof", "gc", "-jvmArgsAppend", "-Xmx1g -Xms1g"),
                RunCommand.tokenize("-prof gc  -jvmArgsAppend '-Xmx1g -Xms1g'"));
        assertThrows(Main.UsageException.class, () -> RunCommand.tokenize("-prof 'gc"));
    }

    @Test
    void dryRunPrintsTrialsAndEstimateAndCreatesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("r");
        CliTest.Result r = CliTest.run("run", "--full", "--no-controls", "--ciphers", "aes-ctr", "--backends", "sunjce,openssl",
                "--dry-run", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        // (2 backends + baseline) x 8 chunks x 2 modes x 2 buffers x 2 directions
        assertTrue(r.out().contains("full preset, 192 trials"), r.out());
        // 192 trials x 2 forks x (3 + 5 s of iterations + fork overhead)
        assertTrue(r.out().matches("(?s).*estimated duration 5\\dm\\d\\ds.*"), r.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void controlsJoinOnRequestAndTheUnavailableOnesSayWhy(@TempDir Path tmp) {
        Path out = tmp.resolve("r");
        CliTest.Result r = CliTest.run("run", "--smoke", "--controls", "--backends", "sunjce", "--dry-run", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("backends: sunjce, none, call[binding=jna]"), r.out());
        boolean ffm = Runtime.version().feature() >= 22;
        assertTrue(r.out().contains(ffm ? "copy, syscall[binding=jna], syscall[binding=ffm], openssl-null[binding=jna], "
                + "openssl-null[binding=ffm]" : "copy, syscall[binding=jna], openssl-null[binding=jna]"), r.out());
        if (!ffm) {
            // below JDK 22 the FFM controls are listed as left out, with the reason
            for (String v : List.of("call[binding=ffm]", "syscall[binding=ffm]", "openssl-null[binding=ffm]",
                    "kernel-null[binding=ffm,io=copy]")) {
                assertTrue((r.out() + r.err()).matches("(?s).*" + java.util.regex.Pattern.quote(v) + "[^\n]*needs JDK 22 or newer.*"),
                        v + ":\n" + r.out() + r.err());
            }
        }
        // no AF_ALG here (nor in the test JVM anywhere but the VM): the kernel's null cipher is left out with why
        assertTrue((r.out() + r.err()).contains("kernel-null[binding=jna,io=copy]"), r.out() + r.err());
        r = CliTest.run("run", "--smoke", "--backends", "sunjce", "--dry-run", "--out", out.toString());
        assertTrue(r.out().contains("backends: sunjce)"), r.out());
        assertFalse(Files.exists(out));
    }

    /**
     * A real run of one short trial: without --threads, env.json records JMH's one thread count; and no absolute path
     * of this machine (issue 21): no git.directory, no java.home, --out recorded as the folder's name.
     */
    @Test
    void aRealRunRecordsItsThreadCountAndNoPathOfThisMachine(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        CliTest.Result r = CliTest.run("run", "--smoke", "--backends", "sunjce", "--no-baseline", "--chunks", "64",
                "--out", out.toString(), "--jmh", "-f 1 -wi 0 -i 1 -r 100ms");
        assertEquals(0, r.status(), r.out() + r.err());
        String env = Files.readString(out.resolve("env.json")).replaceAll("\\s", "");
        assertTrue(env.contains("\"threadCounts\":[1]"), env);
        // env.json names the fork's JVM arguments exactly as jmh.json says the forks ran with them
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var jvmArgs = mapper.readTree(out.resolve("jmh.json").toFile()).get(0).get("jvmArgs");
        var recorded = mapper.readTree(out.resolve("env.json").toFile()).at("/run/jmh/forkJvmArgs");
        assertTrue(recorded.isArray() && recorded.size() > 0, env);
        assertEquals(jvmArgs, recorded);

        var manifest = mapper.readTree(out.resolve("env.json").toFile());
        assertTrue(manifest.path("git").isObject(), env);
        assertFalse(manifest.path("git").has("directory"), env);
        assertFalse(manifest.path("jvm").has("java.home"), env);
        assertEquals("chunkbench run --smoke --backends sunjce --no-baseline --chunks 64 --out r --jmh -f 1 -wi 0 -i 1 -r 100ms",
                manifest.at("/run/command").asText());
        String raw = Files.readString(out.resolve("env.json"));
        for (String path : List.of(tmp.toString(), Path.of("..").toAbsolutePath().normalize().toString(),
                System.getProperty("java.home"), System.getProperty("user.home"))) {
            assertFalse(raw.contains(path), path + " in\n" + raw);
        }
    }

    /** --out's value, given apart or after '=', becomes the folder's own name; nothing else changes. */
    @Test
    void theRecordedCommandNamesTheFolderNotItsPath() {
        assertEquals(List.of("run", "--smoke", "--out", "r", "--jmh", "-f 1"),
                RunCommand.recordedArgs(List.of("run", "--smoke", "--out", "/tmp/x/r", "--jmh", "-f 1"), Path.of("/tmp/x/r")));
        assertEquals(List.of("run", "--out=r", "--quick"),
                RunCommand.recordedArgs(List.of("run", "--out=/home/u/r/", "--quick"), Path.of("/home/u/r/")));
        assertEquals(List.of("run", "--out", "a"), RunCommand.recordedArgs(List.of("run", "--out", "results/a/."), Path.of("results/a/.")));
        assertEquals(List.of("run", "--smoke", "--jmh", "-f 1 -rff /tmp/j.json"),
                RunCommand.recordedArgs(List.of("run", "--smoke", "--jmh", "-f 1 -rff /tmp/j.json"), Path.of("results/x")));
        // an option name is never another option's value, so every --out above was the option
        CliTest.Result r = CliTest.run("run", "--smoke", "--dry-run", "--jmh", "--out", "/tmp/x");
        assertEquals(2, r.status(), r.out() + r.err());
    }

    /**
     * JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS and _JAVA_OPTIONS would reach every fork (its environment, and its command
     * line through this JVM's input arguments) and the results files: refused in one line, before anything exists.
     */
    @Test
    void javaOptionsInTheEnvironmentAreRefusedUnlessInherited(@TempDir Path tmp) throws Exception {
        for (String var : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            CliProcess.Result r = CliProcess.bash(tmp, var + "=-Dapi.token=SECRET chunkbench run --smoke --backends sunjce "
                    + "--dry-run --out r");
            assertEquals(2, r.status(), var + ": " + r.err());
            List<String> ours = r.err().lines().filter(l -> l.startsWith("chunkbench:")).toList();
            assertEquals(List.of("chunkbench: " + var + " is set in the environment; run does not pass it to the benchmark "
                    + "forks or into the results: unset it (env -u " + var + " ./chunkbench run ...), give fork JVM options "
                    + "with --jmh \"-jvmArgsAppend ...\", or pass it on with --inherit-java-options"), ours, r.err());
            assertFalse(Files.exists(tmp.resolve("r")), var);
        }
        CliProcess.Result both = CliProcess.bash(tmp, "JAVA_TOOL_OPTIONS=-Dx=1 _JAVA_OPTIONS=-Dy=2 chunkbench run --smoke "
                + "--dry-run --out r");
        assertEquals(2, both.status(), both.err());
        assertTrue(both.err().contains("chunkbench: JAVA_TOOL_OPTIONS and _JAVA_OPTIONS are set in the environment;"), both.err());
        CliProcess.Result optedIn = CliProcess.bash(tmp, "JAVA_TOOL_OPTIONS=-Dapi.token=SECRET chunkbench run --smoke "
                + "--backends sunjce --inherit-java-options --dry-run --out r");
        assertEquals(0, optedIn.status(), optedIn.err());
        // Through ./chunkbench the JVM never sees them: one line, and the value is printed nowhere ("Picked up ...").
        String launcher = CliProcess.launcher(tmp);
        for (String var : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            CliProcess.Result r = CliProcess.bash(tmp, var + "=-Dapi.token=SECRET " + launcher + " run --smoke --backends sunjce "
                    + "--dry-run --out r");
            assertEquals(2, r.status(), var + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("chunkbench: " + var + " is set in the environment; "), r.err());
            assertFalse(r.err().contains("SECRET"), r.err());
        }
        assertEquals(0, CliProcess.bash(tmp, "JAVA_TOOL_OPTIONS=-Dapi.token=SECRET " + launcher + " run --smoke --backends sunjce "
                + "--inherit-java-options --dry-run --out r").status());
        assertFalse(Files.exists(tmp.resolve("r")));
        // an empty variable passes nothing on
        assertEquals(0, CliProcess.bash(tmp, "JAVA_TOOL_OPTIONS= chunkbench run --smoke --backends sunjce --dry-run --out r")
                .status());
    }

    @Test
    void aControlNamedInBackendsIsTimedWithoutTheOthers(@TempDir Path tmp) {
        Path out = tmp.resolve("r");
        CliTest.Result r = CliTest.run("run", "--smoke", "--backends", "sunjce,none,call[binding=jna],openssl[cipher=null]",
                "--dry-run", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        // spelled in full, as results name them (an old spelling, openssl[cipher=null], under its new name); no other
        // control joins
        assertTrue(r.out().contains("backends: sunjce, none, call[binding=jna], openssl-null[binding=jna])"), r.out());
        r = CliTest.run("run", "--smoke", "--backends", "kernel[binding=jna,driver=ecb(cipher_null),io=splice],openssl-null",
                "--dry-run", "--out", out.toString());
        assertTrue((r.out() + r.err()).contains("kernel-null[binding=jna,io=splice]"), r.out() + r.err());
        assertTrue(r.out().contains("openssl-null[binding=jna]"), r.out());
        assertFalse((r.out() + r.err()).contains("kernel[binding=jna,driver="), "the old name is not what results record: " + r.out() + r.err());
        r = CliTest.run("run", "--smoke", "--backends", "call[binding=nosuch]", "--dry-run");
        assertEquals(2, r.status(), r.out() + r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badRequestsExitWithStatusTwoAndOneLine() {
        CliTest.Result r = CliTest.run("run", "--dry-run", "--backends", "nosuch");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("chunkbench: unknown backend 'nosuch'"), r.err());
        r = CliTest.run("run", "--dry-run", "--chunks", "100");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("chunk size 100 is not allowed"), r.err());
        r = CliTest.run("run", "--dry-run", "--quick", "--smoke");
        assertEquals(2, r.status(), "presets exclude each other");
        r = CliTest.run("run", "--dry-run", "--jmh", "-nosuchoption");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("chunkbench: --jmh:"), r.err());
    }

    @Test
    void threadListsMultiplyTheTrialsAndTheEstimateAndBadOnesAreOneLine(@TempDir Path tmp) {
        CliTest.Result one = CliTest.run("run", "--smoke", "--backends", "sunjce", "--dry-run", "--out", tmp.resolve("a").toString());
        CliTest.Result two = CliTest.run("run", "--smoke", "--backends", "sunjce", "--threads", "1,2,2", "--dry-run", "--out",
                tmp.resolve("b").toString());
        assertEquals(0, one.status(), one.err());
        assertEquals(0, two.status(), two.err());
        // sunjce + baseline at the smoke preset's chunk sizes; 2 counts (2 given twice runs once) double it
        java.util.regex.Matcher m1 = java.util.regex.Pattern.compile("(\\d+) trials").matcher(one.out());
        java.util.regex.Matcher m2 = java.util.regex.Pattern.compile("(\\d+) trials").matcher(two.out());
        assertTrue(m1.find() && m2.find(), one.out() + two.out());
        assertEquals(2 * Integer.parseInt(m1.group(1)), Integer.parseInt(m2.group(1)), two.out());
        assertTrue(two.out().contains("threads: 1, 2)"), two.out());
        assertEquals(2 * seconds(one.out()), seconds(two.out()), 1.0, two.out());

        for (String bad : new String[] {"0", "1,-2", "x", "1,,2"}) {
            CliTest.Result r = CliTest.run("run", "--dry-run", "--smoke", "--backends", "sunjce", "--threads", bad);
            assertEquals(2, r.status(), bad + ": " + r.out() + r.err());
            assertTrue(r.err().startsWith("chunkbench: "), r.err());
            assertTrue(r.err().contains("--threads"), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }

    /** The plan's "estimated duration 1m05s", in seconds. */
    private static double seconds(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("estimated duration (?:(\\d+)m)?(\\d+)s").matcher(out);
        assertTrue(m.find(), out);
        return (m.group(1) == null ? 0 : 60 * Integer.parseInt(m.group(1))) + Integer.parseInt(m.group(2));
    }

    @Test
    void reportRefusesAFolderThatIsNotThere(@TempDir Path tmp) {
        CliTest.Result r = CliTest.run("report", tmp.resolve("nope").toString());
        assertEquals(2, r.status());
        r = CliTest.run("report", "--check", tmp.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("jmh.json is missing"), r.err());
    }
}
