package org.chunkbench.backends;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.chunkbench.backends.control.Controls;
import org.chunkbench.backends.kernel.AfAlgException;
import org.chunkbench.backends.kernel.KernelSabotage;
import org.chunkbench.backends.openssl.OpenSslSabotage;

/**
 * The two bindings of the code written once over them (the {@code openssl} cipher, its null-cipher control, the
 * {@code syscall} control) are alike: each binding available on this JDK gives the same bytes as an independent
 * reference on every kind of memory, the same error text, and the same broken-state behaviour afterwards. JNA runs
 * everywhere; FFM on JDK 22+, and below that it is reported as a skip with its reason (never a silent pass). No
 * test looks at a binding's class: they go through the registries, and the sabotage uses the cipher's own binding.
 */
class BindingsAlikeTest {
    private static final String[] KINDS = {"heap", "direct", "array", "read-only heap", "heap to direct", "direct to heap"};

    private static void require(Binding b) {
        if (b == Binding.FFM) {
            FfmSupport.requireFfmJdk();
        }
    }

    private static CipherSpec stream() {
        return CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f")),
                HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Every chunk of {@code data}, in {@code chunk}-byte steps, through {@code c} on one kind of memory. */
    private static byte[] run(ChunkedCipher c, String kind, byte[] data, int chunk) {
        byte[] out = new byte[data.length];
        for (int at = 0; at < data.length; at += chunk) {
            int n = Math.min(chunk, data.length - at);
            if (kind.equals("array")) {
                c.process(data, at, n, out, at);
                continue;
            }
            ByteBuffer in = switch (kind) {
                case "direct", "direct to heap" -> ByteBuffer.allocateDirect(n).put(data, at, n).flip();
                case "read-only heap" -> ByteBuffer.wrap(data, at, n).asReadOnlyBuffer();
                default -> ByteBuffer.wrap(data, at, n);
            };
            ByteBuffer o = kind.equals("direct") || kind.equals("heap to direct") ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n);
            c.process(in, o);
            o.flip().get(out, at, n);
        }
        return out;
    }

