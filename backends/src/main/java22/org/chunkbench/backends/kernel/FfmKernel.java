package org.chunkbench.backends.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.chunkbench.backends.Availability;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;

/** The FFM binding of the kernel backend; {@link KernelBackend} loads it by name on JDK 22+. */
public final class FfmKernel implements KernelBackend.FfmBinding {
    public FfmKernel() {
    }

    @Override
    public String loadError() {
        return FfmLibC.LOAD_ERROR;
    }

    @Override
    public Availability probe(String driver) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = a.allocate(FfmLibC.CAPTURE_LAYOUT);
            MemorySegment sockaddr = a.allocate(AlgLayout.SOCKADDR_ALG_SIZE, 8);
            int fd = FfmAfAlg.openTransform(capture, sockaddr, driver);
            FfmAfAlg.closeQuietly(capture, fd);
            return Availability.yes();
        } catch (AfAlgException e) {
            return Availability.no(e.getMessage());
        }
    }

    @Override
    public ChunkedCipher open(String variant, CipherSpec spec, KernelOptions options) {
        return new FfmKernelCipher(variant, spec, options);
    }

    @Override
    public ChunkedCipher openNullCipher(String variant, CipherSpec spec, KernelOptions options) {
        return new FfmKernelCipher(variant, spec, options, false);
    }

    @Override
    public ChunkedCipher openSyscall(String variant, CipherSpec spec) {
        return new SyscallControl(new FfmSyscalls(), variant, spec);
    }
}
