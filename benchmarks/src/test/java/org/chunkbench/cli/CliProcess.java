package org.chunkbench.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The tool in its own JVM, started from a bash command line: for what an in-process run cannot show (the real
 * standard output and its errors, descriptors given with {@code 3<file}, picocli's warnings, which go to the
 * System.err of the JVM that loaded picocli).
 */
final class CliProcess {
    record Result(int status, String err) {
    }

    private CliProcess() {
    }

    /** "chunkbench" in the command stands for the tool; the rest is bash, run in {@code dir}. */
    static Result bash(Path dir, String command) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String tool = quote(java) + " -XX:TieredStopAtLevel=1 -Xshare:auto -cp " + quote(System.getProperty("java.class.path"))
                + " " + Main.class.getName();
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "set -o pipefail; " + command.replace("chunkbench", tool)));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String text = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        return new Result(p.exitValue(), text);
    }

    /**
     * A copy of ./chunkbench in {@code dir} that runs the test classes instead of the jar: the launcher's own functions
     * (read from the script, so that tests check the real ones), called as the launcher calls them, and the same
     * environment on the exec. Returns the command that runs it from {@code dir}.
     */
    static String launcher(Path dir) throws IOException {
        String script = Files.readString(Path.of("..", "chunkbench"));
        StringBuilder functions = new StringBuilder();
        for (String name : new String[] {"caller_fds", "run_java_options"}) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?ms)^" + name + "\\(\\) \\{.*?^\\}$").matcher(script);
            if (!m.find()) {
                throw new AssertionError("./chunkbench defines no " + name);
            }
            functions.append(m.group()).append('\n');
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path mini = dir.resolve("launcher");
        Files.writeString(mini, "#!/usr/bin/env bash\nset -euo pipefail\n" + functions
                + "caller_fds\nJAVA_OPTIONS_REMOVED=\"\"\nrun_java_options \"$@\"\n"
                + "CHUNKBENCH_CALLER_FDS=\"$CALLER_FDS\" CHUNKBENCH_JAVA_OPTIONS_REMOVED=\"$JAVA_OPTIONS_REMOVED\" exec "
                + quote(java) + " -XX:TieredStopAtLevel=1 -cp " + quote(System.getProperty("java.class.path")) + " "
                + Main.class.getName() + " \"$@\"\n");
        if (!mini.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + mini + " executable");
        }
        return "./launcher";
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
