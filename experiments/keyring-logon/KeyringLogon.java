import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.chunkbench.backends.AesKey;
import org.chunkbench.backends.Backends;
import org.chunkbench.backends.ChunkedCipher;
import org.chunkbench.backends.CipherSpec;
import org.chunkbench.backends.Direction;
import org.chunkbench.backends.Mode;

/**
 * Which key type kernel[key=keyring] leaves in the kernel keyring, through each binding given: opens the cipher,
 * prints this process's chunkbench keys as /proc/keys lists them (the type is the 8th column), encrypts one chunk,
 * closes, and prints the keys again (none, or the revoked one until the kernel collects it). Issue 18: binding=ffm once added a readable "user" key.
 *
 * <p>Run inside a kernel with AF_ALG (tools/kernel-vm/run): {@code java -cp CLASSPATH KeyringLogon.java jna ffm}.
 */
public final class KeyringLogon {
    private KeyringLogon() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("JDK " + Runtime.version() + ", Linux " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
        for (String binding : args) {
            String variant = "kernel[binding=" + binding + ",key=keyring]";
            CipherSpec spec = new CipherSpec(Direction.ENCRYPT, Mode.STREAM, AesKey.ofBytes(new byte[16]), new byte[16]);
            try (ChunkedCipher c = Backends.open(variant, spec)) {
                System.out.println(c.backend() + " open: " + c);
                keys().forEach(l -> System.out.println("  /proc/keys: " + l));
                c.process(ByteBuffer.allocate(64), ByteBuffer.allocate(64));
            }
            // A revoked key (flag R in the second column) may be listed until the kernel's key collector runs.
            List<String> left = keys();
            System.out.println(variant + " closed: " + left.size() + " chunkbench keys listed");
            left.forEach(l -> System.out.println("  /proc/keys: " + l));
        }
    }

    private static List<String> keys() throws Exception {
        return Files.readAllLines(Path.of("/proc/keys")).stream().filter(l -> l.contains(" chunkbench:"))
                .map(String::strip).collect(Collectors.toList());
    }
}
