package org.chunkbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The manifest's AES flags. UseAESIntrinsics and UseAESCTRIntrinsics are diagnostic HotSpot flags, invisible to
 * HotSpotDiagnosticMXBean unless the JVM was started with -XX:+UnlockDiagnosticVMOptions: the manifest used to
 * say "not a flag of this JVM" for both on a JDK 17 where both are true.
 */
class EnvironmentAesFlagsTest {
    static boolean hotSpotWithAes() {
        String arch = System.getProperty("os.arch");
        String vm = System.getProperty("java.vm.name", "");
        return (vm.contains("HotSpot") || vm.contains("OpenJDK")) && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"));
    }

    @Test
    void diagnosticAesFlagsAreReadAsTheForksSeeThem() {
        Assumptions.assumeTrue(hotSpotWithAes(), "not HotSpot on x86_64/aarch64, whose AES flags this knows: "
                + System.getProperty("java.vm.name") + " " + System.getProperty("os.arch"));
        boolean unlocked = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+UnlockDiagnosticVMOptions");
        System.out.println("test JVM has diagnostic options unlocked: " + unlocked);
        Map<String, String> flags = Environment.jvm().aesFlags();
        for (String f : new String[] {"UseAES", "UseAESIntrinsics", "UseAESCTRIntrinsics"}) {
            assertTrue(List.of("true", "false").contains(flags.get(f)), f + " should be true or false: " + flags);
        }
        assertTrue(!flags.containsKey("source"), "PrintFlagsFinal of the fork's java should have answered: " + flags);
    }

    @Test
    void aFlagTheForksTurnOffIsReadAsOff() {
        Assumptions.assumeTrue(hotSpotWithAes(), "not HotSpot on x86_64/aarch64: " + System.getProperty("java.vm.name"));
        Map<String, String> flags = Environment.aesFlags(Environment.forkJava(), List.of("-XX:-UseAESCTRIntrinsics"));
        assertEquals("false", flags.get("UseAESCTRIntrinsics"), flags.toString());
    }

    @Test
    void printFlagsFinalLinesAreParsedAndAbsentFlagsNamed() throws IOException {
        String out = "[Global flags]\n"
                + "     bool UseAES                                   = true                                      {product} {default}\n"
                + "     bool UseAESCTRIntrinsics                      = false                                  {diagnostic} {command line}\n"
                + "    ccstr OnError                                  =                                           {product} {default}\n"
                + "openjdk version \"17.0.13\" 2024-10-15\n";
        Map<String, String> flags = Environment.printFlagsFinal(out, "UseAES", "UseAESCTRIntrinsics", "OnError", "UseAVX");
        assertEquals(Map.of("UseAES", "true", "UseAESCTRIntrinsics", "false", "OnError", "", "UseAVX", Environment.NOT_A_FLAG), flags);
        assertThrows(IOException.class, () -> Environment.printFlagsFinal("Error: Could not create the Java Virtual Machine.\n", "UseAES"));
    }

    @Test
    void aJavaThatCannotRunFallsBackToTheMxBeanAndSaysSo() {
        Map<String, String> flags = Environment.aesFlags(java.nio.file.Path.of("/nonexistent/bin/java"), List.of());
        assertTrue(flags.get("source").contains("PrintFlagsFinal failed"), flags.toString());
        assertTrue(!flags.containsValue(Environment.NOT_A_FLAG) || !hotSpotWithAes(), "a hidden flag is not 'not a flag': " + flags);
    }
}
