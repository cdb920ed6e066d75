package org.chunkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

class SweepTest {
    /** Every backend runs except kernel, which says why not. */
    static final Sweep.Probe NO_KERNEL = (v, c) -> v.startsWith("kernel") ? "socket(AF_ALG) failed with error(97)" : null;

    static Sweep.Request request(Preset p) {
        Sweep.Request r = new Sweep.Request();
        r.preset = p;
        r.backends = List.of("sunjce", "openssl", "kernel[io=splice,driver=ctr(aes-generic)]");
        return r;
    }

    @Test
    void unavailableBackendsAreLeftOutWithTheirReasonBeforeJmhStarts() {
        Sweep s = Sweep.plan(request(Preset.QUICK), NO_KERNEL);
        // "openssl" is recorded with the binding that runs: ffm on JDK 22+, jna below.
        String openssl = Runtime.version().feature() >= 22 ? "openssl[binding=ffm]" : "openssl[binding=jna]";
        assertEquals(List.of("sunjce", openssl), s.backends());
        String kernel = "kernel[binding=" + (Runtime.version().feature() >= 22 ? "ffm" : "jna") + ",io=splice,driver=ctr(aes-generic)]";
        assertEquals(Map.of(kernel, "socket(AF_ALG) failed with error(97)"), s.unavailable());
        Options o = s.options("/tmp/x/jmh.json");
        assertEquals(List.of("sunjce", openssl), List.copyOf(o.getParameter("backend").get()));
    }

    @Test
    void quickCountsBackendsPlusBaselineTimesEveryChunkSize() {
        Options o = Sweep.plan(request(Preset.QUICK), NO_KERNEL).options("jmh.json");
        assertEquals((2 + 1) * 8, Sweep.count(o));
        assertEquals(List.of("stream"), List.copyOf(o.getParameter("mode").get()));
        Duration perTrial = Sweep.perTrial(o);
        assertEquals(Math.round((2 * 0.5 + 6 * 0.3 + Sweep.FORK_OVERHEAD_SECONDS) * 1000), perTrial.toMillis());
        assertEquals(perTrial.multipliedBy(24), Sweep.estimate(o));
    }

    @Test
    void fullSweepsModesBuffersAndDirections() {
        Sweep.Request r = request(Preset.FULL);
        r.controls = false;
        Options o = Sweep.plan(r, NO_KERNEL).options("jmh.json");
        assertEquals(3 * 8 * 2 * 2 * 2, Sweep.count(o));
        assertEquals(2, o.getForkCount().get());
    }

    @Test
    void controlsRunByDefaultInFullOnlyAndOnRequestElsewhere() {
        List<String> controls = List.of("none", "call[binding=jna]", "call[binding=ffm]", "copy", "syscall[binding=jna]",
                "syscall[binding=ffm]", "openssl-null[binding=jna]", "openssl-null[binding=ffm]");
        Sweep full = Sweep.plan(request(Preset.FULL), NO_KERNEL);
        assertTrue(full.controlsOn());
        assertEquals(controls, full.backends().subList(2, full.backends().size()), "after the backends, same benchmark");
        // The kernel's null-cipher control is left out with its reason, like a backend.
        for (String binding : List.of("jna", "ffm")) {
            assertEquals("socket(AF_ALG) failed with error(97)",
                    full.unavailable().get("kernel-null[binding=" + binding + ",io=copy]"));
            assertTrue(full.unavailable().containsKey("kernel-null[binding=" + binding + ",io=splice]"));
        }
        Options o = full.options("jmh.json");
        assertEquals((2 + controls.size() + 1) * 8 * 2 * 2 * 2, Sweep.count(o), "same chunk sizes, modes, buffers");
        for (Preset p : List.of(Preset.QUICK, Preset.SMOKE)) {
            Sweep s = Sweep.plan(request(p), NO_KERNEL);
            assertTrue(!s.controlsOn() && s.backends().size() == 2, p + ": no controls unless asked");
            Sweep.Request r = request(p);
            r.controls = true;
            assertEquals(2 + controls.size(), Sweep.plan(r, NO_KERNEL).backends().size(), p + " --controls");
        }
        Sweep.Request off = request(Preset.FULL);
        off.controls = false;
        assertEquals(2, Sweep.plan(off, NO_KERNEL).backends().size(), "--full --no-controls");
    }

    @Test
    void theRecordOfTheVariantsNamesEveryPlannedOneWithItsKind() {
        Sweep full = Sweep.plan(request(Preset.FULL), NO_KERNEL);
        java.util.Map<String, String> record = full.variantRecord();
        for (String b : full.backends()) {
            boolean backend = b.equals("sunjce") || b.matches("openssl\\[binding=(jna|ffm)\\]");
            assertEquals(backend ? "backend" : "control", record.get(b), b);
        }
        // left out too: the decomposition names a missing control by its reason
        assertEquals("control", record.get("kernel-null[binding=jna,io=splice]"));
        assertEquals("backend", record.get(full.unavailable().keySet().stream().filter(v -> v.contains("aes-generic")).findFirst().orElseThrow()));
        assertEquals(full.backends().size() + full.unavailable().size(), record.size());
        assertEquals("sunjce", record.keySet().iterator().next(), "backends first, in registry order");
    }

