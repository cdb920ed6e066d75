package org.chunkbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.chunkbench.results.EnvManifest;
import org.chunkbench.results.RowKinds;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder's rows read as the folder says (issue 21): its record when it has one, the frozen table when it is older. */
class RowKindsTest {
    @Test
    void aRecordedControlIsReadAsOneWhateverTodaysRegistrySays(@TempDir Path tmp) throws Exception {
        Path dir = Fixtures.smokeFolder(tmp);
        ObjectNode env = Fixtures.env(dir);
        // today's registry calls bc a backend; this folder's record says its bc rows timed a control
        ObjectNode variants = ((ObjectNode) env.path("run")).putObject("variants");
        for (String b : List.of("sunjce", "bc-lightweight", "conscrypt", "openssl")) {
            variants.put(b, "backend");
        }
        variants.put("bc", "control");
        Fixtures.JSON.writeValue(dir.resolve("env.json").toFile(), env);

        Results r = Results.read(dir.resolve("jmh.json"), RowKinds.of(EnvManifest.read(dir.resolve("env.json"))));
        assertEquals(List.of("bc"), r.controls().stream().map(Results.Row::backend).distinct().toList());
        assertFalse(r.backends().contains("bc"), r.backends().toString());
        // the record's order is the tables' order: baseline right after sunjce, as the registry had it when recorded
        assertEquals(List.of("sunjce", "baseline", "bc-lightweight", "conscrypt", "openssl"), List.copyOf(r.backends()));

        Report.generate(dir, Report.DEFAULT_REFERENCE, new PrintWriter(new StringWriter()), Optional.empty());
        String md = Files.readString(dir.resolve("REPORT.md"));
        assertTrue(md.contains("Controls measured in this run (not backends; kept out of the tables and charts above): `bc`."), md);
    }

    @Test
    void theRecordARunWritesReadsBackFromEnvJson(@TempDir Path tmp) throws Exception {
        java.util.Map<String, String> variants = new java.util.LinkedHashMap<>();
        variants.put("openssl[binding=jna]", "backend");
        variants.put("kernel[binding=jna]", "backend");
        variants.put("openssl-null[binding=jna]", "control");
        EnvManifest.RunInfo run = EnvManifest.RunInfo.started("chunkbench run", "quick", "t", 1, 1, List.of(), null, variants)
                .finished("t", 1, "1s", 1, List.of(), null);
        Path file = tmp.resolve("env.json");
        new EnvManifest(null, null, null, null, null, null, null, null, run).write(file);
        assertTrue(Files.readString(file).contains("\"variants\""), Files.readString(file));
        RowKinds kinds = RowKinds.of(EnvManifest.read(file));
        assertTrue(kinds.control("openssl-null[binding=jna]"));
        assertFalse(kinds.control("openssl[binding=jna]"));
        assertFalse(kinds.control("none"), "a name the record does not hold is not a control, whatever the frozen table says");
        assertEquals(List.of("openssl", "kernel"), kinds.backendOrder());
    }

    @Test
    void aFolderFromBeforeTheRecordReadsByTheFrozenTable() throws Exception {
        Path dir = Path.of("..", "results", "20261201T125156Z-chunkbench-vm");
        assumeTrue(Files.isRegularFile(dir.resolve("jmh.json")), "no committed results next to benchmarks/");
        EnvManifest env = EnvManifest.read(dir.resolve("env.json"));
        assertSame(RowKinds.BEFORE_RECORD, RowKinds.of(env), "written before run.variants was recorded");
        Results r = Results.read(dir.resolve("jmh.json"), RowKinds.of(env));
        assertEquals(List.of("kernel[binding=jna]"), List.copyOf(r.backends()));
        assertEquals(List.of("call[binding=ffm]", "call[binding=jna]", "copy", "kernel[driver=ecb(cipher_null),io=copy]",
                "kernel[driver=ecb(cipher_null),io=splice]", "none", "openssl[cipher=null]", "syscall[binding=jna]"),
                r.controls().stream().map(Results.Row::backend).distinct().sorted().toList());
    }

    @Test
    void theFrozenTableKnowsEveryOldSpellingInAnyOptionOrderAndSpellsItAsToday() {
        RowKinds old = RowKinds.of(null);
        for (String v : List.of("none", "copy", "call[binding=jna]", "syscall[binding=ffm]", "openssl[cipher=null]",
                "openssl[cipher=null,binding=ffm]", "kernel[io=splice,driver=ecb(cipher_null)]",
                "kernel[binding=ffm,driver=ecb(cipher_null),io=copy]")) {
            assertTrue(old.control(v), v);
        }
        for (String v : List.of("sunjce", "openssl", "openssl[binding=ffm]", "kernel[binding=jna,io=splice]", "bc", "[broken")) {
            assertFalse(old.control(v), v);
        }
        // the null-cipher controls' old names spell as the renamed controls; today's names are no old folder's
        assertEquals("openssl-null[binding=jna]", RowKinds.spelledToday("openssl[cipher=null]"));
        assertEquals("openssl-null[binding=ffm]", RowKinds.spelledToday("openssl[cipher=null,binding=ffm]"));
        assertEquals("kernel-null[binding=jna,io=splice]", RowKinds.spelledToday("kernel[driver=ecb(cipher_null),io=splice]"));
        assertEquals("kernel-null[binding=ffm,io=copy]", RowKinds.spelledToday("kernel[binding=ffm,driver=ecb(cipher_null),io=copy]"));
        assertEquals("openssl[binding=ffm]", RowKinds.spelledToday("openssl[binding=ffm]"));
        assertEquals("openssl-null[binding=ffm]", RowKinds.spelledToday("openssl-null[binding=ffm]"));
        assertFalse(old.control("openssl-null[binding=jna]"), "the table is frozen: new names come with a record");
        for (String v : List.of("openssl[cipher=null]", "kernel[binding=ffm,driver=ecb(cipher_null),io=copy]")) {
            assertTrue(RowKinds.renamed(v), v);
        }
        for (String v : List.of("call[binding=jna]", "none", "openssl-null[binding=jna]", "openssl", "[broken")) {
            assertFalse(RowKinds.renamed(v), v);
        }
        assertEquals(List.of("sunjce", "bc", "bc-lightweight", "conscrypt", "openssl", "kernel"), old.backendOrder());
    }
}
