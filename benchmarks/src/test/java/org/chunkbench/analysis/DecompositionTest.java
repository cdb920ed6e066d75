package org.chunkbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The decomposition arithmetic on synthetic results whose answers are worked out by hand. */
class DecompositionTest {
    private static final double EPS = 1e-9;
    private static final int MIB = 1 << 20;

    static Measurement m(String series, int chunk, double ns, double error) {
        return new Measurement(series, chunk, ns, error);
    }

    static NativePath openssl(boolean perChunkIv, boolean direct) {
        return NativePath.jna("openssl", perChunkIv, direct).orElseThrow();
    }

    static void assertQ(double ns, double error, Quantity q, String what) {
        assertEquals(ns, q.ns(), EPS * Math.max(1, Math.abs(ns)), what + " ns");
        assertEquals(error, q.error(), EPS * Math.max(1, error), what + " error");
    }

    static Quantity value(Decomposition.Row r, String component) {
        return r.component(component).value().orElseThrow(() -> new AssertionError(component + ": "
                + r.component(component).notMeasured()));
    }

    private static List<Measurement> opensslSeries() {
        return List.of(
                m("none", 16, 10, 1), m("call[binding=jna]", 16, 30, 2), m("copy", 16, 20, 1.5),
                m("openssl[cipher=null]", 16, 80, 3), m("openssl", 16, 100, 4),
                m("none", MIB, 10, 1), m("call[binding=jna]", MIB, 30, 2), m("copy", MIB, 50_000, 100),
                m("openssl[cipher=null]", MIB, 60_000, 200), m("openssl", MIB, 59_000, 300),
                m("sunjce", 16, 50, 1)); // other series are ignored
    }

    @Test
    void handWorkedExampleAt16Bytes() {
        List<Decomposition.Row> rows = Decomposition.of(openssl(false, false), opensslSeries());
        assertEquals(2, rows.size());
        Decomposition.Row r = rows.get(0);
        assertEquals(16, r.chunkBytes());
        assertEquals(1, r.callsPerChunk());
        assertQ(100, 4, r.total(), "total");
        assertQ(10, 1, value(r, "harness"), "harness");
        assertQ(20, Math.sqrt(4 + 1), value(r, "binding"), "binding = 1 x (30 - 10)");
        assertQ(10, Math.sqrt(2.25 + 1), value(r, "copies"), "copies = 20 - 10");
        // path = null - call - copy + k*none + (1 - 1)*none... expanded: 80 - 30 - 20 + 1*10 = 40;
        // coefficients null 1, call -1, copy -1, none +1
        assertQ(40, Math.sqrt(9 + 4 + 2.25 + 1), value(r, "path"), "path");
        assertQ(20, 5, value(r, "cipher"), "cipher = 100 - 80");
        assertQ(0.2, 0.05, r.component("cipher").share().orElseThrow(), "cipher share");
        assertQ(0.4, Math.sqrt(16.25) / 100, r.component("path").share().orElseThrow(), "path share");
        assertEquals(Decomposition.COMPONENTS, r.components().stream().map(Decomposition.Component::name).toList());
        assertEquals("binding (1 call)", r.component("binding").label());
        assertEquals("OpenSSL outside AES", r.component("path").label());
    }

    @Test
    void negativeComponentKeepsItsSignAndError() {
        Decomposition.Row r = Decomposition.of(openssl(false, false), opensslSeries()).get(1);
        assertEquals(MIB, r.chunkBytes());
        assertEquals(4, r.callsPerChunk(), "4 pieces of 256 KiB");
        assertQ(-1000, Math.sqrt(300 * 300 + 200 * 200), value(r, "cipher"), "cipher below zero");
        assertTrue(r.component("cipher").share().orElseThrow().ns() < 0);
        assertQ(80, 4 * Math.sqrt(5), value(r, "binding"), "binding = 4 x (30 - 10)");
        // path = 60000 - 10 - 80 - 49990
        assertQ(9920, Math.sqrt(200 * 200 + 16 * 4 + 100 * 100 + 16 * 1), value(r, "path"), "path");
    }

