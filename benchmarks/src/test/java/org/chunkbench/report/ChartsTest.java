package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.chunkbench.results.ResultsFolder.Chart;
import org.junit.jupiter.api.Test;

/** Every chart, history's included, is drawn with one argument order: -c SCRIPT DATA OUTPUT_BASE, then its extras. */
class ChartsTest {
    @Test
    void historyAndTheReportsChartsTakeTheirArgumentsInOneOrder() {
        Charts.Drawing scaling = new Charts.Drawing(Chart.SCALING, "scaling", List.of("subtitle"));
        assertEquals(List.of("-c", "plots/scaling.gp", "data/scaling.dat", "out/scaling", "subtitle"), scaling.arguments("out/scaling"));
        Charts.Drawing throughput = new Charts.Drawing(Chart.THROUGHPUT, "throughput", List.of());
        assertEquals(List.of("-c", "plots/throughput.gp", "data", "x"), throughput.arguments("x"));
        Charts.Drawing history = Charts.Drawing.history(List.of("ops/s", "title"), "history.gp");
        assertEquals(List.of("-c", "history.gp", "history.dat", "scratch/history", "ops/s", "title"),
                history.arguments("scratch/history"), "history's data sits beside its charts in --out");
    }
}