    @Test
    void rawJmhOptionsWinOverThePresetTimingsAndNativeAccessIsAlwaysAppended() {
        Sweep.Request r = request(Preset.SMOKE);
        r.jmhArgs = List.of("-f", "3", "-i", "7", "-prof", "gc", "-jvmArgsAppend", "-Xmx1g");
        Options o = Sweep.plan(r, NO_KERNEL).options("jmh.json");
        assertEquals(3, o.getForkCount().get());
        assertEquals(7, o.getMeasurementIterations().get());
        assertEquals(1, o.getWarmupIterations().get(), "the preset's warmup stays");
        List<String> append = List.copyOf(o.getJvmArgsAppend().get());
        assertEquals(Sweep.NATIVE_ACCESS, append.get(0));
        assertEquals("-Xmx1g", append.get(append.size() - 1));
        assertEquals("jmh.json", o.getResult().get());
        assertTrue(o.getProfilers().stream().anyMatch(p -> p.getKlass().equals("gc")));
    }

    @Test
    void paramsGivenThroughJmhReplaceThePresetsAndCountAsTheyAre() {
        Sweep.Request r = request(Preset.SMOKE);
        r.jmhArgs = List.of("-p", "buffer=heap,direct", "-p", "mode=per-chunk-iv", "-p", "keyBits=128,192,256");
        Options o = Sweep.plan(r, NO_KERNEL).options("jmh.json");
        assertEquals(List.of("heap", "direct"), List.copyOf(o.getParameter("buffer").get()));
        assertEquals(List.of("per-chunk-iv"), List.copyOf(o.getParameter("mode").get()));
        assertEquals((2 + 1) * 2 * 2 * 3, Sweep.count(o));
    }

    @Test
    void usageErrorsNameTheOption() {
        Sweep.Request r = request(Preset.QUICK);
        r.chunks = List.of(16, 100);
        Sweep s = Sweep.plan(r, NO_KERNEL);
        Exception e = assertThrows(Sweep.PlanException.class, () -> s.options("jmh.json"));
        assertTrue(e.getMessage().contains("chunk size 100"), e.getMessage());

        Sweep.Request both = request(Preset.QUICK);
        both.chunks = List.of(16);
        both.jmhArgs = List.of("-p", "chunkSize=32");
        e = assertThrows(Sweep.PlanException.class, () -> Sweep.plan(both, NO_KERNEL).options("jmh.json"));
        assertTrue(e.getMessage().contains("--chunks"), e.getMessage());

        Sweep.Request rf = request(Preset.QUICK);
        rf.jmhArgs = List.of("-rff", "other.json");
        e = assertThrows(Sweep.PlanException.class, () -> Sweep.plan(rf, NO_KERNEL));
        assertTrue(e.getMessage().contains("jmh.json"), e.getMessage());

        Sweep.Request none = request(Preset.QUICK);
        none.backends = List.of("kernel");
        none.baseline = false;
        e = assertThrows(Sweep.PlanException.class, () -> Sweep.plan(none, NO_KERNEL));
        assertTrue(e.getMessage().contains("error(97)"), e.getMessage());
    }

    @Test
    void theRegistryProbeRejectsUnknownNamesAndAcceptsAvailableBackends() {
        Exception e = assertThrows(Sweep.PlanException.class, () -> Sweep.probe("nosuch", "aes-ctr"));
        assertTrue(e.getMessage().contains("known backends"), e.getMessage());
        e = assertThrows(Sweep.PlanException.class, () -> Sweep.probe("sunjce[io=splice]", "aes-ctr"));
        assertTrue(e.getMessage().contains("no option 'io'"), e.getMessage());
        assertEquals(null, Sweep.probe("sunjce", "aes-ctr"));
    }

