package org.chunkbench.backends.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Linux 7.3's {@code /proc/sys/crypto/af_alg_restrict} and what it means for a bind: the one place that turns
 * ENOENT from {@code bind} and EAFNOSUPPORT from {@code socket} into their cause, for both bindings (JNA and FFM
 * both build their errors through {@link AfAlg}).
 *
 * <p>The rule, as {@code crypto/af_alg.c} of 7.3 decides it (read from the 7.3-amd64 module binaries, since no 7.3
 * source was at hand: {@code af_alg_check_restriction} disassembled, the allowlist read from
 * {@code algif_skcipher.ko}; it matches the patch "crypto: af_alg - Add af_alg_restrict sysctl, defaulting to 1",
 * and the VM tests confirm it with capabilities granted one at a time): at 0 every name is allowed; at 2
 * {@code socket(AF_ALG, ...)} fails with EAFNOSUPPORT; at 1 the first allowlist entry whose name equals the bound
 * name decides: an entry marked unprivileged allows it, any other only to a process with CAP_NET_ADMIN
 * ({@code ns_capable_noaudit(&init_user_ns, ...)}) or CAP_SYS_ADMIN ({@code capable()}), both in the initial user
 * namespace. Anything else is refused with ENOENT, the code for "no such algorithm", on purpose (so that programs
 * fall back), which is why chunkbench must say the cause itself. Names match exactly: a driver name such as
 * {@code ctr-aes-aesni} or {@code ctr(aes-lib)} is never on the list.
 */
public final class AfAlgRestriction {
    public static final Path SYSCTL = Path.of("/proc/sys/crypto/af_alg_restrict");
    static final String NAME = "crypto.af_alg_restrict";
    /** The kernel's {@code PROC_USER_INIT_INO}: the inode of the initial user namespace. */
    static final String INIT_USER_NS = "user:[4026531837]";
    static final int CAP_NET_ADMIN = 12;
    static final int CAP_SYS_ADMIN = 21;
    static final String PRIVILEGE = "CAP_NET_ADMIN or CAP_SYS_ADMIN in the initial user namespace";

    /** 7.3's skcipher allowlist (algif_skcipher.c): name -> allowed without privilege. */
    static final Map<String, Boolean> SKCIPHER_ALLOWLIST = Map.ofEntries(
            Map.entry("adiantum(xchacha12,aes)", true), Map.entry("adiantum(xchacha20,aes)", true),
            Map.entry("cbc(aes)", false), Map.entry("cbc(des)", false), Map.entry("cbc(des3_ede)", false),
            Map.entry("cbc(paes)", false), Map.entry("ctr(aes)", false), Map.entry("ecb(aes)", false),
            Map.entry("ecb(des)", false), Map.entry("hctr2(aes)", true), Map.entry("xts(aes)", true),
            Map.entry("xts(camellia)", true), Map.entry("xts(serpent)", true), Map.entry("xts(twofish)", true));

    /**
     * @param level            {@code 0}, {@code 1}, {@code 2} as the sysctl reads, {@code absent} (no such file: a
     *                         kernel before 7.3, or no AF_ALG) or {@code unknown} (unreadable)
     * @param privileged       whether this process has CAP_NET_ADMIN or CAP_SYS_ADMIN in the initial user namespace
     * @param privilegeDetail  what that was decided from
     */
    public record State(String level, boolean privileged, String privilegeDetail) {
        public boolean present() {
            return level.equals("0") || level.equals("1") || level.equals("2");
        }

        /** {@code yes}/{@code no}, or {@code n/a} where no sysctl restricts anything. */
        public String privilegedField() {
            return present() ? (privileged ? "yes" : "no") : "n/a";
        }
    }

    private AfAlgRestriction() {
    }

    /** Read now: the sysctl exists once AF_ALG is loaded, so read it after a socket call. */
    public static State current() {
        String level;
        try {
            level = Files.readString(SYSCTL).strip();
            if (!level.matches("[0-2]")) {
                level = "unknown";
            }
        } catch (NoSuchFileException e) {
            level = "absent";
        } catch (IOException | SecurityException e) {
            level = "unknown";
        }
        String status;
        String ns;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException | SecurityException e) {
            status = "";
        }
        try {
            ns = Files.readSymbolicLink(Path.of("/proc/self/ns/user")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            ns = "";
        }
        return state(level, status, ns);
    }

