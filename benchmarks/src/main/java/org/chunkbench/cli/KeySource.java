package org.chunkbench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.chunkbench.backends.AesKey;

import picocli.CommandLine.Option;

/**
 * Where encrypt/decrypt get the key: exactly one of {@code --key HEX} (convenient, but visible to other users),
 * {@code --key-file FILE}, {@code --key-fd N}, {@code --key-env VAR} or {@code --key-serial N} (kernel keyring; the JVM
 * never sees the key).
 *
 * <p>No message built here contains a character of the key: errors name the option, the size found and what is
 * allowed, never the content. The bytes read from a file or descriptor live in arrays that are wiped once the
 * {@link AesKey} holds its own copy; that copy is wiped by the caller right after the cipher is open. A key given as
 * text on the command line or in the environment is a Java string and cannot be wiped, which is one more reason to
 * prefer a file or a descriptor.
 */
final class KeySource {
    /** Largest key file or descriptor content read: 64 hex digits, CR LF, with room to say "too long". */
    static final int MAX_KEY_TEXT = 256;

    /** The environment, replaceable by tests (the JVM cannot change its own). */
    static UnaryOperator<String> environment = System::getenv;

    @Option(names = "--key", paramLabel = "HEX",
            description = "AES key as 32, 48 or 64 hex digits (128, 192 or 256 bits). Convenient but visible to other "
                    + "users (ps, /proc/PID/cmdline) and kept in shell history; prefer --key-file, --key-fd or --key-env.")
    String hex;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "Read the key from FILE: 16, 24 or 32 raw bytes, or 32, 48 or 64 hex digits with an optional "
                    + "trailing newline.")
    Path file;

    @Option(names = "--key-fd", paramLabel = "N",
            description = "Read the key, in --key-file's format, from the open file descriptor N (as kcapi-enc --keyfd), "
                    + "for example --key-fd 3 3<key.bin.")
    Integer fd;

    @Option(names = "--key-env", paramLabel = "VAR", description = "Read the key as hex digits from environment variable VAR.")
    String env;

    @Option(names = "--key-serial", paramLabel = "N",
            description = "kernel only: use the key with this serial already in the kernel keyring (keyctl); the JVM "
                    + "never sees it.")
    Integer serial;

    @Option(names = "--key-bits", paramLabel = "BITS", defaultValue = "128",
            description = "Size of the --key-serial key: 128, 192 or 256 (default: ${DEFAULT-VALUE}).")
    int bits;

    static final String ALLOWED = "--key HEX, --key-file FILE, --key-fd N, --key-env VAR or (kernel) --key-serial N";

    /** The options given, in the order of {@link #ALLOWED}. */
    List<String> given() {
        List<String> g = new ArrayList<>();
        if (hex != null) {
            g.add("--key");
        }
        if (file != null) {
            g.add("--key-file");
        }
        if (fd != null) {
            g.add("--key-fd");
        }
        if (env != null) {
            g.add("--key-env");
        }
        if (serial != null) {
            g.add("--key-serial");
        }
        return g;
    }

    /** The key, from exactly one source; usage errors say which options clash or that one is missing. */
    AesKey key() {
        List<String> g = given();
        if (g.isEmpty()) {
            throw new Main.UsageException("no key given; give one of " + ALLOWED);
        }
        if (g.size() > 1) {
            String last = g.remove(g.size() - 1);
            throw new Main.UsageException("give one key source: " + String.join(", ", g) + " or " + last + ", not both");
        }
        if (serial != null) {
            return AesKey.ofKernelSerial(serial, bits);
        }
        if (hex != null) {
            return fromText("--key", hex.toCharArray());
        }
        if (env != null) {
            String value = environment.apply(env);
            if (value == null) {
                throw new Main.UsageException("--key-env " + env + ": no such environment variable");
            }
            return fromText("--key-env " + env, value.toCharArray());
        }
        String what;
        byte[] content;
        if (file != null) {
            what = "--key-file " + file;
            content = read(what, file);
        } else {
            if (fd < 0) {
                throw new Main.UsageException("--key-fd " + fd + " is not a file descriptor; give a number from 0 up");
            }
            checkHandedOver(fd);
            what = "--key-fd " + fd;
            content = read(what, descriptorPath(fd));
        }
        try {
            return fromBytes(what, content);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    static final String OPEN_ONE = "open the key on one, for example --key-fd 3 3<key.bin";

    /**
     * The descriptors ./chunkbench found open when it started, that is, the ones its caller handed over; empty when
     * it did not say (java -jar) or said nonsense. The JVM opens descriptors of its own from 3 up (the JDK's modules
     * file, jars, --in), so without the list --key-fd 7 could read one of them.
     */
    static Optional<SortedSet<Integer>> callerFds() {
        Optional<String> said = Launcher.said(Launcher.CALLER_FDS, environment);
        if (said.isEmpty() || !said.get().matches("([0-9]{1,9}(,[0-9]{1,9})*)?")) {
            return Optional.empty();
        }
        SortedSet<Integer> fds = new TreeSet<>();
        for (String n : said.get().split(",")) {
            if (!n.isEmpty()) {
                fds.add(Integer.parseInt(n));
            }
        }
        return Optional.of(fds);
    }

    /** --key-fd N only for a descriptor the caller opened (as the launcher lists them), and never stdout or stderr. */
    private static void checkHandedOver(int fd) {
        if (fd == 1 || fd == 2) {
            throw new Main.UsageException("--key-fd " + fd + " is standard " + (fd == 1 ? "output" : "error") + ", not a key; "
                    + OPEN_ONE);
        }
        Optional<SortedSet<Integer>> handed = callerFds();
        if (handed.isPresent() && !handed.get().contains(fd)) {
            String opened = handed.get().stream().map(String::valueOf).collect(Collectors.joining(", "));
            throw new Main.UsageException("--key-fd " + fd + ": no such open file descriptor (the caller opened "
                    + (opened.isEmpty() ? "none" : opened) + "); " + OPEN_ONE);
        }
        if (handed.isEmpty() && fd != 0) {
            throw new Main.UsageException("--key-fd " + fd + ": cannot tell whether the caller opened it (./chunkbench "
                    + "records the descriptors it was given; java -jar does not): run through ./chunkbench, or give the key "
                    + "on standard input with --key-fd 0");
        }
    }

    /** Linux has /proc/self/fd; other Unixes have /dev/fd. Opening either reaches what the descriptor refers to. */
    private static Path descriptorPath(int fd) {
        Path proc = Path.of("/proc/self/fd");
        return Files.isDirectory(proc) ? proc.resolve(Integer.toString(fd)) : Path.of("/dev/fd", Integer.toString(fd));
    }

    private static byte[] read(String what, Path path) {
        if (Files.isDirectory(path)) {
            throw new Main.UsageException(what + " is a directory; give a file holding the key");
        }
        byte[] buf = new byte[MAX_KEY_TEXT + 1];
        int n = 0;
        try (InputStream in = Files.newInputStream(path)) {
            while (n < buf.length) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (NoSuchFileException e) {
            Arrays.fill(buf, (byte) 0);
            throw new Main.UsageException(what + (what.startsWith("--key-fd") && Files.notExists(path, LinkOption.NOFOLLOW_LINKS)
                    ? ": no such open file descriptor" : ": no such file"));
        } catch (AccessDeniedException e) {
            Arrays.fill(buf, (byte) 0);
            throw new Main.UsageException(what + ": permission denied");
        } catch (IOException e) {
            Arrays.fill(buf, (byte) 0);
            throw new Main.UsageException(what + ": cannot read it: " + Main.message(e));
        }
        if (n > MAX_KEY_TEXT) {
            Arrays.fill(buf, (byte) 0);
            throw new Main.UsageException(what + " holds more than " + MAX_KEY_TEXT + " bytes; a key is 16, 24 or 32 raw "
                    + "bytes, or 32, 48 or 64 hex digits");
        }
        byte[] content = Arrays.copyOf(buf, n);
        Arrays.fill(buf, (byte) 0);
        return content;
    }

    /**
     * File or descriptor content: hex text when every byte (but one trailing LF or CR LF) is a hex digit and there
     * are 32, 48 or 64 of them, else raw bytes when there are 16, 24 or 32. (A random 32-byte raw key made only of
     * hex digit characters has a chance of about 10^-34.)
     */
    static AesKey fromBytes(String what, byte[] content) {
        int n = content.length;
        if (n > 0 && content[n - 1] == '\n') {
            n--;
            if (n > 0 && content[n - 1] == '\r') {
                n--;
            }
        }
        boolean allHex = n > 0;
        for (int i = 0; i < n && allHex; i++) {
            allHex = HexFormat.isHexDigit(content[i]);
        }
        if (allHex && (n == 32 || n == 48 || n == 64)) {
            char[] text = new char[n];
            for (int i = 0; i < n; i++) {
                text[i] = (char) content[i];
            }
            return fromText(what, text);
        }
        if (content.length == 16 || content.length == 24 || content.length == 32) {
            return AesKey.ofBytes(content);
        }
        throw new Main.UsageException(what + " holds " + content.length + " bytes" + (allHex ? " (" + n + " hex digits)" : "")
                + "; a key is 16, 24 or 32 raw bytes, or 32, 48 or 64 hex digits with an optional trailing newline");
    }

    /** Hex digits to a key; the text array is wiped. Errors give positions and counts, never the characters. */
    static AesKey fromText(String what, char[] text) {
        byte[] key = null;
        try {
            int start = 0;
            int end = text.length;
            while (start < end && Character.isWhitespace(text[start])) {
                start++;
            }
            while (end > start && Character.isWhitespace(text[end - 1])) {
                end--;
            }
            int digits = end - start;
            for (int i = start; i < end; i++) {
                // ASCII only, as the IV: Character.digit would take Fullwidth and Arabic-Indic digits too
                if (!HexFormat.isHexDigit(text[i])) {
                    throw new Main.UsageException(what + " is not hex: character " + (i - start + 1) + " of " + digits
                            + " is not a hex digit (0-9, a-f)");
                }
            }
            if (digits % 2 != 0) {
                throw new Main.UsageException(what + " is not hex: an odd number of digits (" + digits
                        + "); AES allows 16, 24 or 32 bytes (32, 48 or 64 hex digits)");
            }
            if (digits != 32 && digits != 48 && digits != 64) {
                throw new Main.UsageException(what + " has " + digits + " hex digits (" + digits / 2
                        + " bytes); AES allows 16, 24 or 32 bytes (32, 48 or 64 hex digits)");
            }
            key = new byte[digits / 2];
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (HexFormat.fromHexDigit(text[start + 2 * i]) << 4 | HexFormat.fromHexDigit(text[start + 2 * i + 1]));
            }
            return AesKey.ofBytes(key);
        } finally {
            Arrays.fill(text, '\0');
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }
}