    @Test
    void threadCountsAreCheckedKeptInOrderOnceEachAndSetPerInvocation() {
        Sweep.Request r = request(Preset.QUICK);
        r.threads = List.of(1, 2, 1, 4);
        Sweep s = Sweep.plan(r, NO_KERNEL);
        assertEquals(List.of(1, 2, 4), s.threadCounts());
        assertEquals(2, s.options("jmh.json", "aes-ctr", 2).getThreads().get());
        assertEquals(1, s.options("jmh.json").getThreads().get(), "the first count when one Options is asked for");
        // the estimate of the whole sweep is the sum over the invocations: three counts, three times one
        Options one = s.options("jmh.json", "aes-ctr", 1);
        assertEquals(Sweep.count(one), Sweep.count(s.options("jmh.json", "aes-ctr", 4)));

        Sweep.Request none = request(Preset.QUICK);
        assertEquals(java.util.Collections.singletonList(null), Sweep.plan(none, NO_KERNEL).threadCounts());
        assertTrue(Sweep.plan(none, NO_KERNEL).options("jmh.json").getThreads().hasValue() == false,
                "without --threads JMH keeps its own default (or --jmh -t)");

        for (List<Integer> bad : List.of(List.of(0), List.of(2, -1), List.<Integer>of())) {
            Sweep.Request b = request(Preset.QUICK);
            b.threads = bad;
            Exception e = assertThrows(Sweep.PlanException.class, () -> Sweep.plan(b, NO_KERNEL).threadCounts());
            assertTrue(e.getMessage().startsWith("--threads"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
        Sweep.Request both = request(Preset.QUICK);
        both.threads = List.of(1, 2);
        both.jmhArgs = List.of("-t", "3");
        Exception e = assertThrows(Sweep.PlanException.class, () -> Sweep.plan(both, NO_KERNEL).threadCounts());
        assertTrue(e.getMessage().contains("--jmh -t"), e.getMessage());
    }

    /** A probe where openssl cannot seal records (the answer of a backend without GCM) and kernel runs nothing. */
    static final Sweep.Probe NO_OPENSSL_GCM = (v, c) -> v.startsWith("kernel") ? "socket(AF_ALG) failed with error(97)"
            : v.startsWith("openssl") && c.equals("aes-gcm") ? "aes-gcm is not implemented for backend openssl yet" : null;

    @Test
    void fullAddsOneGcmInvocationOfRecordsOnHeapBuffersLeavingOutWhatCannotSeal() {
        Sweep.Request r = request(Preset.FULL);
        Sweep s = Sweep.plan(r, NO_OPENSSL_GCM);
        assertEquals(List.of("aes-ctr", "aes-gcm"), s.ciphers());
        String openssl = s.backends().get(1);
        assertEquals(List.of("sunjce"), s.backends("aes-gcm"), "no control and no backend that cannot seal");
        assertEquals("aes-gcm is not implemented for backend openssl yet", s.unavailable().get(openssl + " (aes-gcm)"));
        assertTrue(s.variantRecord().containsKey(openssl) && s.variantRecord().keySet().stream().noneMatch(k -> k.contains(" (")),
                "env.json's variant record names variants only: " + s.variantRecord());
        Options gcm = s.options("jmh.json", "aes-gcm", null);
        assertEquals(List.of("aes-gcm"), List.copyOf(gcm.getParameter("cipher").get()));
        assertEquals(List.of("record"), List.copyOf(gcm.getParameter("mode").get()));
        assertEquals(List.of("heap"), List.copyOf(gcm.getParameter("buffer").get()));
        assertEquals(List.of("sunjce"), List.copyOf(gcm.getParameter("backend").get()));
        assertEquals((1 + 1) * 8 * 2, Sweep.count(gcm), "sunjce and the baseline x chunk sizes x directions");
        Options ctr = s.options("jmh.json");
        assertEquals(List.of("aes-ctr"), List.copyOf(ctr.getParameter("cipher").get()), "the first invocation is aes-ctr's");
        assertEquals(List.of("stream", "per-chunk-iv"), List.copyOf(ctr.getParameter("mode").get()));
        // The quick preset stays AES-CTR only.
        assertEquals(List.of("aes-ctr"), Sweep.plan(request(Preset.QUICK), NO_OPENSSL_GCM).ciphers());
    }

    @Test
    void cipherListsAreCheckedAndGcmNeedsHeapBuffers() {
        Sweep.Request r = request(Preset.QUICK);
        r.ciphers = List.of("aes-gcm", "AES-GCM");
        assertEquals(List.of("aes-gcm"), Sweep.plan(r, NO_KERNEL).ciphers(), "given twice, run once");
        r.ciphers = List.of("both");
        assertEquals(List.of("aes-ctr", "aes-gcm"), Sweep.plan(r, NO_KERNEL).ciphers());
        r.ciphers = List.of("aes-cbc");
        Exception e = assertThrows(Sweep.PlanException.class, () -> Sweep.plan(r, NO_KERNEL));
        assertEquals("--ciphers aes-cbc is not allowed; use aes-ctr, aes-gcm, both", e.getMessage());
        r.ciphers = List.of("aes-ctr", "aes-gcm");
        r.buffers = List.of("direct");
        e = assertThrows(Sweep.PlanException.class, () -> Sweep.plan(r, NO_KERNEL));
        assertEquals("aes-gcm runs with heap buffers only (its records are arrays); add heap to --buffers", e.getMessage());
    }
}
