package org.chunkbench.backends.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.chunkbench.backends.Binding;
import org.chunkbench.backends.memory.NativeBlock;
import org.chunkbench.backends.memory.NativeMemory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the hand-written layouts against the system headers, compiled by the C compiler: the independent
 * source of truth for struct offsets. Skipped, with the reason, where no compiler or no kernel headers exist.
 */
class AlgLayoutTest {
    private static final String PROGRAM = """
            #include <errno.h>
            #include <stddef.h>
            #include <stdio.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <sys/uio.h>
            #include <linux/if_alg.h>
            #define P(name, value) printf("%s=%ld\\n", name, (long) (value))
            int main(void) {
                P("sockaddr_alg", sizeof(struct sockaddr_alg));
                P("salg_type", offsetof(struct sockaddr_alg, salg_type));
                P("salg_feat", offsetof(struct sockaddr_alg, salg_feat));
                P("salg_mask", offsetof(struct sockaddr_alg, salg_mask));
                P("salg_name", offsetof(struct sockaddr_alg, salg_name));
                P("msghdr", sizeof(struct msghdr));
                P("msg_iov", offsetof(struct msghdr, msg_iov));
                P("msg_iovlen", offsetof(struct msghdr, msg_iovlen));
                P("msg_control", offsetof(struct msghdr, msg_control));
                P("msg_controllen", offsetof(struct msghdr, msg_controllen));
                P("msg_flags", offsetof(struct msghdr, msg_flags));
                P("iovec", sizeof(struct iovec));
                P("iov_len", offsetof(struct iovec, iov_len));
                P("cmsg_level", offsetof(struct cmsghdr, cmsg_level));
                P("cmsg_type", offsetof(struct cmsghdr, cmsg_type));
                P("cmsg_space_op", CMSG_SPACE(4));
                P("cmsg_len_op", CMSG_LEN(4));
                P("cmsg_space_iv", CMSG_SPACE(sizeof(struct af_alg_iv) + 16));
                P("cmsg_len_iv", CMSG_LEN(sizeof(struct af_alg_iv) + 16));
                P("af_alg_iv_iv", offsetof(struct af_alg_iv, iv));
                P("ALG_SET_KEY", ALG_SET_KEY);
                P("ALG_SET_IV", ALG_SET_IV);
                P("ALG_SET_OP", ALG_SET_OP);
                P("ALG_OP_ENCRYPT", ALG_OP_ENCRYPT);
                P("ALG_OP_DECRYPT", ALG_OP_DECRYPT);
                P("AF_ALG", AF_ALG);
                P("SOL_ALG", SOL_ALG);
                P("MSG_MORE", MSG_MORE);
                P("MSG_DONTWAIT", MSG_DONTWAIT);
                P("EBADMSG", EBADMSG);
                P("ALG_SET_AEAD_ASSOCLEN", ALG_SET_AEAD_ASSOCLEN);
                P("ALG_SET_AEAD_AUTHSIZE", ALG_SET_AEAD_AUTHSIZE);
            #ifdef ALG_SET_KEY_BY_KEY_SERIAL
                P("ALG_SET_KEY_BY_KEY_SERIAL", ALG_SET_KEY_BY_KEY_SERIAL);
            #endif
                /* The control block as glibc's CMSG macros build it, byte for byte. */
                unsigned char buf[CMSG_SPACE(4) + CMSG_SPACE(sizeof(struct af_alg_iv) + 16)];
                memset(buf, 0, sizeof buf);
                struct msghdr m = {0};
                m.msg_control = buf;
                m.msg_controllen = sizeof buf;
                struct cmsghdr *c = CMSG_FIRSTHDR(&m);
                c->cmsg_level = SOL_ALG; c->cmsg_type = ALG_SET_OP; c->cmsg_len = CMSG_LEN(4);
                *(unsigned int *) CMSG_DATA(c) = ALG_OP_DECRYPT;
                c = CMSG_NXTHDR(&m, c);
                c->cmsg_level = SOL_ALG; c->cmsg_type = ALG_SET_IV; c->cmsg_len = CMSG_LEN(sizeof(struct af_alg_iv) + 16);
                struct af_alg_iv *iv = (struct af_alg_iv *) CMSG_DATA(c);
                iv->ivlen = 16;
                for (int i = 0; i < 16; i++) iv->iv[i] = (unsigned char) (0xa0 + i);
                printf("control=");
                for (size_t i = 0; i < sizeof buf; i++) printf("%02x", buf[i]);
                printf("\\n");
                /* The aead control block: op, a 12-byte IV, the associated data's length. */
                unsigned char abuf[CMSG_SPACE(4) + CMSG_SPACE(sizeof(struct af_alg_iv) + 12) + CMSG_SPACE(4)];
                memset(abuf, 0, sizeof abuf);
                m.msg_control = abuf;
                m.msg_controllen = sizeof abuf;
                c = CMSG_FIRSTHDR(&m);
                c->cmsg_level = SOL_ALG; c->cmsg_type = ALG_SET_OP; c->cmsg_len = CMSG_LEN(4);
                *(unsigned int *) CMSG_DATA(c) = ALG_OP_DECRYPT;
                c = CMSG_NXTHDR(&m, c);
                c->cmsg_level = SOL_ALG; c->cmsg_type = ALG_SET_IV; c->cmsg_len = CMSG_LEN(sizeof(struct af_alg_iv) + 12);
                iv = (struct af_alg_iv *) CMSG_DATA(c);
                iv->ivlen = 12;
                for (int i = 0; i < 12; i++) iv->iv[i] = (unsigned char) (0xa0 + i);
                c = CMSG_NXTHDR(&m, c);
                c->cmsg_level = SOL_ALG; c->cmsg_type = ALG_SET_AEAD_ASSOCLEN; c->cmsg_len = CMSG_LEN(4);
                *(unsigned int *) CMSG_DATA(c) = 13;
                printf("aead_control=");
                for (size_t i = 0; i < sizeof abuf; i++) printf("%02x", abuf[i]);
                printf("\\n");
                return 0;
            }
            """;

