package org.chunkbench.backends.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;


import org.chunkbench.backends.memory.NativeBlock;

/**
 * What this kernel's AF_ALG does for the kernel backend, probed live: the things that differ between Linux 6.1,
 * 6.12 and 7.x (see docs/kernel-backend.md) and that a results manifest must record to explain a difference
 * between two runs.
 *
 * @param kernelRelease  {@code /proc/sys/kernel/osrelease}
 * @param afAlg          {@code available}, {@code denied} (EPERM or EACCES from socket: seccomp, an LSM or a
 *                       mitigation), {@code disabled} (EAFNOSUPPORT with crypto.af_alg_restrict=2), {@code absent}
 *                       (EAFNOSUPPORT: built without AF_ALG) or {@code error}
 * @param afAlgDetail    empty when available, else the socket call's message with its errno
 * @param afAlgRestrict  crypto.af_alg_restrict (Linux 7.3+): {@code 0}, {@code 1}, {@code 2}, {@code absent} or
 *                       {@code unknown} ({@link AfAlgRestriction})
 * @param afAlgPrivileged whether this process counts as privileged for it ({@code yes}, {@code no}; {@code n/a}
 *                       without the sysctl), and {@code afAlgPrivilegedDetail} why
 * @param ctrAesDrivers  the skcipher drivers of {@code ctr(aes)} in /proc/crypto, highest priority first
 * @param bindable       the names {@code driver=} accepts here: each of {@link ProcCrypto#bindableCtrAesNames()}
 *                       bound once by the probe, those that bound
 * @param refused        the others, name to the meaning of the bind's error
 * @param nullCipher     {@code binds}, or why {@code ecb(cipher_null)} (the decomposition's control) does not
 * @param keyBySerial    {@code yes}, {@code no} (ENOPROTOOPT: Linux before 6.2) or {@code unknown}
 * @param zeroCopy       the splice probe: {@code copy} (the kernel copies spliced pages at splice time),
 *                       {@code zero-copy} (it reads them when the operation runs), {@code mixed} or {@code unknown}
 * @param zeroCopyDetail what the probe saw, or why it could not run
 */
