package org.chunkbench.backends.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What ENOENT and EAFNOSUPPORT mean under Linux 7.3's crypto.af_alg_restrict, from a fake sysctl, capability set
 * and /proc/crypto (a 7.3 guest's): needs no AF_ALG, so it runs on the build hosts.
 */
class AfAlgRestrictionTest {
    private static final String ROOT_CAPS = "Name:\tjava\nCapEff:\t000001ffffffffff\n";
    private static final String NO_CAPS = "Name:\tjava\nCapEff:\t0000000000000000\n";
    /** CAP_NET_ADMIN alone (bit 12), as iwd runs. */
    private static final String NET_ADMIN = "CapEff:\t0000000000001000\n";
    private static final String SYS_ADMIN = "CapEff:\t0000000000200000\n";
    private static final String INIT_NS = "user:[4026531837]";

    private static ProcCrypto crypto73() throws IOException {
        try (InputStream in = AfAlgRestrictionTest.class.getResourceAsStream("proc-crypto-7.3.txt")) {
            return ProcCrypto.parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    private static AfAlgRestriction.State root(String level) {
        return AfAlgRestriction.state(level, ROOT_CAPS, INIT_NS);
    }

    private static AfAlgRestriction.State user(String level) {
        return AfAlgRestriction.state(level, NO_CAPS, INIT_NS);
    }

    @Test
    void privilegeIsCapNetAdminOrCapSysAdminInTheInitialUserNamespace() {
        assertTrue(root("1").privileged());
        assertFalse(user("1").privileged());
        assertTrue(AfAlgRestriction.state("1", NET_ADMIN, INIT_NS).privileged());
        assertTrue(AfAlgRestriction.state("1", SYS_ADMIN, INIT_NS).privileged());
        // CAP_SYS_RESOURCE (bit 24) and CAP_DAC_OVERRIDE (bit 1) are not what the kernel asks for.
        assertFalse(AfAlgRestriction.state("1", "CapEff:\t0000000001000002\n", INIT_NS).privileged());
        // Root of a container's own user namespace holds its capabilities there only.
        AfAlgRestriction.State inner = AfAlgRestriction.state("1", ROOT_CAPS, "user:[4026532201]");
        assertFalse(inner.privileged());
        assertTrue(inner.privilegeDetail().contains("user:[4026532201]"), inner.privilegeDetail());
        assertFalse(AfAlgRestriction.state("1", "", INIT_NS).privileged());
        assertEquals("yes", root("1").privilegedField());
        assertEquals("no", user("0").privilegedField());
        assertEquals("n/a", root("absent").privilegedField());
    }

    @Test
    void theRuleFollowsTheSevenThreeAllowlist() {
        assertTrue(AfAlgRestriction.allows("ctr(aes)", root("1")));
        assertFalse(AfAlgRestriction.allows("ctr(aes)", user("1")));
        assertTrue(AfAlgRestriction.allows("xts(aes)", user("1")), "xts(aes) is allowed unprivileged (cryptsetup)");
        for (String refused : List.of("ctr-aes-aesni", "ctr(aes-lib)", "ecb(cipher_null)", "gcm(aes)")) {
            assertFalse(AfAlgRestriction.allows(refused, root("1")), refused);
            assertTrue(AfAlgRestriction.allows(refused, user("0")), refused);
            assertTrue(AfAlgRestriction.allows(refused, user("absent")), refused);
        }
    }

    @Test
    void aDriverRefusedAtOneNamesTheSysctlAndWhatAllowsIt() throws IOException {
        String m = AfAlgRestriction.bindNotFound("ctr-aes-aesni", root("1"), crypto73());
        assertEquals("refused by crypto.af_alg_restrict=1: ctr-aes-aesni is not on the kernel's AF_ALG allowlist (driver "
                + "names never are); use the algorithm name ctr(aes) instead, or have root set sysctl crypto.af_alg_restrict=0 "
                + "to bind drivers", m);
        assertFalse(m.contains("not available"), m);
        assertFalse(m.contains("crypto_null"), m);
        // A template over an available cipher is refused the same way, though no instance of it exists yet.
        String generic = AfAlgRestriction.bindNotFound("ctr(aes-lib)", root("1"), crypto73());
        assertTrue(generic.startsWith("refused by crypto.af_alg_restrict=1: ctr(aes-lib) is not on"), generic);
        String unprivileged = AfAlgRestriction.bindNotFound("ctr-aes-aesni-avx", user("1"), crypto73());
        assertTrue(unprivileged.contains("the algorithm name ctr(aes) binds for a process with CAP_NET_ADMIN or "
                + "CAP_SYS_ADMIN in the initial user namespace"), unprivileged);
        assertTrue(unprivileged.endsWith(", or have root set sysctl crypto.af_alg_restrict=0 to bind drivers"), unprivileged);
    }

    @Test
    void ctrAesRefusedForLackOfPrivilegeSaysWhichPrivilege() throws IOException {
        String m = AfAlgRestriction.bindNotFound("ctr(aes)", user("1"), crypto73());
        assertEquals("refused by crypto.af_alg_restrict=1: the kernel allows ctr(aes) only to a process with "
                + "CAP_NET_ADMIN or CAP_SYS_ADMIN in the initial user namespace, which this one lacks (neither "
                + "CAP_NET_ADMIN nor CAP_SYS_ADMIN); run it as root (or with one of those capabilities), or have root set "
                + "sysctl crypto.af_alg_restrict=0", m);
    }

    @Test
    void theNullCipherAtOneIsRefusedNotMissing() throws IOException {
        String m = AfAlgRestriction.bindNotFound(KernelControls.NULL_DRIVER, root("1"), crypto73());
        assertEquals("refused by crypto.af_alg_restrict=1: the null cipher (ecb(cipher_null)) is not on the kernel's "
                + "AF_ALG allowlist; root can set sysctl crypto.af_alg_restrict=0 to let it bind", m);
        // Without the sysctl, and without the module, the old advice is the right one.
        ProcCrypto noNull = ProcCrypto.parse("name : aes\ndriver : aes-lib\ntype : cipher\n");
        assertEquals("the null cipher is not available; load the crypto_null module",
                AfAlgRestriction.bindNotFound(KernelControls.NULL_DRIVER, root("absent"), noNull));
        assertEquals("the null cipher is not available; load the crypto_null module",
                AfAlgRestriction.bindNotFound(KernelControls.NULL_DRIVER, root("1"), noNull));
    }

    /** A name that does not exist is "not available", and the list beside it never holds it or a refused name. */
    @Test
    void aMissingNameListsOnlyWhatBinds() throws IOException {
        String atOne = AfAlgRestriction.bindNotFound("ctr(aes-generic)", root("1"), crypto73());
        assertEquals("algorithm or driver not available; available here: ctr(aes) (from /proc/crypto and "
                + "crypto.af_alg_restrict=1)", atOne);
        String atZero = AfAlgRestriction.bindNotFound("ctr(aes-generic)", root("0"), crypto73());
        assertTrue(atZero.startsWith("algorithm or driver not available; available here: ctr(aes), ctr-aes-aesni-avx, "), atZero);
        assertTrue(atZero.contains("ctr(aes-lib)") && !atZero.contains("aes-generic"), atZero);
        assertEquals("algorithm or driver not available; available here: none (from /proc/crypto and "
                + "crypto.af_alg_restrict=1)", AfAlgRestriction.bindNotFound("ctr(nope)", user("1"), crypto73()));
        // The kernel said ENOENT for a name /proc/crypto lists with no restriction in the way: say so, never "not available".
        String listed = AfAlgRestriction.bindNotFound("ctr-aes-aesni", root("0"), crypto73());
        assertFalse(listed.contains("not available"), listed);
        assertFalse(listed.substring(listed.indexOf(':')).contains("ctr-aes-aesni,"), listed);
    }

    @Test
    void eafnosupportAtTwoIsADisabledAfAlgNotAMissingOne() {
        assertEquals("AF_ALG is disabled by crypto.af_alg_restrict=2 (the kernel has AF_ALG); as root, sysctl "
                + "crypto.af_alg_restrict=0 (or 1) enables it", AfAlgRestriction.socketUnsupported(root("2")));
        assertEquals("kernel has no AF_ALG", AfAlgRestriction.socketUnsupported(root("absent")));
    }

    @Test
    void templatesOverAvailableNamesCountAsBuildable() throws IOException {
        ProcCrypto c = crypto73();
        assertTrue(AfAlgRestriction.canBuild("gcm(aes)", c));
        assertTrue(AfAlgRestriction.canBuild("rfc4106(gcm(aes))", c));
        assertTrue(AfAlgRestriction.canBuild("ctr(aes-lib)", c));
        assertTrue(AfAlgRestriction.canBuild("ecb(cipher_null)", c));
        assertFalse(AfAlgRestriction.canBuild("ctr(aes-generic)", c));
        assertFalse(AfAlgRestriction.canBuild("ctr()", c));
        assertFalse(AfAlgRestriction.canBuild("ctr(aes", c));
    }

    @Test
    void describeSaysWhatEachLevelMeans() {
        assertTrue(AfAlgRestriction.describe(user("1")).endsWith("this process lacks that privilege (neither "
                + "CAP_NET_ADMIN nor CAP_SYS_ADMIN)"), AfAlgRestriction.describe(user("1")));
        assertTrue(AfAlgRestriction.describe(root("2")).startsWith("crypto.af_alg_restrict=2: AF_ALG is disabled"));
        assertTrue(AfAlgRestriction.describe(root("0")).startsWith("crypto.af_alg_restrict=0: unrestricted"));
    }
}
