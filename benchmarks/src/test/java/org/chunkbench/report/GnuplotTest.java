package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart scripts render the fixture without a single warning. CI installs gnuplot-nox so this runs there. */
class GnuplotTest {
    @Test
    void fixtureRendersWithoutWarnings(@TempDir Path tmp) throws Exception {
        boolean present = Gnuplot.find().isPresent();
        if (!present) {
            // CI installs gnuplot-nox: there a missing gnuplot is a broken stage, not a reason to skip.
            assertFalse("true".equals(System.getenv("CI")), "CI=true but gnuplot is not installed (apt-get install gnuplot-nox)");
        }
        assumeTrue(present, "gnuplot is not on the PATH (apt-get install gnuplot-nox)");
        Path dir = Fixtures.smokeFolder(tmp);
        StringWriter log = new StringWriter();
        Report.Outcome o = Report.generate(dir, "sunjce", new PrintWriter(log, true));
        assertEquals(List.of(), o.gnuplotMessages(), "gnuplot said something:\n" + log);
        assertEquals(List.of("throughput", "relative", "ns-per-chunk"), o.chartsDrawn());
        for (String c : o.chartsDrawn()) {
            assertTrue(FolderCheck.isPng(dir.resolve(c + ".png")), c + ".png");
            assertTrue(Files.size(dir.resolve(c + ".png")) > 10_000, c + ".png is suspiciously small");
            String svg = Files.readString(dir.resolve(c + ".svg"));
            assertTrue(svg.contains("<svg") && svg.contains("openssl"), c + ".svg has no legend entry for openssl");
        }
        String md = Files.readString(o.report());
        assertTrue(md.contains("![Throughput (MB/s) by chunk size](throughput.png)"), md);
        assertEquals(List.of(), FolderCheck.check(dir));
    }

    @Test
    void scriptsRunByHandFromTheFolderAsTheReportSays(@TempDir Path tmp) throws Exception {
        assumeTrue(Gnuplot.find().isPresent(), "gnuplot is not on the PATH (apt-get install gnuplot-nox)");
        Path dir = Fixtures.smokeFolder(tmp);
        Report.generate(dir, "sunjce", new PrintWriter(new StringWriter()));
        Gnuplot.Run run = Gnuplot.render(Gnuplot.find().get(), dir, "plots/throughput.gp", "data", "by-hand");
        assertTrue(run.clean(), run.output());
        assertTrue(FolderCheck.isPng(dir.resolve("by-hand.png")));
    }
}
