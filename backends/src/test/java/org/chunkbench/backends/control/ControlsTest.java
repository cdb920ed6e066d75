package org.chunkbench.backends.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Backend;
import org.chunkbench.backends.BackendUnavailableException;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Variants;

/** The registry of controls, and what each control that runs on any Linux does to a chunk. */
class ControlsTest {
    private static final int[] SIZES = {0, 16, 1000, 4096, 65536, 65536 + 16, 3 * 65536 + 5, 1 << 20};

    static CipherSpec stream() {
        return CipherSpec.stream(Direction.ENCRYPT, AesKey.ofBytes(new byte[16]), new byte[16]);
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static ByteBuffer buffer(byte[] content, boolean direct, int extra) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(content.length + extra) : ByteBuffer.allocate(content.length + extra);
        b.put(content).flip();
        return b;
    }

    static byte[] bytes(ByteBuffer b, int from, int len) {
        byte[] out = new byte[len];
        b.duplicate().position(from).get(out);
        return out;
    }

    @Test
    void controlsAreNotBackends() {
        for (Control c : Controls.all()) {
            for (Backend b : Backends.all()) {
                assertFalse(b == c, c.name() + " is registered as a backend");
            }
            // a variant's name alone tells its kind
            assertFalse(Backends.names().contains(c.name()), c.name() + " shares its name with a backend");
        }
        for (String name : List.of("none", "call", "copy", "syscall")) {
            assertFalse(Backends.names().contains(name), name + " is in the backend registry");
        }
        assertEquals(List.of("none", "call[binding=jna]", "call[binding=ffm]", "copy", "syscall[binding=jna]",
                "syscall[binding=ffm]", "openssl-null[binding=jna]", "openssl-null[binding=ffm]",
                "kernel-null[binding=jna,io=copy]", "kernel-null[binding=jna,io=splice]",
                "kernel-null[binding=ffm,io=copy]", "kernel-null[binding=ffm,io=splice]"),
                Controls.variants());
        for (String v : Controls.variants()) {
            assertEquals(Variants.Kind.CONTROL, Variants.kind(v), v);
        }
        // names from results written before the FFM controls or the rename are still controls
        for (String v : List.of("openssl[cipher=null]", "kernel[driver=ecb(cipher_null),io=copy]", "syscall",
                "openssl[binding=ffm,cipher=null]", "kernel[binding=ffm,driver=ecb(cipher_null),io=splice]")) {
            assertEquals(Variants.Kind.CONTROL, Variants.kind(v), v);
        }
        for (String v : List.of("sunjce", "openssl", "kernel", "kernel[driver=ctr(aes),io=copy,key=raw]")) {
            assertEquals(Variants.Kind.BACKEND, Variants.kind(v), v);
        }
    }

