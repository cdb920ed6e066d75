package org.chunkbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.Backends;
import org.chunkbench.results.Visible;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "backends", description = "List the backends, whether each is available here (or why not), "
        + "its provider and version, and what it implements.")
final class BackendsCommand implements Callable<Integer> {
    @Mixin
    VerboseOption verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"BACKEND", "STATUS", "PROVIDER / VERSION"});
        for (Backend b : Backends.all()) {
            Availability a = b.availability();
            rows.add(new String[] {b.name(), a.available() ? "available" : "unavailable", a.available() ? Visible.text(b.version()) : "-"});
        }
        int w0 = 0;
        int w1 = 0;
        for (String[] r : rows) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
        }
        for (String[] r : rows) {
            out.printf("%-" + w0 + "s  %-" + w1 + "s  %s%n", r[0], r[1], r[2]);
        }
        out.println();
        for (Backend b : Backends.all()) {
            Availability a = b.availability();
            out.println(b.name() + ": " + b.description());
            if (!a.available()) {
                out.println("    not available: " + Visible.text(a.reason()));
            }
            for (String line : b.details()) {
                out.println("    " + Visible.text(line));
            }
        }
        out.flush();
        return 0;
    }
}