public record KernelTraits(String kernelRelease, String afAlg, String afAlgDetail, String afAlgRestrict,
                           String afAlgPrivileged, String afAlgPrivilegedDetail, List<Driver> ctrAesDrivers,
                           List<String> bindable, Map<String, String> refused, String nullCipher, String keyBySerial,
                           String zeroCopy, String zeroCopyDetail) {

    /** One implementation of {@code ctr(aes)}. */
    public record Driver(String driver, int priority, String module) {
    }

    private static KernelTraits cached;

    /** Probed once per JVM (a few system calls and one page through the kernel). */
    public static synchronized KernelTraits probe() {
        if (cached == null) {
            cached = probeNow();
        }
        return cached;
    }

    /** The fields in a fixed order, for a manifest (env.json) or a listing. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernelRelease", kernelRelease);
        m.put("afAlg", afAlg);
        if (!afAlgDetail.isEmpty()) {
            m.put("afAlgDetail", afAlgDetail);
        }
        m.put("afAlgRestrict", afAlgRestrict);
        m.put("afAlgPrivileged", afAlgPrivileged);
        m.put("afAlgPrivilegedDetail", afAlgPrivilegedDetail);
        List<Map<String, Object>> drivers = new ArrayList<>();
        for (Driver d : ctrAesDrivers) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("driver", d.driver());
            e.put("priority", d.priority());
            e.put("module", d.module());
            drivers.add(e);
        }
        m.put("ctrAesDrivers", drivers);
        m.put("bindable", bindable);
        m.put("refused", refused);
        m.put("nullCipher", nullCipher);
        m.put("keyBySerial", keyBySerial);
        m.put("zeroCopy", zeroCopy);
        m.put("zeroCopyDetail", zeroCopyDetail);
        return m;
    }

    /** The lines {@code chunkbench backends} prints for these traits. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("ALG_SET_KEY_BY_KEY_SERIAL (key=keyring, --key-serial): " + switch (keyBySerial) {
            case "yes" -> "yes";
            case "no" -> "no (ENOPROTOOPT: needs Linux 6.2 or later)";
            default -> "unknown";
        });
        lines.add("io=splice: " + switch (zeroCopy) {
            case "copy" -> "the kernel copies spliced data at splice time (no zero-copy)";
            case "zero-copy" -> "zero-copy (the kernel reads spliced pages when it encrypts)";
            default -> zeroCopy;
        } + " [" + zeroCopyDetail + "]");
        return lines;
    }

    private static KernelTraits probeNow() {
        String release = osRelease();
        String loadError = Syscalls.unavailableReason(Syscalls.defaultBinding());
        if (loadError != null) {
            AfAlgRestriction.State r = AfAlgRestriction.current();
            return new KernelTraits(release, "error", loadError, r.level(), r.privilegedField(), r.privilegeDetail(),
                    List.of(), List.of(), Map.of(), "not probed: " + loadError, "unknown", "unknown",
                    "not probed: " + loadError);
        }
        Syscalls sys = Syscalls.of(Syscalls.defaultBinding()).forOwner();
        int fd;
        try {
            fd = AfAlg.socket(sys);
        } catch (AfAlgException e) {
            // After the socket call: the sysctl exists once AF_ALG's module is loaded.
            AfAlgRestriction.State r = AfAlgRestriction.current();
            String how = switch (e.errno()) {
                case Errno.EPERM, Errno.EACCES -> "denied";
                case Errno.EAFNOSUPPORT -> r.level().equals("2") ? "disabled" : "absent";
                default -> "error";
            };
            return new KernelTraits(release, how, e.getMessage(), r.level(), r.privilegedField(), r.privilegeDetail(),
                    List.of(), List.of(), Map.of(), "not probed: no AF_ALG socket", "unknown", "unknown",
                    "not probed: no AF_ALG socket");
        }
        AfAlg.closeQuietly(sys, fd);
        AfAlgRestriction.State r = AfAlgRestriction.current();
        // Every name chunkbench would offer, bound once: under crypto.af_alg_restrict=1 most of them are refused.
        List<String> bindable = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        String nullCipher;
        String ctrAes = bindError(sys, KernelOptions.DEFAULT_DRIVER);
        List<String> candidates = new ArrayList<>(List.of(KernelOptions.DEFAULT_DRIVER));
        try {
            // After binding ctr(aes), /proc/crypto lists the instance it made.
            candidates = ProcCrypto.read().bindableCtrAesNames();
        } catch (IOException e) {
            // ctr(aes) alone
        }
        for (String name : candidates) {
            String why = name.equals(KernelOptions.DEFAULT_DRIVER) ? ctrAes : bindError(sys, name);
            if (why == null) {
                bindable.add(name);
            } else {
                refused.put(name, why);
            }
        }
        String n = bindError(sys, KernelControls.NULL_DRIVER);
        nullCipher = n == null ? "binds" : n;
        String keyBySerial;
        String zeroCopy;
        String zeroCopyDetail;
        if (!bindable.contains(KernelOptions.DEFAULT_DRIVER)) {
            keyBySerial = "unknown";
            zeroCopy = "unknown";
            zeroCopyDetail = "not probed: " + KernelOptions.DEFAULT_DRIVER + " does not bind here";
        } else {
            try (NativeBlock mem = new NativeBlock(sys.memory(), "kernel traits probe", 4 * PAGE)) {
                keyBySerial = keyBySerial(sys, mem);
                String[] z = zeroCopy(sys, mem);
                zeroCopy = z[0];
                zeroCopyDetail = z[1];
            } catch (AfAlgException e) {
                keyBySerial = "unknown";
                zeroCopy = "unknown";
                zeroCopyDetail = "probe failed: " + e.getMessage();
            }
        }
        List<Driver> drivers = new ArrayList<>();
        try {
            for (ProcCrypto.Entry e : ProcCrypto.read().driversOf(KernelOptions.DEFAULT_DRIVER)) {
                drivers.add(new Driver(e.driver(), e.priority(), e.module()));
            }
        } catch (IOException e) {
            // left empty; the listing says why elsewhere (details())
        }
        return new KernelTraits(release, "available", "", r.level(), r.privilegedField(), r.privilegeDetail(),
                List.copyOf(drivers), List.copyOf(bindable), Collections.unmodifiableMap(refused), nullCipher, keyBySerial,
                zeroCopy, zeroCopyDetail);
    }

    /** Null when {@code name} binds, else the meaning of the error ({@link AfAlg#bindFailure}), without the call. */
    private static String bindError(Syscalls sys, String name) {
        AfAlgException e = AfAlg.tryBind(sys, name);
        if (e == null) {
            return null;
        }
        String m = e.getMessage();
        int at = m.indexOf(" failed with ");
        return at < 0 ? m : m.substring(at + " failed with ".length());
    }

    static String osRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static final int PAGE = 4096;

    /**
     * Asks for key serial 0, which never names a key: kernels with the option answer with a key lookup error,
     * kernels without it with ENOPROTOOPT before looking at the value.
     */
    private static String keyBySerial(Syscalls sys, NativeBlock scratch) {
        int tfm = AfAlg.openTransform(sys, scratch, 0, KernelOptions.DEFAULT_DRIVER);
        try {
            scratch.view().putInt(0, 0);
            return AfAlg.trySetKeyBySerial(sys, tfm, scratch.address()) == -Errno.ENOPROTOOPT ? "no" : "yes";
        } finally {
            AfAlg.closeQuietly(sys, tfm);
        }
    }

    /**
     * Splices one page of zeros into an operation socket, overwrites the page with 0xff, then reads: an output
     * equal to the keystream means the kernel took the data at splice time (a copy), the keystream xor 0xff means it
     * read the page only when it encrypted (zero-copy). Memory (4 pages): the first 1 KiB scratch (sockaddr, msghdr,
     * control), then the first page boundary after it holds the spliced page, and the output follows it.
     */
    private static String[] zeroCopy(Syscalls sys, NativeBlock mem) {
        ByteBuffer base = mem.view();
        long baseAddr = mem.address();
        long dataAddr = (baseAddr + 1024 + PAGE - 1) & ~(long) (PAGE - 1);
        int data = (int) (dataAddr - baseAddr);
        // sockaddr at 0, msghdr at 128, iovec at 192, control at 256, key at 512, pipe fds at 544.
        int tfm = -1;
        int op = -1;
        int pipeRead = -1;
        int pipeWrite = -1;
        try {
            tfm = AfAlg.openTransform(sys, mem, 0, KernelOptions.DEFAULT_DRIVER);
            AfAlg.setKey(sys, tfm, baseAddr + 512, 16); // the all-zero key: the block is cleared when allocated
            op = AfAlg.accept(sys, tfm);
            AlgLayout.writeMsghdr(base, 128, baseAddr + 192);
            AlgLayout.writeControl(base, 256, AlgLayout.ALG_OP_ENCRYPT);
            base.putLong(128 + AlgLayout.MSG_CONTROL, baseAddr + 256);
            base.putLong(128 + AlgLayout.MSG_CONTROLLEN, AlgLayout.CONTROL_SIZE);
            base.putLong(192 + AlgLayout.IOV_BASE, dataAddr);
            base.putLong(192 + AlgLayout.IOV_LEN, 0);
            // The operation and IV go alone, announcing the data to follow (splice carries no control messages).
            long r = sys.sendmsg(op, baseAddr + 128, LibC.MSG_MORE);
            if (r < 0) {
                return failed("sendmsg(op socket, ALG_SET_OP and ALG_SET_IV, MSG_MORE)", r);
            }
            r = sys.pipe2(baseAddr + 544, LibC.O_CLOEXEC);
            if (r < 0) {
                return failed("pipe2", r);
            }
            pipeRead = base.getInt(544);
            pipeWrite = base.getInt(548);
            fill(base, data, PAGE, (byte) 0);
            base.putLong(192 + AlgLayout.IOV_LEN, PAGE);
            long moved = sys.vmsplice(pipeWrite, baseAddr + 192, 1, 0);
            if (moved != PAGE) {
                return moved < 0 ? failed("vmsplice(pipe, 1 page)", moved)
                        : new String[] {"unknown", "vmsplice moved " + moved + " of " + PAGE + " bytes"};
            }
            moved = sys.splice(pipeRead, 0, op, 0, PAGE, 0);
            if (moved != PAGE) {
                return moved < 0 ? failed("splice(pipe -> op socket, 1 page)", moved)
                        : new String[] {"unknown", "splice moved " + moved + " of " + PAGE + " bytes"};
            }
            fill(base, data, PAGE, (byte) 0xff);
            int out = data + PAGE;
            long got = 0;
            while (got < PAGE) {
                r = sys.read(op, baseAddr + out + got, PAGE - got);
                if (r < 0) {
                    return failed("read(op socket)", r);
                }
                if (r == 0) {
                    return new String[] {"unknown", "read returned " + r + " after " + got + " bytes"};
                }
                got += r;
            }
            byte[] keystream = keystream();
            int asSpliced = 0;
            int asChanged = 0;
            for (int i = 0; i < PAGE; i++) {
                byte b = base.get(out + i);
                if (b == keystream[i]) {
                    asSpliced++;
                } else if (b == (byte) (keystream[i] ^ 0xff)) {
                    asChanged++;
                }
            }
            String seen = asSpliced + " of " + PAGE + " bytes encrypted as spliced, " + asChanged + " as changed after splice";
            if (asSpliced == PAGE) {
                return new String[] {"copy", seen};
            }
            if (asChanged == PAGE) {
                return new String[] {"zero-copy", seen};
            }
            return new String[] {"mixed", seen};
        } finally {
            for (int fd : new int[] {pipeRead, pipeWrite, op, tfm}) {
                AfAlg.closeQuietly(sys, fd);
            }
            mem.wipe();
        }
    }

    private static String[] failed(String step, long r) {
        return new String[] {"unknown", step + " failed with " + Errno.describe((int) -r)};
    }

    private static void fill(ByteBuffer b, int at, int len, byte value) {
        for (int i = 0; i < len; i++) {
            b.put(at + i, value);
        }
    }

    /** AES-128-CTR keystream of the all-zero key and IV over one page, from SunJCE. */
    private static byte[] keystream() {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"), new IvParameterSpec(new byte[16]));
            return c.doFinal(new byte[PAGE]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SunJCE AES/CTR is missing: " + e, e);
        }
    }
}