    private static byte[] sunJce(byte[] data) {
        try (ChunkedCipher c = Backends.open("sunjce", stream())) {
            return run(c, "array", data, data.length);
        }
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void opensslGivesTheReferenceBytesOnEveryKindOfMemory(Binding b) {
        require(b);
        byte[] data = random(3 * 256 * 1024 + 48); // past the JNA stage of 256 KiB
        byte[] expected = sunJce(data);
        for (String kind : KINDS) {
            for (int chunk : new int[] {16, 1024, 256 * 1024 + 16, data.length}) {
                try (ChunkedCipher c = Backends.open("openssl[binding=" + b.spelling() + "]", stream())) {
                    assertArrayEquals(expected, run(c, kind, data, chunk), kind + ", chunks of " + chunk);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void identityControlsReturnTheInputOnEveryKindOfMemory(Binding b) {
        require(b);
        byte[] data = random(5 * 65536 + 32);
        for (String control : new String[] {"openssl-null[binding=" + b.spelling() + "]", "syscall[binding=" + b.spelling() + "]"}) {
            for (String kind : KINDS) {
                for (int chunk : new int[] {16, 65536 + 16, data.length}) {
                    try (ChunkedCipher c = Controls.open(control, stream())) {
                        assertEquals(control, c.backend());
                        assertArrayEquals(data, run(c, kind, data, chunk), control + ", " + kind + ", chunks of " + chunk);
                    }
                }
            }
        }
    }

    /**
     * The first failure's message and the refusal after it, as text: the same for both bindings but for the
     * binding's name, which {@link #failure} checks by running the JNA binding beside the one under test.
     */
    private static String[] failure(String variant, boolean control, Consumer<ChunkedCipher> sabotage, boolean arrays) {
        try (ChunkedCipher c = control ? Controls.open(variant, stream()) : Backends.open(variant, stream())) {
            c.process(new byte[16], 0, 16, new byte[16], 0);
            sabotage.accept(c);
            RuntimeException first = assertThrows(RuntimeException.class, () -> {
                if (arrays) {
                    c.process(new byte[32], 0, 32, new byte[32], 0);
                } else {
                    c.process(ByteBuffer.allocateDirect(32), ByteBuffer.allocateDirect(32));
                }
            });
            IllegalStateException later = assertThrows(IllegalStateException.class,
                    () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
            IllegalStateException laterArrays = assertThrows(IllegalStateException.class,
                    () -> c.process(new byte[16], 0, 16, new byte[16], 0));
            assertEquals(later.getMessage(), laterArrays.getMessage());
            assertEquals(variant + ": cipher is broken: an earlier chunk failed part-way (" + first
                    + "), so its counter no longer matches the stream; close it and open a new one", later.getMessage());
            return new String[] {first.getClass().getName(), first.getMessage(), later.getMessage()};
        }
    }

    private static void sameAsJna(Binding b, String variant, boolean control, Consumer<ChunkedCipher> sabotage,
            boolean arrays, String expectedStart) {
        String[] got = failure(variant, control, sabotage, arrays);
        assertTrue(got[1].startsWith(expectedStart), got[1]);
        String jnaVariant = variant.replace("binding=" + b.spelling(), "binding=jna");
        String[] jna = failure(jnaVariant, control, sabotage, arrays);
        for (int i = 0; i < got.length; i++) {
            assertEquals(jna[i].replace(jnaVariant, variant), got[i]);
        }
    }

    private static Consumer<ChunkedCipher> emptyContext() {
        return c -> {
            try {
                OpenSslSabotage.emptyContext(c);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void opensslFailsAndBreaksAlike(Binding b) {
        require(b);
        for (boolean arrays : new boolean[] {false, true}) {
            for (String v : new String[] {"openssl[binding=" + b.spelling() + "]", "openssl-null[binding=" + b.spelling() + "]"}) {
                sameAsJna(b, v, v.startsWith("openssl-null"), emptyContext(), arrays, v + ": EVP_CipherUpdate failed: error:");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void syscallControlFailsAndBreaksAlike(Binding b) {
        require(b);
        String v = "syscall[binding=" + b.spelling() + "]";
        Consumer<ChunkedCipher> closeSend = c -> {
            try {
                KernelSabotage.closeSyscallSend(c);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        for (boolean arrays : new boolean[] {false, true}) {
            sameAsJna(b, v, true, closeSend, arrays, v + ": sendmsg(AF_UNIX socket) failed with error 9 (EBADF)");
            String[] got = failure(v, true, closeSend, arrays);
            assertEquals(AfAlgException.class.getName(), got[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(Binding.class)
    void perChunkIvRestartsAlike(Binding b) {
        require(b);
        AesKey key = AesKey.ofBytes(random(32));
        CipherSpec spec = CipherSpec.perChunkIv(Direction.DECRYPT, key);
        byte[] data = random(4096);
        for (String kind : new String[] {"heap", "direct", "array"}) {
            byte[] got = new byte[data.length];
            byte[] want = new byte[data.length];
            try (ChunkedCipher c = Backends.open("openssl[binding=" + b.spelling() + "]", spec);
                    ChunkedCipher ref = Backends.open("sunjce", spec)) {
                for (int at = 0; at < data.length; at += 1024) {
                    byte[] ctr = new byte[16];
                    new Random(at).nextBytes(ctr);
                    ref.process(ctr, data, at, 1024, want, at);
                    if (kind.equals("array")) {
                        c.process(ctr, data, at, 1024, got, at);
                    } else {
                        boolean direct = kind.equals("direct");
                        ByteBuffer in = direct ? ByteBuffer.allocateDirect(1024).put(data, at, 1024).flip() : ByteBuffer.wrap(data, at, 1024);
                        ByteBuffer o = direct ? ByteBuffer.allocateDirect(1024) : ByteBuffer.allocate(1024);
                        c.process(ctr, in, o);
                        o.flip().get(got, at, 1024);
                    }
                }
            }
            assertArrayEquals(want, got, kind);
        }
    }
}
