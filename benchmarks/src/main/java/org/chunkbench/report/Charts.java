package org.chunkbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.ResultsFolder.Chart;
import org.chunkbench.results.ResultsFolder;
import org.chunkbench.results.Visible;

/**
 * The charts of a results folder, one list that the report draws from and {@link FolderCheck} checks against: which
 * apply to a run, with the file names of each ({@link ResultsFolder.Chart}), and the one loop that draws them (for
 * history's chart too).
 */
public final class Charts {
    private Charts() {
    }

    /**
     * One chart to draw: {@code name} the base of its .png, .svg and data file (decomposition-2), {@code extra} the
     * script's arguments after the output base (a subtitle, which the script uses as a string value, never as code),
     * {@code script} the script's path from the folder drawn in (plots/NAME.gp in a results folder).
     */
    public record Drawing(Chart chart, String name, List<String> extra, String script) {
        Drawing(Chart chart, String name, List<String> extra) {
            this(chart, name, extra, ResultsFolder.inPlots(chart.script()));
        }

        /** History's chart: its data file beside it in history's --out folder, drawn by {@code script}. */
        public static Drawing history(List<String> extra, String script) {
            return new Drawing(Chart.HISTORY, Chart.HISTORY.fileName(), extra, script);
        }

        String dataFile() {
            return Chart.dat(name);
        }

        /**
         * The charts of every folder read the whole data folder (and series.gp in it); history its one file beside the
         * charts; the others one file in data/.
         */
        String dataArgument() {
            return chart.everyFolder() ? ResultsFolder.DATA_DIR
                    : chart == Chart.HISTORY ? dataFile() : ResultsFolder.inData(dataFile());
        }

        /**
         * gnuplot's arguments from the folder drawn in, with the charts written to {@code outBase}.png and .svg: every
         * script takes DATA OUTPUT_BASE and then its extra arguments.
         */
        public List<String> arguments(String outBase) {
            List<String> args = new ArrayList<>(List.of("-c", script, dataArgument(), outBase));
            args.addAll(extra);
            return args;
        }
    }

    /**
     * The charts that apply to a run, in the order the report lists them: throughput, relative (with trials of the
     * reference backend), time per chunk, one decomposition per group of {@code decomposition}, and the thread scaling
     * chart when some line has more than one thread count.
     */
    static List<Drawing> of(Results results, EnvManifest env, boolean haveReference, List<WhereTimeGoes.Group> decomposition) {
        List<Drawing> out = new ArrayList<>();
        for (Chart c : Chart.values()) {
            if (c.everyFolder() && (c != Chart.RELATIVE || haveReference)) {
                out.add(new Drawing(c, c.fileName(), List.of()));
            }
        }
        for (int i = 0; i < decomposition.size(); i++) {
            out.add(new Drawing(Chart.DECOMPOSITION, Chart.DECOMPOSITION.numbered(i, decomposition.size()),
                    List.of(Visible.text(Results.describe(decomposition.get(i).dims())
                            + (Markdown.emulated(env) ? WhereTimeGoes.EMULATED_SUBTITLE : "")))));
        }
        if (ScalingChart.applies(results) && !ScalingChart.lines(results).isEmpty()) {
            out.add(new Drawing(Chart.SCALING, Chart.SCALING.fileName(), List.of(Visible.text(Markdown.subtitle(results, env)))));
        }
        return out;
    }

    /**
     * Draws each chart beside the folder and renames it into place ({@link ChartFiles}), after refusing a link or
     * anything but a regular file under its names (the same refusal as {@link ResultsFolder#write}, before gnuplot
     * runs); adds the charts drawn to {@code drawn} and what gnuplot said to {@code messages}.
     */
    public static void draw(Path gnuplot, Path dir, List<Drawing> drawings, List<String> drawn, List<String> messages) throws IOException {
        try (ChartFiles charts = ChartFiles.in(dir)) {
            for (Drawing d : drawings) {
                String png = Chart.png(d.name());
                String svg = Chart.svg(d.name());
                ResultsFolder.refuseLinkOrOther(dir.resolve(png));
                ResultsFolder.refuseLinkOrOther(dir.resolve(svg));
                Gnuplot.Run run = Gnuplot.run(gnuplot, dir, d.arguments(charts.relative(d.name())));
                if (!run.output().isBlank()) {
                    messages.add(d.name() + ": " + run.said());
                }
                if (run.exitCode() != 0) {
                    messages.add(d.name() + ": gnuplot exited with status " + run.exitCode());
                } else if (charts.publish(png, svg)) {
                    drawn.add(d.name());
                } else {
                    messages.add(d.name() + ": gnuplot exited with status 0 but did not write both " + png + " and " + svg);
                }
            }
        }
    }
}
