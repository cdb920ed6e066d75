package org.chunkbench.backends.kernel;

import static org.chunkbench.backends.kernel.KernelTestSupport.assumeKernel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Availability;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.control.ControlChecks;
import org.chunkbench.backends.control.Controls;

/**
 * kernel-null[binding=...,io=...]: the kernel backend's own path of one binding with the kernel's null
 * cipher. Where AF_ALG works (the VM) it must open (crypto_null is loaded there) and return every chunk unchanged,
 * across pieces, in both modes and I/O paths, with heap and direct buffers, in place too; close twice; and name the
 * call and errno of a failure.
 */
abstract class KernelNullControlBase {
    /** {@code jna} or {@code ffm}. */
    abstract String binding();

    /** Closes the operation socket under the control, so its next sendmsg fails with EBADF. */
    void sabotage(ChunkedCipher c) throws Exception {
        KernelSabotage.closeOpSocket(c);
    }

    private String variant(String io) {
        return "kernel-null[binding=" + binding() + ",io=" + io + "]";
    }

    private ChunkedCipher open(String io, Mode mode) {
        assumeKernel();
        Availability a = KernelControls.nullCipherAvailability(binding());
        assertTrue(a.available(), "AF_ALG works but ecb(cipher_null) does not through " + binding() + ": " + a.reason());
        AesKey key = AesKey.ofBytes(ControlChecks.random(16, 3));
        CipherSpec spec = mode == Mode.STREAM ? CipherSpec.stream(Direction.ENCRYPT, key, ControlChecks.random(16, 4))
                : CipherSpec.perChunkIv(Direction.ENCRYPT, key);
        ChunkedCipher c = Controls.open(variant(io), spec);
        assertEquals(variant(io), c.backend());
        return c;
    }

    @ParameterizedTest
    @CsvSource({"copy,STREAM,false", "copy,STREAM,true", "copy,PER_CHUNK_IV,false", "splice,STREAM,false",
            "splice,STREAM,true", "splice,PER_CHUNK_IV,true"})
    void outputEqualsInput(String io, Mode mode, boolean direct) {
        try (ChunkedCipher c = open(io, mode)) {
            ControlChecks.returnsInput(c, mode, direct, direct);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy", "splice"})
    void worksInPlaceAndRefusesAShiftedOverlap(String io) {
        try (ChunkedCipher c = open(io, Mode.PER_CHUNK_IV)) {
            ControlChecks.worksInPlace(c, Mode.PER_CHUNK_IV);
            ControlChecks.refusesShiftedOverlap(c, Mode.PER_CHUNK_IV);
        }
    }

    @Test
    void closesOnce() {
        ControlChecks.closesOnce(open("splice", Mode.STREAM));
    }

    @Test
    void aFailedCallNamesTheCallAndErrno() throws Exception {
        try (ChunkedCipher c = open("copy", Mode.STREAM)) {
            c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16));
            sabotage(c);
            AfAlgException e = assertThrows(AfAlgException.class,
                    () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
            assertEquals(variant("copy") + ": sendmsg(op socket) failed with error 9 (EBADF)", e.getMessage());
            assertThrows(IllegalStateException.class, () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
        }
    }
}
