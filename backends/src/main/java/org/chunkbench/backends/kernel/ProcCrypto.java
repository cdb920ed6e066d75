package org.chunkbench.backends.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /proc/crypto}: one block of {@code key : value} lines per registered algorithm instance, blocks separated
 * by blank lines. Template instances such as {@code ctr(aes-generic)} appear only after something has asked for
 * them, so a listing taken right after binding {@code ctr(aes)} shows what that name resolved to.
 */
public final class ProcCrypto {
    public static final Path PATH = Path.of("/proc/crypto");

    /** One registered implementation ("driver") of an algorithm. */
    public record Entry(String name, String driver, String module, int priority, String type, boolean async,
                        String selftest, boolean internal) {
        /** What the kernel would pick by name: tested (or untestable) and not internal-only. */
        boolean bindable() {
            return !internal && !"unknown".equals(selftest) && !"failed".equals(selftest);
        }

        public String describe() {
            return String.format("%-22s priority %4d  module %-12s %s  selftest %s%s", driver, priority, module,
                    async ? "async" : "sync ", selftest, internal ? "  (internal)" : "");
        }
    }

    private final List<Entry> entries;

    private ProcCrypto(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ProcCrypto read() throws IOException {
        return parse(Files.readString(PATH, StandardCharsets.US_ASCII));
    }

    public static ProcCrypto parse(String text) {
        List<Entry> out = new ArrayList<>();
        Map<String, String> block = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                addBlock(block, out);
                block.clear();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            block.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        addBlock(block, out);
        return new ProcCrypto(out);
    }

    private static void addBlock(Map<String, String> block, List<Entry> out) {
        String name = block.get("name");
        if (name == null) {
            return;
        }
        int priority;
        try {
            priority = Integer.parseInt(block.getOrDefault("priority", "0"));
        } catch (NumberFormatException e) {
            priority = 0;
        }
        out.add(new Entry(name, block.getOrDefault("driver", name), block.getOrDefault("module", "?"), priority,
                block.getOrDefault("type", "?"), "yes".equals(block.get("async")),
                block.getOrDefault("selftest", "?"), "yes".equals(block.get("internal"))));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Every registered skcipher implementing {@code name} (for example {@code ctr(aes)}), highest priority first. */
    public List<Entry> driversOf(String name) {
        return entries.stream().filter(e -> e.name().equals(name) && e.type().equals("skcipher"))
                .sorted(Comparator.comparingInt(Entry::priority).reversed().thenComparing(Entry::driver)).toList();
    }

    /** The implementation a bind to {@code name} gets: the bindable one of highest priority. */
    public Optional<Entry> boundBy(String name) {
        return driversOf(name).stream().filter(Entry::bindable).findFirst();
    }

    /** Plain block ciphers named {@code cipherName} ({@code aes}): each can be wrapped as {@code ctr(<driver>)}. */
    public List<Entry> ciphersOf(String cipherName) {
        return entries.stream().filter(e -> e.name().equals(cipherName) && e.type().equals("cipher") && !e.internal())
                .sorted(Comparator.comparingInt(Entry::priority).reversed()).toList();
    }

    /** Names a user could bind for AES-CTR here: the drivers of ctr(aes), and ctr(x) for every AES cipher driver x. */
    public List<String> bindableCtrAesNames() {
        List<String> names = new ArrayList<>();
        names.add("ctr(aes)");
        for (Entry e : driversOf("ctr(aes)")) {
            if (!e.internal() && !names.contains(e.driver())) {
                names.add(e.driver());
            }
        }
        for (Entry e : ciphersOf("aes")) {
            String wrapped = "ctr(" + e.driver() + ")";
            if (!names.contains(wrapped)) {
                names.add(wrapped);
            }
        }
        return names;
    }
}
