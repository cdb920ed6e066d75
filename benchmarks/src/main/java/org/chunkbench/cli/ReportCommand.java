package org.chunkbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.chunkbench.report.FolderCheck;
import org.chunkbench.report.Report;
import org.chunkbench.results.Visible;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", description = {"Regenerate the gnuplot data, the charts and REPORT.md of a results folder from its "
        + "jmh.json and env.json (for example after installing gnuplot).",
        "--check only checks that every file of the folder is there and consistent, and changes nothing."})
final class ReportCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @Mixin
    FollowLinksOption links;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULTS_DIR", description = "A folder written by 'chunkbench run'.")
    Path dir;

    @Option(names = "--relative-to", paramLabel = "BACKEND", defaultValue = Report.DEFAULT_REFERENCE,
            description = "Reference backend of the relative chart and the ratio columns (default: ${DEFAULT-VALUE}).")
    String relativeTo;

    @Option(names = "--check", description = "Check the folder is complete; regenerate nothing. Exit status 1 if it is not.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new Main.UsageException(dir + " is not a folder; give a results folder written by 'chunkbench run'");
        }
        if (check) {
            List<String> problems = FolderCheck.check(dir, links.followLinks);
            if (problems.isEmpty()) {
                out.println(Visible.of(dir) + ": complete");
                out.flush();
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("chunkbench: " + Visible.of(dir) + " is incomplete:");
            problems.forEach(p -> err.println("  " + Visible.text(p)));
            err.flush();
            return Main.EXIT_FAILURE;
        }
        Report.Outcome o = Report.generate(dir, relativeTo, out, links.followLinks);
        out.println("report: " + Visible.of(o.report()) + (o.chartsDrawn().isEmpty() ? " (no charts)" : ", charts: "
                + String.join(", ", o.chartsDrawn())));
        out.flush();
        return o.gnuplotMessages().isEmpty() ? 0 : Main.EXIT_FAILURE;
    }
}