    @Test
    void componentsAlwaysAddUpToTheBackend() {
        Random rnd = new Random(12);
        for (int trial = 0; trial < 200; trial++) {
            int chunk = 16 << rnd.nextInt(17);
            boolean perChunkIv = rnd.nextBoolean();
            boolean direct = rnd.nextBoolean();
            String backend = List.of("openssl", "kernel[driver=ctr(aes),io=copy,key=raw]",
                    "kernel[driver=ctr(aes),io=splice,key=keyring]").get(rnd.nextInt(3));
            NativePath p = NativePath.jna(backend, perChunkIv, direct).orElseThrow();
            List<Measurement> ms = new ArrayList<>();
            for (String s : List.of("none", "call[binding=jna]", "copy", p.nullPath(), p.backend())) {
                ms.add(m(s, chunk, rnd.nextDouble() * 1e5 - 1e4, rnd.nextDouble() * 100));
            }
            Decomposition.Row r = Decomposition.of(p, ms).get(0);
            double sum = 0;
            double shares = 0;
            for (Decomposition.Component c : r.components()) {
                sum += c.value().orElseThrow().ns();
                shares += c.share().orElseThrow().ns();
            }
            assertEquals(r.total().ns(), sum, 1e-6 * Math.max(1, Math.abs(sum)), backend + " at " + chunk);
            assertEquals(1.0, shares, 1e-6, backend + " at " + chunk);
        }
    }

    @Test
    void missingSeriesAreNotMeasuredWithTheReasonNeverGuessed() {
        String backend = "kernel[driver=ctr(aes),io=copy,key=raw]";
        NativePath p = NativePath.jna(backend, false, false).orElseThrow();
        assertEquals("kernel-null[binding=jna,io=copy]", p.nullPath());
        List<Measurement> ms = List.of(m("none", 4096, 10, 1), m("call[binding=jna]", 4096, 30, 1),
                m("copy", 4096, 200, 5), m(backend, 4096, 5000, 50),
                m(backend, 65536, 50_000, 500), m("none", 65536, 10, 1), m("copy", 65536, 3000, 30));
        String reason = "AF_ALG: socket(AF_ALG) failed with error 97 (EAFNOSUPPORT)";
        List<Decomposition.Row> rows = Decomposition.of(p, ms, Map.of("kernel[driver=ecb(cipher_null),io=copy]", reason));
        assertEquals(2, rows.size());
        Decomposition.Row r = rows.get(0);
        assertEquals(2, r.callsPerChunk());
        assertQ(40, 2 * Math.sqrt(2), value(r, "binding"), "binding = 2 x (30 - 10)");
        assertQ(190, Math.sqrt(26), value(r, "copies"), "copies");
        for (String c : List.of("path", "cipher")) {
            Decomposition.Component comp = r.component(c);
            assertFalse(comp.measured(), c);
            assertTrue(comp.share().isEmpty(), c);
            // the reason was given under the old name of a result from before the binding was spelled: it still applies
            assertTrue(comp.notMeasured().contains("kernel-null[binding=jna,io=copy] (" + reason + ")"),
                    comp.notMeasured());
            assertTrue(comp.notMeasured().contains("at 4096 B"), comp.notMeasured());
        }
        // At 64 KiB the call control is missing too (no reason known): binding and path say so, copies stands.
        Decomposition.Row big = rows.get(1);
        assertTrue(big.component("binding").notMeasured().equals("not measured: no result for call[binding=jna] at 65536 B"),
                big.component("binding").notMeasured());
        assertTrue(big.component("path").notMeasured().contains("call[binding=jna]")
                && big.component("path").notMeasured().contains(p.nullPath()), big.component("path").notMeasured());
        assertQ(2990, Math.sqrt(901), value(big, "copies"), "copies at 64 KiB");
    }