    private static Map<String, String> c;

    @BeforeAll
    static void compile(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.exists(Path.of("/usr/include/linux/if_alg.h")),
                "no /usr/include/linux/if_alg.h (linux-libc-dev) to check the layouts against");
        Path src = dir.resolve("layout.c");
        Files.writeString(src, PROGRAM);
        Path exe = dir.resolve("layout");
        Process cc;
        try {
            cc = new ProcessBuilder("cc", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no C compiler (cc) to check the layouts against: " + e.getMessage());
            return;
        }
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, "cc failed: " + ccOut);
        Process run = new ProcessBuilder(exe.toString()).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, run.waitFor());
        c = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            c.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }

    private static int v(String name) {
        return Integer.parseInt(c.get(name));
    }

    @Test
    void sockaddrAlgMatchesIfAlgH() {
        assertEquals(v("sockaddr_alg"), AlgLayout.SOCKADDR_ALG_SIZE);
        assertEquals(v("salg_type"), AlgLayout.SALG_TYPE);
        assertEquals(v("salg_feat"), AlgLayout.SALG_FEAT);
        assertEquals(v("salg_mask"), AlgLayout.SALG_MASK);
        assertEquals(v("salg_name"), AlgLayout.SALG_NAME);
    }

    @Test
    void msghdrIovecAndCmsgMatchSysSocketH() {
        assertEquals(v("msghdr"), AlgLayout.MSGHDR_SIZE);
        assertEquals(v("msg_iov"), AlgLayout.MSG_IOV);
        assertEquals(v("msg_iovlen"), AlgLayout.MSG_IOVLEN);
        assertEquals(v("msg_control"), AlgLayout.MSG_CONTROL);
        assertEquals(v("msg_controllen"), AlgLayout.MSG_CONTROLLEN);
        assertEquals(v("msg_flags"), AlgLayout.MSG_FLAGS);
        assertEquals(v("iovec"), AlgLayout.IOVEC_SIZE);
        assertEquals(v("iov_len"), AlgLayout.IOV_LEN);
        assertEquals(v("cmsg_level"), AlgLayout.CMSG_LEVEL);
        assertEquals(v("cmsg_type"), AlgLayout.CMSG_TYPE);
        assertEquals(v("cmsg_space_op"), AlgLayout.CMSG_OP_SPACE);
        assertEquals(v("cmsg_space_iv"), AlgLayout.CMSG_IV_SPACE);
        assertEquals(v("cmsg_len_op"), AlgLayout.cmsgLen(4));
        assertEquals(v("cmsg_len_iv"), AlgLayout.cmsgLen(AlgLayout.AF_ALG_IV_IV + AlgLayout.IV_SIZE));
        assertEquals(v("af_alg_iv_iv"), AlgLayout.AF_ALG_IV_IV);
    }

    @Test
    void constantsMatchTheHeaders() {
        assertEquals(v("ALG_SET_KEY"), AlgLayout.ALG_SET_KEY);
        assertEquals(v("ALG_SET_IV"), AlgLayout.ALG_SET_IV);
        assertEquals(v("ALG_SET_OP"), AlgLayout.ALG_SET_OP);
        assertEquals(v("ALG_OP_ENCRYPT"), AlgLayout.ALG_OP_ENCRYPT);
        assertEquals(v("ALG_OP_DECRYPT"), AlgLayout.ALG_OP_DECRYPT);
        assertEquals(v("AF_ALG"), LibC.AF_ALG);
        assertEquals(v("SOL_ALG"), AlgLayout.SOL_ALG);
        assertEquals(v("MSG_MORE"), LibC.MSG_MORE);
        assertEquals(v("MSG_DONTWAIT"), LibC.MSG_DONTWAIT);
        assertEquals(v("EBADMSG"), Errno.EBADMSG);
        assertEquals(v("ALG_SET_AEAD_ASSOCLEN"), AlgLayout.ALG_SET_AEAD_ASSOCLEN);
        assertEquals(v("ALG_SET_AEAD_AUTHSIZE"), AlgLayout.ALG_SET_AEAD_AUTHSIZE);
        if (c.containsKey("ALG_SET_KEY_BY_KEY_SERIAL")) {
            assertEquals(v("ALG_SET_KEY_BY_KEY_SERIAL"), AlgLayout.ALG_SET_KEY_BY_KEY_SERIAL);
        }
    }

    @Test
    void controlBlockIsByteForByteWhatTheCmsgMacrosBuild() {
        try (NativeBlock m = new NativeBlock(NativeMemory.of(Binding.JNA), "control", AlgLayout.CONTROL_SIZE + 8)) {
            // at an offset, as the cipher's block has it
            AlgLayout.writeControl(m.view(), 8, AlgLayout.ALG_OP_DECRYPT);
            for (int i = 0; i < 16; i++) {
                m.view().put(8 + AlgLayout.CONTROL_IV_BYTES + i, (byte) (0xa0 + i));
            }
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < AlgLayout.CONTROL_SIZE; i++) {
                hex.append(String.format("%02x", m.view().get(8 + i)));
            }
            assertEquals(c.get("control"), hex.toString());
        }
    }

    @Test
    void aeadControlBlockIsByteForByteWhatTheCmsgMacrosBuild() {
        try (NativeBlock m = new NativeBlock(NativeMemory.of(Binding.JNA), "aead control", AlgLayout.AEAD_CONTROL_SIZE + 8)) {
            AlgLayout.writeAeadControl(m.view(), 8, 13);
            m.view().putInt(8 + AlgLayout.AEAD_CONTROL_OP, AlgLayout.ALG_OP_DECRYPT);
            for (int i = 0; i < AlgLayout.AEAD_IV_SIZE; i++) {
                m.view().put(8 + AlgLayout.AEAD_CONTROL_IV_BYTES + i, (byte) (0xa0 + i));
            }
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < AlgLayout.AEAD_CONTROL_SIZE; i++) {
                hex.append(String.format("%02x", m.view().get(8 + i)));
            }
            assertEquals(c.get("aead_control"), hex.toString());
        }
    }
}
