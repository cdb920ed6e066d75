package org.chunkbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.chunkbench.report.Gnuplot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** The chart's data file, and plots/decomposition.gp drawing it on synthetic results without a warning. */
class DecompositionChartTest {
    static final String KERNEL = "kernel[driver=ctr(aes),io=copy,key=raw]";

    /** openssl at 16 B, 1 KiB, 64 KiB (cipher negative at 64 KiB); kernel with its null path missing at 64 KiB. */
    static List<Decomposition.Row> rows() {
        List<Measurement> ms = new ArrayList<>();
        int[] chunks = {16, 1024, 65536};
        double[] copy = {25, 60, 3000};
        double[] osslNull = {150, 200, 3300};
        double[] ossl = {197, 324, 3250};
        double[] kNull = {2500, 2700, 0};
        double[] k = {2600, 3100, 9000};
        for (int i = 0; i < 3; i++) {
            int c = chunks[i];
            ms.add(DecompositionTest.m("none", c, 12, 0.5));
            ms.add(DecompositionTest.m("call[binding=jna]", c, 40, 1));
            ms.add(DecompositionTest.m("copy", c, copy[i], 2));
            ms.add(DecompositionTest.m("openssl[cipher=null]", c, osslNull[i], 3));
            ms.add(DecompositionTest.m("openssl", c, ossl[i], 3));
            if (i < 2) {
                ms.add(DecompositionTest.m("kernel[driver=ecb(cipher_null),io=copy]", c, kNull[i], 30));
            }
            ms.add(DecompositionTest.m(KERNEL, c, k[i], 40));
        }
        List<Decomposition.Row> rows = new ArrayList<>(Decomposition.of(NativePath.jna("openssl", false, false).orElseThrow(), ms));
        rows.addAll(Decomposition.of(NativePath.jna(KERNEL, false, false).orElseThrow(), ms,
                Map.of("kernel[driver=ecb(cipher_null),io=copy]", "no AF_ALG")));
        return rows;
    }

    @Test
    void dataFileStacksSharesAndNamesWhatIsMissing() {
        String d = DecompositionChart.data(rows());
        String[] blocks = d.split("\n\n\n");
        assertEquals(3 + Decomposition.COMPONENTS.size(), blocks.length, d);
        assertTrue(blocks[0].startsWith(DecompositionChart.FORMAT), d);
        assertTrue(blocks[0].contains("\"16 B\"") && blocks[0].contains("\"1 KiB\"") && blocks[0].contains("\"64 KiB\""), blocks[0]);
        assertTrue(blocks[1].contains("\"197 ns\""), blocks[1]);
        assertTrue(blocks[1].contains("\"9000 ns; not measured: path, cipher\""), blocks[1]);
        assertTrue(blocks[2].contains("-0.200000\t\"openssl\"") && blocks[2].contains("1.20000\t\"" + KERNEL + "\""), blocks[2]);
        // harness of openssl at 16 B: 12 / 197 of the stack, from 0 up; binding stacks on it
        String harness = blocks[3];
        assertTrue(harness.startsWith("\"harness\"\n"), harness);
        String firstBox = harness.split("\n")[1];
        String[] f = firstBox.split("\t");
        assertEquals(-0.2, Double.parseDouble(f[0]), 1e-9, "first of two stacks sits left of the tic");
        assertEquals(0, Double.parseDouble(f[2]), 1e-9);
        assertEquals(100 * 12 / 197.0, Double.parseDouble(f[3]), 1e-3);
        String[] binding = blocks[4].split("\n")[1].split("\t");
        assertEquals(100 * 12 / 197.0, Double.parseDouble(binding[2]), 1e-3);
        assertEquals(100 * (12 + 28) / 197.0, Double.parseDouble(binding[3]), 1e-3);
        // openssl's cipher at 64 KiB is 3250 - 3300 = -50: a box below 0
        String cipher = blocks[7];
        boolean below = false;
        for (String line : cipher.split("\n")) {
            String[] g = line.split("\t");
            if (g.length == 4 && Double.parseDouble(g[3]) == 0 && Double.parseDouble(g[2]) < 0) {
                below = true;
                assertEquals(-100 * 50 / 3250.0, Double.parseDouble(g[2]), 1e-3);
            }
        }
        assertTrue(below, cipher);
    }

    static java.util.Optional<Path> findGnuplot() {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "gnuplot");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    @Test
    void textFromResultsCannotBreakOutOfItsField() {
        // gnuplot's data reader takes a backslash as an escape: doubled, it reads back as one
        assertEquals("\"a' ; system('x')\\\\nb\"", Gnuplot.dataString("a\" ; system('x')\nb"));
        assertEquals("\"back\\\\slash\"", Gnuplot.dataString("back\\slash"));
    }

    @Test
    void scriptRendersSyntheticDataWithoutAWarning(@TempDir Path tmp) throws Exception {
        java.util.Optional<Path> gnuplot = findGnuplot();
        boolean present = gnuplot.isPresent();
        if (!present) {
            assertFalse("true".equals(System.getenv("CI")), "CI=true but gnuplot is not installed");
        }
        assumeTrue(present, "gnuplot is not on the PATH");
        Path script = tmp.resolve("decomposition.gp");
        try (InputStream in = DecompositionChartTest.class.getResourceAsStream("/chunkbench/plots/decomposition.gp")) {
            Files.copy(in, script);
        }
        // a hostile backend name must arrive in the chart as text, never run
        List<Decomposition.Row> rows = new ArrayList<>(rows());
        Path marker = tmp.resolve("pwned");
        Decomposition.Row r = rows.get(0);
        rows.add(new Decomposition.Row("x\"; system('touch " + marker + "'); \"", r.chunkBytes(), r.callsPerChunk(),
                r.total(), r.components()));
        Files.writeString(tmp.resolve("decomposition.dat"), DecompositionChart.data(rows));
        // as the report will run it: from the folder, every argument a separate word, no shell
        Process p = new ProcessBuilder(gnuplot.get().toString(), "-c", "decomposition.gp", "decomposition.dat",
                "where-the-time-goes", "AES-128, encrypt, stream, heap; synthetic").directory(tmp.toFile())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "gnuplot did not finish");
        assertEquals(0, p.exitValue(), said);
        assertEquals("", said.strip(), "gnuplot said something (a warning is a defect)");
        Path png = tmp.resolve("where-the-time-goes.png");
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertEquals("89504e470d0a1a0a", java.util.HexFormat.of().formatHex(head), "not a PNG");
        assertTrue(Files.size(png) > 10_000, "png is suspiciously small");
        String svg = Files.readString(tmp.resolve("where-the-time-goes.svg"));
        assertTrue(svg.contains("binding") && svg.contains("64 KiB") && svg.contains("not measured: path, cipher"), "svg text");
        assertFalse(Files.exists(marker), "text from the data file was executed");
        String keep = System.getProperty("chunkbench.keepChart");
        if (keep != null) {
            Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
