package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chunkbench.results.RowKinds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts with many series are cut into panels by the other params, at most eight lines each (issue 21). */
class ChartPanelsTest {
    private static List<Integer> every(Results r) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < r.series().size(); i++) {
            all.add(i);
        }
        return all;
    }

    @Test
    void buffersAndThreadsGetAPanelEachWithTheBackendsAsLines() throws Exception {
        Path jmh = Path.of("..", "results", "20261201T135704Z-vm", "jmh.json");
        assumeTrue(Files.isRegularFile(jmh), "no committed results next to benchmarks/");
        Results r = Results.read(jmh, RowKinds.BEFORE_RECORD);
        List<ChartPanels.Panel> panels = ChartPanels.panels(r, every(r));
        assertEquals(List.of("heap buffers, 1 thread", "heap buffers, 2 threads", "direct buffers, 1 thread",
                "direct buffers, 2 threads"), panels.stream().map(ChartPanels.Panel::title).toList());
        for (ChartPanels.Panel p : panels) {
            assertEquals(List.of("sunjce", "baseline", "openssl[binding=ffm]", "openssl[binding=jna]"),
                    p.entries().stream().map(ChartPanels.Entry::key).toList());
        }
        String gp = ChartPanels.gnuplot("P_", panels);
        assertTrue(gp.startsWith("P_N = 4\n"), gp);
        assertTrue(gp.contains("array P_FIRST[4] = [1, 5, 9, 13]\n"), gp);
    }

    @Test
    void aFewSeriesStayInOnePlotUnderTheirFullLabels(@TempDir Path tmp) throws Exception {
        Results r = Results.read(Fixtures.smokeFolder(tmp).resolve("jmh.json"), RowKinds.BEFORE_RECORD);
        assumeTrue(r.series().size() <= ChartPanels.MAX_SERIES_PER_PANEL);
        List<ChartPanels.Panel> panels = ChartPanels.panels(r, every(r));
        assertEquals(1, panels.size());
        assertEquals(r.series().stream().map(Results.Series::label).toList(),
                panels.get(0).entries().stream().map(ChartPanels.Entry::key).toList());
    }
}
