package org.chunkbench.backends.kernel;

import java.util.Map;

/** errno values of Linux (x86_64 and generic) that the kernel backend meets or maps to a meaning. */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EINVAL = 22;
    static final int ELIBBAD = 80;
    static final int EBADMSG = 74;
    static final int ENOPROTOOPT = 92;
    static final int EOPNOTSUPP = 95;
    static final int EAFNOSUPPORT = 97;
    static final int EDQUOT = 122;
    static final int ENOKEY = 126;
    static final int EKEYEXPIRED = 127;
    static final int EKEYREVOKED = 128;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(3, "ESRCH"), Map.entry(EINTR, "EINTR"),
            Map.entry(5, "EIO"), Map.entry(9, "EBADF"), Map.entry(EAGAIN, "EAGAIN"), Map.entry(12, "ENOMEM"),
            Map.entry(EACCES, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"), Map.entry(EINVAL, "EINVAL"),
            Map.entry(23, "ENFILE"), Map.entry(24, "EMFILE"), Map.entry(32, "EPIPE"), Map.entry(38, "ENOSYS"),
            Map.entry(EBADMSG, "EBADMSG"), Map.entry(ELIBBAD, "ELIBBAD"), Map.entry(88, "ENOTSOCK"), Map.entry(ENOPROTOOPT, "ENOPROTOOPT"),
            Map.entry(93, "EPROTONOSUPPORT"), Map.entry(EOPNOTSUPP, "EOPNOTSUPP"), Map.entry(EAFNOSUPPORT, "EAFNOSUPPORT"),
            Map.entry(105, "ENOBUFS"), Map.entry(EDQUOT, "EDQUOT"), Map.entry(ENOKEY, "ENOKEY"),
            Map.entry(EKEYEXPIRED, "EKEYEXPIRED"), Map.entry(EKEYREVOKED, "EKEYREVOKED"), Map.entry(129, "EKEYREJECTED"));

    private Errno() {
    }

    static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }

    /** "error 97 (EAFNOSUPPORT)", the form every message of this backend uses. */
    static String describe(int errno) {
        return "error " + errno + " (" + name(errno) + ")";
    }
}
