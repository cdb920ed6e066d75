package org.chunkbench.backends.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.FfmSupport;
import org.chunkbench.backends.Mode;
import org.chunkbench.backends.kernel.AfAlgException;
import org.chunkbench.backends.kernel.KernelSabotage;

/**
 * {@code syscall[binding=jna|ffm]}: sendmsg and read on an AF_UNIX socket pair, natively on any Linux. The FFM
 * cases skip on JDK &lt; 22 with the reason printed ({@link FfmSupport}) and must run on JDK 22+ (.ci/ffm.sh).
 */
class SyscallControlTest {
    private static ChunkedCipher open(String binding, Mode mode) {
        if (binding.equals("ffm")) {
            FfmSupport.requireFfmJdk();
        }
        AesKey key = AesKey.ofBytes(new byte[16]);
        CipherSpec spec = mode == Mode.STREAM ? CipherSpec.stream(Direction.ENCRYPT, key, new byte[16])
                : CipherSpec.perChunkIv(Direction.ENCRYPT, key);
        ChunkedCipher c = Controls.open("syscall[binding=" + binding + "]", spec);
        assertEquals("syscall[binding=" + binding + "]", c.backend());
        return c;
    }

    @ParameterizedTest
    @CsvSource({"jna,STREAM,false,false", "jna,STREAM,true,true", "jna,PER_CHUNK_IV,false,true",
            "ffm,STREAM,false,false", "ffm,STREAM,true,true", "ffm,STREAM,false,true", "ffm,STREAM,true,false",
            "ffm,PER_CHUNK_IV,false,false", "ffm,PER_CHUNK_IV,true,true"})
    void outputEqualsInput(String binding, Mode mode, boolean directIn, boolean directOut) {
        try (ChunkedCipher c = open(binding, mode)) {
            ControlChecks.returnsInput(c, mode, directIn, directOut);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jna", "ffm"})
    void worksInPlaceAndRefusesAShiftedOverlap(String binding) {
        try (ChunkedCipher c = open(binding, Mode.STREAM)) {
            ControlChecks.worksInPlace(c, Mode.STREAM);
            ControlChecks.refusesShiftedOverlap(c, Mode.STREAM);
            ControlChecks.returnsInput(c, Mode.STREAM, false, false); // still usable after the refusal
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jna", "ffm"})
    void readOnlyHeapInput(String binding) {
        try (ChunkedCipher c = open(binding, Mode.STREAM)) {
            byte[] data = ControlChecks.random(70000, 3);
            ByteBuffer out = ByteBuffer.allocate(70000);
            c.process(ByteBuffer.wrap(data).asReadOnlyBuffer(), out);
            org.junit.jupiter.api.Assertions.assertArrayEquals(data, out.array());
        }
    }

    /**
     * A read-only view of the output's own array, shifted, across several pieces: nothing can tell that the two
     * share memory, so the chunk must be read whole before the first piece's output lands (the JNA control used to
     * skip that and fed later pieces their own output).
     */
    @ParameterizedTest
    @ValueSource(strings = {"jna", "ffm"})
    void readOnlyInputSharingTheOutputArrayAcrossPieces(String binding) {
        try (ChunkedCipher c = open(binding, Mode.STREAM)) {
            int n = 3 * 65536 + 32;
            byte[] array = ControlChecks.random(n + 16, 8);
            byte[] data = java.util.Arrays.copyOf(array, n);
            c.process(ByteBuffer.wrap(array, 0, n).asReadOnlyBuffer(), ByteBuffer.wrap(array, 16, n).slice());
            org.junit.jupiter.api.Assertions.assertArrayEquals(data, java.util.Arrays.copyOfRange(array, 16, n + 16));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jna", "ffm"})
    void closesOnce(String binding) {
        ControlChecks.closesOnce(open(binding, Mode.STREAM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jna", "ffm"})
    void aFailedCallNamesTheCallAndErrno(String binding) throws Exception {
        try (ChunkedCipher c = open(binding, Mode.STREAM)) {
            c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16));
            KernelSabotage.closeSyscallSend(c);
            AfAlgException e = assertThrows(AfAlgException.class,
                    () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
            assertEquals("syscall[binding=" + binding + "]: sendmsg(AF_UNIX socket) failed with error 9 (EBADF)",
                    e.getMessage());
            assertEquals(9, e.errno());
            IllegalStateException later = assertThrows(IllegalStateException.class,
                    () -> c.process(ByteBuffer.allocate(16), ByteBuffer.allocate(16)));
            assertTrue(later.getMessage().contains("sendmsg(AF_UNIX socket) failed with error 9 (EBADF)"), later.getMessage());
        }
    }
}
