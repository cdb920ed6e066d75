package org.chunkbench.backends.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Byte layouts of the structures in {@code linux/if_alg.h} and {@code sys/socket.h} on LP64 Linux, and the
 * AF_ALG constants, defined here rather than taken from libkcapi (whose private header reuses 7 for an unrelated
 * option). The writers take a native-order buffer over native memory ({@code NativeBlock#view}), so both bindings
 * share them. {@code AlgLayoutTest} checks every offset against a C compiler when one is present.
 */
final class AlgLayout {
    static final int SOL_ALG = 279;
    static final int ALG_SET_KEY = 1;
    static final int ALG_SET_IV = 2;
    static final int ALG_SET_OP = 3;
    static final int ALG_SET_AEAD_ASSOCLEN = 4;
    static final int ALG_SET_AEAD_AUTHSIZE = 5;
    static final int ALG_SET_KEY_BY_KEY_SERIAL = 7;
    static final int ALG_OP_DECRYPT = 0;
    static final int ALG_OP_ENCRYPT = 1;

    /** struct sockaddr_alg: u16 family, u8 type[14], u32 feat, u32 mask, u8 name[64]. */
    static final int SOCKADDR_ALG_SIZE = 88;
    static final int SALG_TYPE = 2;
    static final int SALG_TYPE_LEN = 14;
    static final int SALG_FEAT = 16;
    static final int SALG_MASK = 20;
    static final int SALG_NAME = 24;
    static final int SALG_NAME_LEN = 64;

    /** struct msghdr. */
    static final int MSGHDR_SIZE = 56;
    static final int MSG_NAME = 0;
    static final int MSG_NAMELEN = 8;
    static final int MSG_IOV = 16;
    static final int MSG_IOVLEN = 24;
    static final int MSG_CONTROL = 32;
    static final int MSG_CONTROLLEN = 40;
    static final int MSG_FLAGS = 48;

    /** struct iovec. */
    static final int IOVEC_SIZE = 16;
    static final int IOV_BASE = 0;
    static final int IOV_LEN = 8;

    /** struct cmsghdr: size_t len, int level, int type, then data aligned to 8. */
    static final int CMSG_HDR = 16;
    static final int CMSG_LEN_OFF = 0;
    static final int CMSG_LEVEL = 8;
    static final int CMSG_TYPE = 12;

    /** struct af_alg_iv: u32 ivlen, u8 iv[]. */
    static final int AF_ALG_IV_IVLEN = 0;
    static final int AF_ALG_IV_IV = 4;

    static final int IV_SIZE = 16;

    /** CMSG_SPACE(4) for ALG_SET_OP followed by CMSG_SPACE(sizeof(af_alg_iv) + 16) for ALG_SET_IV. */
    static final int CMSG_OP_SPACE = cmsgSpace(4);
    static final int CMSG_IV_SPACE = cmsgSpace(AF_ALG_IV_IV + IV_SIZE);
    static final int CONTROL_SIZE = CMSG_OP_SPACE + CMSG_IV_SPACE;
    /** Where the 16 IV bytes sit inside the control block: the only bytes patched per chunk. */
    static final int CONTROL_IV_BYTES = CMSG_OP_SPACE + CMSG_HDR + AF_ALG_IV_IV;

    /** GCM's nonce through ALG_SET_IV: 12 bytes (the ivsize of gcm(aes)). */
    static final int AEAD_IV_SIZE = 12;
    /** The aead control block: ALG_SET_OP, ALG_SET_IV with 12 bytes, ALG_SET_AEAD_ASSOCLEN. */
    static final int CMSG_AEAD_IV_SPACE = cmsgSpace(AF_ALG_IV_IV + AEAD_IV_SIZE);
    static final int AEAD_CONTROL_SIZE = CMSG_OP_SPACE + CMSG_AEAD_IV_SPACE + cmsgSpace(4);
    /** Where the op (ALG_OP_ENCRYPT or ALG_OP_DECRYPT) sits in the aead control block. */
    static final int AEAD_CONTROL_OP = CMSG_HDR;
    /** Where the 12 nonce bytes sit in the aead control block. */
    static final int AEAD_CONTROL_IV_BYTES = CMSG_OP_SPACE + CMSG_HDR + AF_ALG_IV_IV;

    private AlgLayout() {
    }

    static int cmsgAlign(int n) {
        return (n + 7) & ~7;
    }

    static int cmsgSpace(int dataLen) {
        return CMSG_HDR + cmsgAlign(dataLen);
    }

    static int cmsgLen(int dataLen) {
        return CMSG_HDR + dataLen;
    }

    /** Writes a sockaddr_alg for {@code type} ("skcipher") and {@code name} ("ctr(aes)") at {@code at} in {@code b}. */
    static void writeSockaddr(ByteBuffer b, int at, String type, String name) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (t.length >= SALG_TYPE_LEN || n.length >= SALG_NAME_LEN) {
            throw new IllegalArgumentException("AF_ALG names are at most " + (SALG_NAME_LEN - 1) + " characters: '" + name + "'");
        }
        clear(b, at, SOCKADDR_ALG_SIZE);
        b.putShort(at, (short) LibC.AF_ALG);
        b.put(at + SALG_TYPE, t);
        b.put(at + SALG_NAME, n);
    }

    /** The two control messages (ALG_SET_OP with {@code op}, ALG_SET_IV with a zero IV) at {@code at} in {@code b}. */
    static void writeControl(ByteBuffer b, int at, int op) {
        clear(b, at, CONTROL_SIZE);
        b.putInt(cmsg(b, at, ALG_SET_OP, 4), op);
        b.putInt(cmsg(b, at + CMSG_OP_SPACE, ALG_SET_IV, AF_ALG_IV_IV + IV_SIZE) + AF_ALG_IV_IVLEN, IV_SIZE);
    }

    /** A SOL_ALG cmsghdr of {@code type} with {@code dataLen} bytes of data at {@code at}; returns where its data goes. */
    private static int cmsg(ByteBuffer b, int at, int type, int dataLen) {
        b.putLong(at + CMSG_LEN_OFF, cmsgLen(dataLen));
        b.putInt(at + CMSG_LEVEL, SOL_ALG);
        b.putInt(at + CMSG_TYPE, type);
        return at + CMSG_HDR;
    }

    /**
     * The three control messages of an aead request at {@code at} in {@code b}: ALG_SET_OP (encrypt, patched per
     * request at {@link #AEAD_CONTROL_OP}), ALG_SET_IV with a zero 12-byte nonce (patched at
     * {@link #AEAD_CONTROL_IV_BYTES}) and ALG_SET_AEAD_ASSOCLEN with {@code assocLen}, fixed for the socket's life.
     */
    static void writeAeadControl(ByteBuffer b, int at, int assocLen) {
        clear(b, at, AEAD_CONTROL_SIZE);
        b.putInt(cmsg(b, at, ALG_SET_OP, 4), ALG_OP_ENCRYPT);
        b.putInt(cmsg(b, at + CMSG_OP_SPACE, ALG_SET_IV, AF_ALG_IV_IV + AEAD_IV_SIZE) + AF_ALG_IV_IVLEN, AEAD_IV_SIZE);
        b.putInt(cmsg(b, at + CMSG_OP_SPACE + CMSG_AEAD_IV_SPACE, ALG_SET_AEAD_ASSOCLEN, 4), assocLen);
    }

    /** A msghdr at {@code at} in {@code b} (native byte order) with one iovec at {@code iovAddr}, no control messages. */
    static void writeMsghdr(ByteBuffer b, int at, long iovAddr) {
        clear(b, at, MSGHDR_SIZE);
        b.putLong(at + MSG_IOV, iovAddr);
        b.putLong(at + MSG_IOVLEN, 1);
    }

    private static void clear(ByteBuffer b, int at, int len) {
        for (int i = 0; i < len; i++) {
            b.put(at + i, (byte) 0);
        }
    }
}