    @Test
    void onlyChunkSizesWhereTheBackendRanAndNoDuplicates() {
        List<Measurement> ms = new ArrayList<>(opensslSeries());
        ms.add(m("copy", 4096, 1, 0)); // a control at a size the backend did not run: no row
        assertEquals(List.of(16, MIB), Decomposition.of(openssl(false, false), ms).stream()
                .map(Decomposition.Row::chunkBytes).toList());
        ms.add(m("copy", 16, 2, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Decomposition.of(openssl(false, false), ms));
        assertTrue(e.getMessage().contains("two results for copy at 16 B"), e.getMessage());
    }

    @Test
    void pathWithoutStagingHasExactlyZeroCopies() {
        NativePath base = openssl(false, true);
        NativePath noStaging = new NativePath("openssl", base.nullPath(), base.call(), java.util.Optional.empty(),
                base.harness(), base.pathLabel(), base.callsPerChunk());
        List<Measurement> ms = List.of(m("none", 16, 10, 1), m("call[binding=jna]", 16, 30, 2),
                m("openssl[cipher=null]", 16, 80, 3), m("openssl", 16, 100, 4)); // no copy series at all
        Decomposition.Row r = Decomposition.of(noStaging, ms).get(0);
        assertQ(0, 0, value(r, "copies"), "copies");
        assertEquals("copies (none on this path)", r.component("copies").label());
        // path = 80 - 10 - 1 x (30 - 10): the harness cancels, leaving null and call
        assertQ(80 - 10 - 20, Math.sqrt(9 + 4), value(r, "path"), "path");
    }

    /** NativePath knows no constant of its own: every series and count is what the backend states about itself. */
    @Test
    void pathsAreWhatTheBackendsState() {
        for (org.chunkbench.backends.Binding b : org.chunkbench.backends.Binding.values()) {
            String binding = b.spelling();
            for (boolean iv : new boolean[] {false, true}) {
                for (boolean direct : new boolean[] {false, true}) {
                    org.chunkbench.backends.ChunkPath stated = org.chunkbench.backends.openssl.OpenSslBackend.path(b, iv, direct);
                    NativePath p = NativePath.of("openssl[binding=" + binding + "]", iv, direct).orElseThrow();
                    assertEquals(stated.nullControl(), p.nullPath());
                    assertEquals(stated.noOpCall(), p.call());
                    assertEquals(stated.copied(), p.copy().isPresent());
                    for (int n : new int[] {0, 16, 256 * 1024, 256 * 1024 + 16, 3 * MIB}) {
                        assertEquals(stated.callsPerChunk().applyAsLong(n), p.callsPerChunk().applyAsLong(n), binding + " " + n);
                    }
                    for (String io : List.of("copy", "splice")) {
                        org.chunkbench.backends.ChunkPath k = org.chunkbench.backends.kernel.KernelPath.of(b, io, iv, direct).orElseThrow();
                        NativePath kp = NativePath.of("kernel[binding=" + binding + ",io=" + io + "]", iv, direct).orElseThrow();
                        assertEquals(k.nullControl(), kp.nullPath());
                        assertEquals(k.copied(), kp.copy().isPresent());
                        assertEquals(k.callsPerChunk().applyAsLong(MIB + 16), kp.callsPerChunk().applyAsLong(MIB + 16));
                    }
                }
            }
        }
        // copies: measured where the chunk is copied through staging, exactly 0 where nothing is copied
        assertEquals(java.util.Optional.of("copy"), openssl(false, false).copy(), "JNA heap is staged");
        assertTrue(openssl(false, true).copy().isEmpty(), "direct buffers are passed in place");
        assertTrue(NativePath.of("openssl[binding=ffm]", false, false).orElseThrow().copy().isEmpty(), "FFM arrays in place");
        assertEquals(java.util.Optional.of("copy"), NativePath.of("kernel[binding=ffm]", false, false).orElseThrow().copy());
        assertTrue(NativePath.of("kernel[binding=jna]", false, true).orElseThrow().copy().isEmpty());
        assertEquals(256 * 1024, org.chunkbench.backends.openssl.OpenSslBackend.path(org.chunkbench.backends.Binding.JNA,
                false, false).piece(), "the JNA stage");
    }

    @Test
    void callsPerChunkOfEachPath() {
        assertEquals(1, openssl(false, true).callsPerChunk().applyAsLong(MIB), "direct: one call for the chunk");
        assertEquals(4, openssl(false, false).callsPerChunk().applyAsLong(MIB));
        assertEquals(5, openssl(false, false).callsPerChunk().applyAsLong(MIB + 16));
        assertEquals(2, openssl(true, false).callsPerChunk().applyAsLong(16), "per-chunk-iv adds EVP_CipherInit_ex");
        assertEquals(0, openssl(false, false).callsPerChunk().applyAsLong(0));
        NativePath copy = NativePath.jna("kernel[io=copy]", false, false).orElseThrow();
        assertEquals(2, copy.callsPerChunk().applyAsLong(65536));
        assertEquals(4, copy.callsPerChunk().applyAsLong(65536 + 16));
        NativePath splice = NativePath.jna("kernel[driver=ctr(aes),io=splice,key=raw]", true, true).orElseThrow();
        assertEquals(4, splice.callsPerChunk().applyAsLong(16), "vmsplice, splice, read and the control sendmsg");
        assertEquals("kernel-null[binding=jna,io=splice]", splice.nullPath());
        assertEquals(3 * 16, NativePath.jna("kernel[io=splice]", false, false).orElseThrow().callsPerChunk().applyAsLong(MIB));
        for (String notNative : List.of("sunjce", "openssl[binding=ffm]", "openssl[cipher=null]",
                "openssl[binding=jna,cipher=null]", "kernel[driver=ecb(cipher_null),io=copy]",
                "kernel[binding=jna,driver=ecb(cipher_null),io=copy]", "openssl-null[binding=jna]",
                "kernel-null[binding=jna,io=copy]", "kernel[io=mmap]")) {
            assertTrue(NativePath.jna(notNative, false, false).isEmpty(), notNative);
        }
    }

    @Test
    void ffmPathsCountTheirCallsAndReportTheMissingNullPath() {
        NativePath heap = NativePath.ffm("openssl[binding=ffm]", false, false).orElseThrow();
        assertEquals(1, heap.callsPerChunk().applyAsLong(MIB), "FFM openssl: one call per chunk even for heap buffers");
        assertEquals(2, NativePath.ffm("openssl[binding=ffm]", true, true).orElseThrow().callsPerChunk().applyAsLong(16));
        assertTrue(heap.copy().isEmpty(), "FFM openssl works on the caller's memory: no staging");
        assertEquals("call[binding=ffm]", heap.call());
        NativePath kernel = NativePath.of("kernel[binding=ffm,io=splice]", true, false).orElseThrow();
        assertEquals(4, kernel.callsPerChunk().applyAsLong(16));
        assertEquals("call[binding=ffm]", kernel.call());
        assertEquals("call[binding=jna]", NativePath.of("openssl", false, false).orElseThrow().call());
        for (String notFfm : List.of("openssl", "sunjce", "kernel[binding=ffm,driver=ecb(cipher_null),io=copy]",
                "kernel-null[binding=ffm,io=copy]", "openssl-null[binding=ffm]")) {
            assertTrue(NativePath.ffm(notFfm, false, false).isEmpty(), notFfm);
        }
        assertEquals("openssl-null[binding=ffm]", heap.nullPath());
        assertEquals("kernel-null[binding=ffm,io=splice]", kernel.nullPath());
        // a run from before the FFM null controls: binding measured, copies exactly 0, path and cipher not measured
        // with why, never borrowed from the JNA null path that is there
        List<Measurement> ms = List.of(m("none", 16, 10, 1), m("call[binding=ffm]", 16, 15, 1),
                m("openssl[cipher=null]", 16, 80, 3), m("openssl[binding=ffm]", 16, 60, 2));
        Decomposition.Row r = Decomposition.of(heap, ms, Map.of(heap.nullPath(), NativePath.FFM_CONTROLS_NOT_IN_RUN)).get(0);
        assertQ(5, Math.sqrt(2), value(r, "binding"), "binding = 1 x (15 - 10)");
        assertQ(0, 0, value(r, "copies"), "copies");
        for (String c : List.of("path", "cipher")) {
            assertTrue(r.component(c).value().isEmpty(), c + " must not borrow the JNA null path");
            assertTrue(r.component(c).notMeasured().contains("openssl-null[binding=ffm] ("
                    + NativePath.FFM_CONTROLS_NOT_IN_RUN + ")"), r.component(c).notMeasured());
        }
    }

    /** Both FFM backends from their own FFM controls, worked by hand; the JNA series beside them change nothing. */
    @Test
    void ffmPathsAreDecomposedFromTheFfmNullControls() {
        String kernel = "kernel[binding=ffm,driver=ctr(aes),io=copy,key=raw]";
        List<Measurement> ms = List.of(m("none", 16, 10, 1), m("call[binding=ffm]", 16, 14, 1),
                m("call[binding=jna]", 16, 90, 1), m("copy", 16, 20, 2),
                m("openssl[binding=jna,cipher=null]", 16, 300, 3), m("openssl-null[binding=ffm]", 16, 40, 3),
                m("openssl[binding=ffm]", 16, 50, 4),
                m("kernel-null[binding=ffm,io=copy]", 16, 1900, 30), m(kernel, 16, 2000, 40),
                m("kernel[binding=jna,driver=ecb(cipher_null),io=copy]", 16, 9999, 30),
                m("none", 65536, 10, 1), m("call[binding=ffm]", 65536, 14, 1), m("copy", 65536, 4010, 20),
                m("kernel[binding=ffm,driver=ecb(cipher_null),io=copy]", 65536, 30_000, 300), m(kernel, 65536, 90_000, 400));

        Decomposition.Row o = Decomposition.of(NativePath.ffm("openssl[binding=ffm]", false, false).orElseThrow(), ms).get(0);
        assertEquals(1, o.callsPerChunk());
        assertQ(50, 4, o.total(), "total");
        assertQ(10, 1, value(o, "harness"), "harness");
        assertQ(4, Math.sqrt(2), value(o, "binding"), "binding = 1 x (14 - 10)");
        assertQ(0, 0, value(o, "copies"), "copies: none on this path");
        // path = null - none - 1 x (call - none) = 40 - 10 - 4: the harness cancels, null and call are left
        assertQ(26, Math.sqrt(9 + 1), value(o, "path"), "path = 40 - 14");
        assertQ(10, 5, value(o, "cipher"), "cipher = 50 - 40, error sqrt(16 + 9)");
        assertEquals(0.2, o.component("cipher").share().orElseThrow().ns(), EPS);

        List<Decomposition.Row> k = Decomposition.of(NativePath.ffm(kernel, false, false).orElseThrow(), ms);
        assertEquals(2, k.size());
        Decomposition.Row small = k.get(0);
        assertEquals(2, small.callsPerChunk(), "sendmsg and read");
        assertQ(8, 2 * Math.sqrt(2), value(small, "binding"), "binding = 2 x (14 - 10)");
        assertQ(10, Math.sqrt(4 + 1), value(small, "copies"), "copies = 20 - 10");
        // path = 1900 - 10 - 8 - 10 = 1872; coefficients null 1, call -2, copy -1, none -1 + 2 + 1 = +2
        assertQ(1872, Math.sqrt(900 + 4 * 1 + 4 + 4 * 1), value(small, "path"), "path");
        assertQ(100, 50, value(small, "cipher"), "cipher = 2000 - 1900, error sqrt(1600 + 900)");
        Decomposition.Row big = k.get(1);
        // 64 KiB: one piece, still 2 calls; path = 30000 - 10 - 8 - 4000 = 25982, cipher 60000
        assertQ(25_982, Math.sqrt(300 * 300 + 4 + 400 + 4), value(big, "path"), "path at 64 KiB");
        assertQ(60_000, 500, value(big, "cipher"), "cipher at 64 KiB");
    }

    @Test
    void arithmeticTextNamesEveryComponent() {
        String text = Decomposition.arithmetic(false);
        for (String c : Decomposition.COMPONENTS) {
            assertTrue(text.contains("- " + c + " = "), c);
        }
        assertTrue(text.contains("root-sum-square"));
        assertTrue(text.contains("never clipped"));
    }

    @Test
    void arithmeticTextNamesTheNullControlsAsTheFolderSpellsThem() {
        String today = Decomposition.arithmetic(false);
        assertTrue(today.contains("(openssl-null[binding=...], kernel-null[binding=...,io=...])"), today);
        assertFalse(today.contains("cipher=null"), today);
        String old = Decomposition.arithmetic(true);
        assertTrue(old.contains("(openssl[binding=...,cipher=null], kernel[binding=...,driver=ecb(cipher_null),io=...])"), old);
        assertEquals(today.replace(Decomposition.NULL_CONTROLS, Decomposition.NULL_CONTROLS_BEFORE_RENAME), old,
                "only the names differ");
    }
}