    @Test
    void spellingFillsDefaultsAndRejectsUnknowns() {
        assertEquals("call[binding=jna]", Controls.spell("call"));
        assertEquals("kernel-null[binding=jna,io=copy]", Controls.spell("kernel-null"));
        // the old spellings (backend name and marker) are aliases: they spell as the renamed control
        assertEquals("kernel-null[binding=jna,io=copy]", Controls.spell("kernel[driver=ecb(cipher_null)]"));
        // a result from before the FFM controls named the JNA ones without their binding: they spell as what they were
        assertEquals("openssl-null[binding=jna]", Controls.spell("openssl[cipher=null]"));
        assertEquals("kernel-null[binding=jna,io=splice]", Controls.spell("kernel[driver=ecb(cipher_null),io=splice]"));
        assertEquals("syscall[binding=jna]", Controls.spell("syscall"));
        assertEquals("openssl-null[binding=ffm]", Controls.spell("openssl[cipher=null,binding=ffm]"));
        assertEquals("kernel-null[binding=ffm,io=splice]", Controls.spell("kernel[io=splice,binding=ffm,driver=ecb(cipher_null)]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Controls.spell("nosuch"));
        assertTrue(e.getMessage().contains("known controls: none, call, copy, syscall, openssl-null, kernel-null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Controls.spell("call[binding=jni]"));
        assertTrue(e.getMessage().contains("allowed: jna, ffm"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Controls.spell("copy[io=splice]"));
        assertTrue(e.getMessage().contains("takes no options"), e.getMessage());
        // the backend's name without the marker is no control
        e = assertThrows(IllegalArgumentException.class, () -> Controls.spell("kernel[driver=ctr(aes)]"));
        assertTrue(e.getMessage().contains("unknown control 'kernel'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Controls.spell("openssl[cipher=aes]"));
        assertTrue(e.getMessage().contains("unknown control 'openssl'"), e.getMessage());
        // the marker is not an option of the new name
        e = assertThrows(IllegalArgumentException.class, () -> Controls.spell("openssl-null[cipher=null]"));
        assertTrue(e.getMessage().contains("control openssl-null has no option 'cipher'; its options: binding"), e.getMessage());
    }

    /** Below JDK 22 call[binding=ffm] is unavailable with its reason; from 22 on it reaches libc. Both assert. */
    @Test
    void ffmCallRunsExactlyFromJdk22() {
        if (Runtime.version().feature() < 22) {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                    () -> Controls.open("call[binding=ffm]", stream()).close());
            assertTrue(e.getMessage().contains("call[binding=ffm] is not available")
                    && e.getMessage().contains("needs JDK 22"), e.getMessage());
        } else {
            NoOpCall call = NoOpCalls.forBinding("ffm");
            assertEquals("ffm", call.binding());
            for (NoOpCall c : List.of(call, call.ordinary())) {
                assertEquals(5, c.call(-5));
                assertEquals(Integer.MAX_VALUE, c.call(-Integer.MAX_VALUE));
            }
            try (ChunkedCipher c = Controls.open("call[binding=ffm]", stream())) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                ByteBuffer out = ByteBuffer.allocate(4096);
                c.process(in, out);
                assertEquals(4096, out.position());
            }
        }
    }

    /** Every FFM control, not only call[binding=ffm], is unavailable below JDK 22 with that reason, and only then. */
    @Test
    void everyFfmControlIsUnavailableBelowJdk22WithItsReason() {
        int checked = 0;
        for (String v : Controls.variants()) {
            if (!v.contains("binding=ffm")) {
                continue;
            }
            checked++;
            org.chunkbench.backends.BackendSpec s = org.chunkbench.backends.BackendSpec.parse(v);
            org.chunkbench.backends.Availability a = Controls.get(s.name()).availability(s.options());
            if (Runtime.version().feature() < 22) {
                assertFalse(a.available(), v);
                assertTrue(a.reason().contains("needs JDK 22 or newer (this is JDK " + Runtime.version().feature() + ")"),
                        v + ": " + a.reason());
                BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                        () -> Controls.open(v, stream()).close(), v);
                assertTrue(e.getMessage().contains(v + " is not available") && e.getMessage().contains("needs JDK 22"),
                        e.getMessage());
            } else if (!v.startsWith("kernel")) {
                // kernel[binding=ffm,...] also needs AF_ALG (KernelFfmNullControlTest, in the VM)
                assertTrue(a.available(), v + ": " + a.reason());
            } else {
                assertFalse(!a.available() && a.reason().contains("needs JDK"), v + ": " + a.reason());
            }
        }
        assertEquals(5, checked); // call, syscall, openssl and kernel (copy, splice)
    }

    @Test
    void jnaNoOpCallReachesLibc() {
        NoOpCall call = NoOpCalls.forBinding("jna");
        assertEquals("jna", call.binding());
        assertEquals(5, call.call(-5));
        assertEquals(Integer.MAX_VALUE, call.call(-Integer.MAX_VALUE));
        assertEquals(call, call.ordinary(), "JNA has one kind of call");
    }

    @ParameterizedTest
    @CsvSource({"call,false", "call,true", "none,false", "none,true"})
    void callAndNoneTouchNoByteAndAdvance(String control, boolean direct) {
        try (ChunkedCipher c = Controls.open(control, stream())) {
            assertEquals(Controls.spell(control), c.backend());
            for (int n : SIZES) {
                ByteBuffer in = buffer(random(n, n), direct, 0);
                byte[] before = random(n + 7, ~n);
                ByteBuffer out = buffer(before, direct, 0);
                out.position(3);
                c.process(in, out);
                assertEquals(n, in.position());
                assertEquals(3 + n, out.position());
                assertArrayEquals(before, bytes(out, 0, before.length), "output changed at " + n);
                if (n % 16 != 0) {
                    break;
                }
            }
        }
    }

    @Test
    void copyWritesTheStagingAreaIntoHeapOutputOnly() {
        try (ChunkedCipher c = Controls.open("copy", stream())) {
            assertEquals("copy", c.backend());
            for (int n : new int[] {16, 1000 * 16, 65536, 3 * 65536 + 32}) {
                byte[] before = random(n + 8, n);
                // heap output: every byte of the chunk comes back from the (never written) native output area
                ByteBuffer out = buffer(before, false, 0);
                out.position(4);
                ByteBuffer in = buffer(random(n, ~n), false, 0);
                c.process(in, out);
                assertEquals(n, in.position());
                assertEquals(4 + n, out.position());
                assertArrayEquals(new byte[n], bytes(out, 4, n), "heap output at " + n);
                assertArrayEquals(bytes(ByteBuffer.wrap(before), 0, 4), bytes(out, 0, 4), "bytes before the chunk");
                assertArrayEquals(bytes(ByteBuffer.wrap(before), 4 + n, 4), bytes(out, 4 + n, 4), "bytes after the chunk");
                // direct output: used in place, never written
                ByteBuffer dout = buffer(before, true, 0);
                c.process(buffer(random(n, n), true, 0), dout);
                assertEquals(n, dout.position());
                assertArrayEquals(before, bytes(dout, 0, before.length), "direct output at " + n);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "direct", "heap-in", "direct-in"})
    void syscallReturnsTheChunkUnchanged(String kinds) {
        boolean directIn = kinds.startsWith("direct");
        boolean directOut = kinds.equals("direct") || kinds.equals("heap-in");
        try (ChunkedCipher c = Controls.open("syscall", stream())) {
            assertEquals("syscall[binding=jna]", c.backend()); // the default binding of a control is jna
            for (int n : SIZES) {
                byte[] data = random(n, n);
                ByteBuffer in = buffer(data, directIn, 0);
                ByteBuffer out = directOut ? ByteBuffer.allocateDirect(n + 5) : ByteBuffer.allocate(n + 5);
                out.position(5);
                c.process(in, out);
                assertEquals(n, in.position());
                assertEquals(5 + n, out.position());
                assertArrayEquals(data, bytes(out, 5, n), "chunk of " + n);
                if (n % 16 != 0) {
                    break; // a ragged chunk ends the stream
                }
            }
        }
    }

    @Test
    void perChunkIvModeTakesCounterBlocks() {
        CipherSpec spec = CipherSpec.perChunkIv(Direction.DECRYPT, AesKey.ofBytes(new byte[32]));
        for (String v : List.of("none", "call", "copy", "syscall")) {
            try (ChunkedCipher c = Controls.open(v, spec)) {
                ByteBuffer out = ByteBuffer.allocate(64);
                c.process(new byte[16], ByteBuffer.wrap(random(64, 1)), out);
                assertEquals(64, out.position(), v);
                assertThrows(IllegalStateException.class, () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)), v);
            }
        }
    }

    @Test
    void closedControlRefusesWorkAndClosesTwice() {
        for (String v : List.of("none", "call", "copy", "syscall")) {
            ChunkedCipher c = Controls.open(v, stream());
            c.close();
            c.close();
            assertThrows(IllegalStateException.class, () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)), v);
        }
    }

    @Test
    void syscallOpenCloseLeaksNoDescriptor() throws Exception {
        long before = openDescriptors();
        for (int i = 0; i < 2000; i++) {
            try (ChunkedCipher c = Controls.open("syscall", stream())) {
                c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16));
            }
        }
        assertTrue(openDescriptors() <= before + 4, "descriptors before " + before + ", after " + openDescriptors());
    }

    private static long openDescriptors() throws Exception {
        try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }
}