    /** From the sysctl's value, {@code /proc/self/status} and the {@code /proc/self/ns/user} link (tests pass fakes). */
    static State state(String level, String procStatus, String userNs) {
        long capEff = -1;
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("CapEff:")) {
                try {
                    capEff = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                } catch (NumberFormatException e) {
                    capEff = -1;
                }
            }
        }
        if (capEff == -1) {
            return new State(level, false, "capabilities unknown (no CapEff in /proc/self/status)");
        }
        List<String> caps = new ArrayList<>();
        if ((capEff & (1L << CAP_NET_ADMIN)) != 0) {
            caps.add("CAP_NET_ADMIN");
        }
        if ((capEff & (1L << CAP_SYS_ADMIN)) != 0) {
            caps.add("CAP_SYS_ADMIN");
        }
        boolean initNs = INIT_USER_NS.equals(userNs);
        if (caps.isEmpty()) {
            return new State(level, false, "neither CAP_NET_ADMIN nor CAP_SYS_ADMIN");
        }
        if (!initNs) {
            return new State(level, false, String.join(" and ", caps) + " only in a user namespace other than the initial one ("
                    + (userNs.isEmpty() ? "unknown" : userNs) + ")");
        }
        return new State(level, true, String.join(" and ", caps) + " in the initial user namespace");
    }

    /** Whether the 7.3 rule lets this process bind {@code name}; levels other than 1 restrict no bind. */
    static boolean allows(String name, State s) {
        if (!s.level().equals("1")) {
            return true;
        }
        Boolean unprivileged = SKCIPHER_ALLOWLIST.get(name);
        return unprivileged != null && (unprivileged || s.privileged());
    }

    /** The line {@code backends} and the traits give for the sysctl. */
    public static String describe(State s) {
        return switch (s.level()) {
            case "absent" -> NAME + ": absent (a kernel before 7.3: AF_ALG binds any name)";
            case "0" -> NAME + "=0: unrestricted (every name binds)";
            case "1" -> NAME + "=1: only names on the kernel's AF_ALG allowlist bind (ctr(aes) with " + PRIVILEGE
                    + ", no driver names, no null cipher); this process " + (s.privileged() ? "has " : "lacks ")
                    + "that privilege (" + s.privilegeDetail() + ")";
            case "2" -> NAME + "=2: AF_ALG is disabled (socket fails with EAFNOSUPPORT)";
            default -> NAME + ": unreadable";
        };
    }

    /** The meaning of EAFNOSUPPORT from {@code socket(AF_ALG, ...)}. */
    static String socketUnsupported(State s) {
        return s.level().equals("2")
                ? "AF_ALG is disabled by " + NAME + "=2 (the kernel has AF_ALG); as root, sysctl " + NAME
                        + "=0 (or 1) enables it"
                : "kernel has no AF_ALG";
    }

    /**
     * The meaning of ENOENT from {@code bind(skcipher, name)}. {@code crypto} is this kernel's /proc/crypto, or null
     * when it could not be read; the names offered are those the rule lets bind, never {@code name} itself.
     */
    static String bindNotFound(String name, State s, ProcCrypto crypto) {
        boolean known = crypto != null && canBuild(name, crypto);
        boolean nullCipher = name.equals(KernelControls.NULL_DRIVER);
        if (s.level().equals("1") && (known || SKCIPHER_ALLOWLIST.containsKey(name)) && !allows(name, s)) {
            if (SKCIPHER_ALLOWLIST.containsKey(name)) {
                return "refused by " + NAME + "=1: the kernel allows " + name + " only to a process with " + PRIVILEGE
                        + ", which this one lacks (" + s.privilegeDetail() + "); run it as root (or with one of those "
                        + "capabilities), or have root set sysctl " + NAME + "=0";
            }
            if (nullCipher) {
                return "refused by " + NAME + "=1: the null cipher (" + name + ") is not on the kernel's AF_ALG allowlist; "
                        + "root can set sysctl " + NAME + "=0 to let it bind";
            }
            return "refused by " + NAME + "=1: " + name + " is not on the kernel's AF_ALG allowlist (driver names never are); "
                    + (s.privileged() ? "use the algorithm name ctr(aes) instead"
                            : "the algorithm name ctr(aes) binds for a process with " + PRIVILEGE)
                    + ", or have root set sysctl " + NAME + "=0 to bind drivers";
        }
        if (nullCipher && !known) {
            return "the null cipher is not available; load the crypto_null module";
        }
        List<String> names = new ArrayList<>();
        if (crypto != null) {
            for (String n : crypto.bindableCtrAesNames()) {
                if (!n.equals(name) && allows(n, s)) {
                    names.add(n);
                }
            }
        }
        String here = crypto == null ? "unknown (" + ProcCrypto.PATH + " unreadable)"
                : (names.isEmpty() ? "none" : String.join(", ", names)) + " (from " + ProcCrypto.PATH
                        + (s.level().equals("1") ? " and " + NAME + "=1" : "") + ")";
        if (known) {
            return "the kernel refused a name " + ProcCrypto.PATH + " lists; other names that bind here: " + here;
        }
        return "algorithm or driver not available; available here: " + here;
    }

    /**
     * The meaning of ENOENT from {@code bind(aead, name)}: at {@code crypto.af_alg_restrict=1} Linux 7.3 refuses
     * {@code gcm(aes)} through AF_ALG to every process, root included, so only the sysctl at 0 lets it bind.
     */
    static String aeadBindNotFound(String name, State s) {
        if (s.level().equals("1")) {
            return "refused by " + NAME + "=1: the kernel binds no aead " + name + " through AF_ALG at this level, not even "
                    + "for root; root can set sysctl " + NAME + "=0 to let it bind";
        }
        return "the kernel has no aead " + name + " (the gcm module could not be loaded)";
    }

    /**
     * Whether {@code name} exists here or can be built: a name or driver in /proc/crypto, or a template over such
     * names ({@code ctr(aes-lib)}, {@code ecb(cipher_null)}, {@code gcm(aes)}): templates are modules loaded on demand.
     */
    static boolean canBuild(String name, ProcCrypto crypto) {
        for (ProcCrypto.Entry e : crypto.entries()) {
            if (e.name().equals(name) || e.driver().equals(name)) {
                return true;
            }
        }
        int open = name.indexOf('(');
        if (open <= 0 || !name.endsWith(")") || !name.substring(0, open).matches("[a-z0-9_]+")) {
            return false;
        }
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = start; i < name.length() - 1; i++) {
            char c = name.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(name.substring(start, i));
                start = i + 1;
            }
        }
        args.add(name.substring(start, name.length() - 1));
        for (String a : args) {
            if (a.isEmpty() || !canBuild(a, crypto)) {
                return false;
            }
        }
        return true;
    }
}
