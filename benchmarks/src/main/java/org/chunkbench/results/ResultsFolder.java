package org.chunkbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The layout of a results folder, every file name spelled here and only here:
 *
 * <pre>
 * jmh.json             JMH's own JSON, untouched           (run)
 * env.json             the environment manifest            (run: {@link EnvManifest})
 * jmh.log              JMH's human-readable log            (run)
 * data/*.dat, *.gp     gnuplot data, one block per series  (report)
 * data/summary.tsv     every number of the report          (report)
 * plots/*.gp           the chart scripts, copied           (report)
 * *.png, *.svg         the charts                          (report, when gnuplot is installed)
 * REPORT.md            the report                          (report)
 * </pre>
 *
 * Every file this project writes into a folder goes through {@link #write}, so that how files are written
 * (atomically, refusing symlinks) is decided in one place.
 */
public record ResultsFolder(Path dir) {
    public static final String JMH_JSON = "jmh.json";
    public static final String ENV_JSON = "env.json";
    public static final String JMH_LOG = "jmh.log";
    public static final String REPORT_MD = "REPORT.md";
    public static final String DATA_DIR = "data";
    public static final String PLOTS_DIR = "plots";
    /** Line styles, tics and ranges the chart scripts load. */
    public static final String SERIES_GP = "series.gp";
    public static final String SUMMARY_TSV = "summary.tsv";
    /** Chart scripts besides one per chart: shared settings and the renderer they call. */
    public static final List<String> SHARED_SCRIPTS = List.of("common.gp", "render.gp");

    /** One chart: {@code data/NAME.dat}, {@code plots/NAME.gp}, {@code NAME.png} and {@code NAME.svg}. */
    public enum Chart {
        THROUGHPUT("throughput"),
        RELATIVE("relative"),
        NS_PER_CHUNK("ns-per-chunk");

        private final String fileName;

        Chart(String fileName) {
            this.fileName = fileName;
        }

        /** The base name of its data file, script and images. */
        public String fileName() {
            return fileName;
        }

        public String dataFile() {
            return fileName + ".dat";
        }

        public String script() {
            return fileName + ".gp";
        }

        public String png() {
            return fileName + ".png";
        }

        public String svg() {
            return fileName + ".svg";
        }
    }

    /** Every chart script a folder holds, in the order they are copied. */
    public static List<String> scripts() {
        List<String> s = new java.util.ArrayList<>(SHARED_SCRIPTS);
        for (Chart c : Chart.values()) {
            s.add(c.script());
        }
        return List.copyOf(s);
    }

    /** Every data file a complete folder holds. */
    public static List<String> dataFiles() {
        return List.of(Chart.THROUGHPUT.dataFile(), Chart.NS_PER_CHUNK.dataFile(), Chart.RELATIVE.dataFile(), SERIES_GP, SUMMARY_TSV);
    }

    public Path jmhJson() {
        return dir.resolve(JMH_JSON);
    }

    public Path envJson() {
        return dir.resolve(ENV_JSON);
    }

    public Path jmhLog() {
        return dir.resolve(JMH_LOG);
    }

    public Path reportMd() {
        return dir.resolve(REPORT_MD);
    }

    public Path dataDir() {
        return dir.resolve(DATA_DIR);
    }

    public Path plotsDir() {
        return dir.resolve(PLOTS_DIR);
    }

    /** A data file by name, relative path as the report and the checker name it: {@code data/summary.tsv}. */
    public static String inData(String name) {
        return DATA_DIR + "/" + name;
    }

    public static String inPlots(String name) {
        return PLOTS_DIR + "/" + name;
    }

    /** The one way text goes into a file of a results folder (or next to one: history, compare --out). */
    public static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }
}
