package org.chunkbench.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import org.chunkbench.results.ResultsFolder;

/**
 * Where encrypt/decrypt write, such that nothing is lost: a file output goes to a new temporary file beside the
 * target ({@code .NAME.XXXXXXXXXXXXXXXX.tmp}, created with O_EXCL) and is renamed over the target only by
 * {@link #commit()}, after the whole input was processed and the data reached the disk; {@link #close()} without a
 * commit deletes the temporary file, so a failure leaves an existing target as it was.
 *
 * <p>Refused before anything is created: an output that is the same file as the input (compared by identity, so
 * through symbolic and hard links too), a directory, a missing directory, and a symbolic link as the output itself
 * to a file (the rename would replace the link rather than write to the file it points to, and writing through it
 * would change a file the command line does not name; give the real path). An existing output that is not a regular
 * file (/dev/null, a FIFO, or a link to one such as /dev/stdout) has no content to lose and is written directly. A replaced file keeps its permission bits; a
 * new one gets the usual 0666 less the umask.
 */
final class SafeOutput implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String what;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final Thread cleanup;
    private boolean committed;

    private SafeOutput(String what, Path target, Path temp, FileChannel channel, OutputStream stream) {
        this.what = what;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = new BufferedOutputStream(stream, 1 << 16);
        if (temp != null) {
            // A temporary file must not outlive an interrupted run (Ctrl-C, SIGTERM); SIGKILL cannot be helped.
            this.cleanup = new Thread(() -> deleteQuietly(temp), "chunkbench: remove " + temp.getFileName());
            Runtime.getRuntime().addShutdownHook(cleanup);
        } else {
            this.cleanup = null;
        }
    }

    /** Standard output, unbuffered below this class, so that a full disk or a closed pipe is an IOException. */
    static SafeOutput stdout() {
        // System.out is a PrintStream, which swallows write errors; the descriptor itself reports them.
        return new SafeOutput("standard output", null, null, null, new NonClosing(new FileOutputStream(FileDescriptor.out)));
    }

    /**
     * Checks {@code target} as described in the class comment, without creating anything. {@code input} is the input
     * file, or null for standard input.
     */
    static void check(String option, Path target, String inputOption, Path input, boolean force) throws IOException {
        if (input != null && Files.exists(target) && Files.isSameFile(input, target)) {
            throw new Main.UsageException(option + " " + target + " is the same file as " + inputOption + " " + input
                    + "; writing it would destroy the input; give another output file");
        }
        if (Files.isSymbolicLink(target) && Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
            return; // a link to a device or pipe, such as /dev/stdout: nothing there to lose, written directly
        }
        if (Files.isSymbolicLink(target)) {
            throw new Main.UsageException(option + " " + target + " is a symbolic link (to " + Files.readSymbolicLink(target)
                    + "); chunkbench does not write through links: give the real path, or remove the link");
        }
        if (Files.isDirectory(target)) {
            throw new Main.UsageException(option + " " + target + " is a directory; give a file name");
        }
        Path dir = directoryOf(target);
        if (!Files.isDirectory(dir)) {
            throw new Main.UsageException(option + " " + target + ": directory " + dir + " does not exist");
        }
        if (!force && writeProtected(target)) {
            throw new Main.UsageException(option + " " + target + " is write-protected (mode " + mode(target)
                    + "); give --force to replace it, or another file");
        }
    }

    /**
     * A regular file its owner may not write (chmod a-w), or one this user may not: cp, a shell's {@code >} and openssl
     * enc refuse it, while the rename, which needs only the directory, would replace it. The owner's bit counts for
     * root too, whom access(2) lets write anything.
     */
    private static boolean writeProtected(Path target) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        return !Files.isWritable(target)
                || view != null && !view.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
    }

    private static String mode(Path target) {
        try {
            return String.format("%04o", (Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "read-only";
        }
    }

    /** Opens the output after {@link #check}: a temporary file beside a regular (or missing) target. */
    static SafeOutput open(String option, Path target) throws IOException {
        String what = option + " " + target;
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // A device or FIFO (or a link to one, such as /dev/stdout): nothing to lose, and a rename would replace
            // the device node itself.
            return new SafeOutput(what, target, null, null, Files.newOutputStream(target, StandardOpenOption.WRITE));
        }
        Path dir = directoryOf(target);
        String name = ResultsFolder.tempBase(target);
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        Path temp = dir.resolve("." + name + "." + HexFormat.of().formatHex(r) + ".tmp");
        FileChannel ch;
        try {
            // CREATE_NEW is O_CREAT|O_EXCL: never opens an existing file or follows a planted link. No permission
            // attribute, so the file gets 0666 less the umask, as the output always had.
            ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new Main.UsageException(what + ": cannot create a file in " + dir + " (permission denied)");
        } catch (IOException e) {
            throw new IOException(what + ": cannot create a file in " + dir + ": " + ResultsFolder.reason(e, temp), e);
        }
        try {
            copyPermissions(target, temp);
        } catch (IOException e) {
            ch.close();
            deleteQuietly(temp);
            throw new IOException(what + ": " + ResultsFolder.reason(e, temp), e);
        } catch (RuntimeException e) {
            ch.close();
            deleteQuietly(temp);
            throw e;
        }
        return new SafeOutput(what, target, temp, ch, Channels.newOutputStream(ch));
    }

    private static void copyPermissions(Path target, Path temp) throws IOException {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            Files.setPosixFilePermissions(temp, perms);
        }
    }

    private static Path directoryOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        return parent == null ? target.toAbsolutePath().getRoot() : parent;
    }

    /** What the messages call this output: "standard output" or "--out FILE". */
    String what() {
        return what;
    }

    OutputStream stream() {
        return stream;
    }

    /** The temporary file being written (null for standard output and devices); for tests and messages. */
    Path temp() {
        return temp;
    }

    /**
     * The whole input was processed: flush, sync, and rename the temporary file over the target. A failure says
     * {@code what()} and the reason, never the temporary file's name.
     */
    void commit() throws IOException {
        try {
            stream.flush();
            if (temp == null) {
                committed = true;
                return;
            }
            channel.force(true);
            channel.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces the target in one step
        } catch (IOException e) {
            throw new IOException(what + ": " + ResultsFolder.reason(e, temp), e);
        }
        committed = true;
        removeHook();
        syncDirectory(directoryOf(target));
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable on Linux; other systems may refuse to open a directory, which costs nothing.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    /** Without a commit: the temporary file is removed and the target left as it was. */
    @Override
    public void close() {
        if (temp == null) {
            return;
        }
        if (!committed) {
            try {
                channel.close();
            } catch (IOException e) {
                // the file is deleted next; nothing to keep
            }
            deleteQuietly(temp);
            committed = true; // idempotent
            removeHook();
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook runs and finds nothing to delete
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // nothing more to do; the name starts with a dot and ends in .tmp
        }
    }

    /** Keeps the standard output descriptor open when the stream is closed. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
