package org.chunkbench.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The layout of a results folder, every file name spelled here and only here:
 *
 * <pre>
 * jmh.json             JMH's own JSON, untouched           (run)
 * env.json             the environment manifest            (run: {@link EnvManifest})
 * jmh.log              JMH's human-readable log            (run)
 * data/*.dat, *.gp     gnuplot data, one block per series  (report)
 * data/summary.tsv     every number of the report          (report)
 * plots/*.gp           the chart scripts, copied           (report)
 * *.png, *.svg         the charts                          (report, when gnuplot is installed)
 * REPORT.md            the report                          (report)
 * </pre>
 *
 * Every file this project writes into a folder goes through {@link #write}, so that how files are written
 * (atomically, refusing symlinks) is decided in one place. {@code followLinks}: whether the files read from the
 * folder may be symbolic links that leave it ({@link #refuseLinksOut}); only the user's {@code --follow-links} says so.
 */
public record ResultsFolder(Path dir, boolean followLinks) {
    public static final String JMH_JSON = "jmh.json";
    public static final String ENV_JSON = "env.json";
    public static final String JMH_LOG = "jmh.log";
    public static final String REPORT_MD = "REPORT.md";
    /** {@code openssl speed} of the run's key and chunk sizes, when the command exists (issue 12): C, no JVM. */
    public static final String OPENSSL_SPEED_TSV = "openssl-speed.tsv";
    public static final String DATA_DIR = "data";
    public static final String PLOTS_DIR = "plots";
    /** Line styles, tics and ranges the chart scripts load. */
    public static final String SERIES_GP = "series.gp";
    public static final String SUMMARY_TSV = "summary.tsv";
    /** Chart scripts besides one per chart: shared settings and the renderer they call. */
    public static final List<String> SHARED_SCRIPTS = List.of("common.gp", "render.gp");

    /** The {@code openssl speed} reference line the charts draw (C, no JVM), from {@link #OPENSSL_SPEED_TSV}. */
    public static final String OPENSSL_SPEED_DAT = "openssl-speed.dat";

    /**
     * Every chart chunkbench draws: {@code data/NAME.dat}, {@code plots/NAME.gp}, {@code NAME.png} and {@code NAME.svg}.
     * When each applies, and what its script is given, is {@code report/Charts}' to say.
     */
    public enum Chart {
        THROUGHPUT("throughput", true),
        RELATIVE("relative", true),
        NS_PER_CHUNK("ns-per-chunk", true),
        /** Runs with more than one thread count only. */
        SCALING("scaling", false),
        /** One per params group that the controls decompose: NAME, or NAME-1, NAME-2... ({@link #numbered}). */
        DECOMPOSITION("decomposition", false),
        /** {@code chunkbench history}'s chart, in its --out folder rather than a results folder. */
        HISTORY("history", false);

        private final String fileName;
        private final boolean everyFolder;

        Chart(String fileName, boolean everyFolder) {
            this.fileName = fileName;
            this.everyFolder = everyFolder;
        }

        /** The base name of its data file, script and images. */
        public String fileName() {
            return fileName;
        }

        /** Whether every results folder holds its data and script (older folders included). */
        public boolean everyFolder() {
            return everyFolder;
        }

        /** The base name of chart {@code i} (0-based) of {@code count} drawn by this script. */
        public String numbered(int i, int count) {
            return count == 1 ? fileName : fileName + "-" + (i + 1);
        }

        public String dataFile() {
            return dat(fileName);
        }

        public String script() {
            return fileName + ".gp";
        }

        public String png() {
            return png(fileName);
        }

        public String svg() {
            return svg(fileName);
        }

        public static String dat(String name) {
            return name + ".dat";
        }

        public static String png(String name) {
            return name + ".png";
        }

        public static String svg(String name) {
            return name + ".svg";
        }
    }

    /** Every chart script a folder holds, in the order they are copied (the charts of every folder). */
    public static List<String> scripts() {
        List<String> s = new java.util.ArrayList<>(SHARED_SCRIPTS);
        for (Chart c : Chart.values()) {
            if (c.everyFolder()) {
                s.add(c.script());
            }
        }
        return List.copyOf(s);
    }

    /** Every data file a complete folder holds. */
    public static List<String> dataFiles() {
        return List.of(Chart.THROUGHPUT.dataFile(), Chart.NS_PER_CHUNK.dataFile(), Chart.RELATIVE.dataFile(), SERIES_GP, SUMMARY_TSV);
    }

    public ResultsFolder(Path dir) {
        this(dir, false);
    }

    /** The files of a folder that commands read as data (report --check also reads what report wrote, never through a link). */
    private static final List<String> INPUTS = List.of(JMH_JSON, ENV_JSON, OPENSSL_SPEED_TSV);

    /**
     * Refuses a folder whose jmh.json, env.json or openssl-speed.tsv is a symbolic link that resolves outside it,
     * unless {@link #followLinks}: a shared folder could otherwise point env.json at the reader's credentials and
     * have them shown as "environment differences", or jmh.json at a key file. A link within the folder is read.
     */
    public void refuseLinksOut() throws IOException {
        if (followLinks) {
            return;
        }
        Path root = dir.toRealPath();
        for (String name : INPUTS) {
            Path file = dir.resolve(name);
            // a dangling link is left to the reader, which says the file is missing
            if (Files.isSymbolicLink(file) && Files.exists(file) && !file.toRealPath().startsWith(root)) {
                throw new ResultsException(file + " is a symbolic link out of the results folder; chunkbench reads only "
                        + "the folder's own files (give --follow-links to read it anyway)");
            }
        }
    }

    public Path jmhJson() {
        return dir.resolve(JMH_JSON);
    }

    /**
     * JMH's JSON of one invocation in a run of several (JMH runs once per cipher and thread count), merged into
     * jmh.json.
     */
    public Path jmhJsonPart(String cipher, Integer threads) {
        return dir.resolve(".jmh-" + cipher + "-threads-" + (threads == null ? "default" : threads) + ".json");
    }

    public Path envJson() {
        return dir.resolve(ENV_JSON);
    }

    public Path jmhLog() {
        return dir.resolve(JMH_LOG);
    }

    public Path opensslSpeedTsv() {
        return dir.resolve(OPENSSL_SPEED_TSV);
    }

    public Path reportMd() {
        return dir.resolve(REPORT_MD);
    }

    public Path dataDir() {
        return dir.resolve(DATA_DIR);
    }

    public Path plotsDir() {
        return dir.resolve(PLOTS_DIR);
    }

    /** A data file by name, relative path as the report and the checker name it: {@code data/summary.tsv}. */
    public static String inData(String name) {
        return DATA_DIR + "/" + name;
    }

    public static String inPlots(String name) {
        return PLOTS_DIR + "/" + name;
    }

    /** The largest file chunkbench reads from a folder; anything larger is refused rather than read whole. */
    public static final long MAX_INPUT_BYTES = 256L << 20;

    /**
     * The one way text goes into a file of a results folder (or next to one: history, compare --out): written to a
     * new temporary file beside it and renamed over it, so a reader never sees half a file. The target must not be a
     * symbolic link (a shared folder could point REPORT.md at any file of the user's) nor anything but a regular
     * file; a {@link ResultsException} says so and nothing is written.
     */
    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        refuseLinkOrOther(file);
        Path parent = file.toAbsolutePath().getParent();
        // createTempFile makes the file exclusively (O_EXCL), readable by its owner only; a published folder's files
        // are readable by everyone, as the umask allows.
        Path tmp;
        try {
            tmp = Files.createTempFile(parent, "." + tempBase(file) + ".", ".tmp");
        } catch (IOException e) {
            // the random name is unknown here; its start is enough to recognise it in a message
            throw new IOException(file + ": cannot create a file in " + parent + ": "
                    + reason(e, parent.resolve("." + tempBase(file) + ".")), e);
        }
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions
        }
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException(file + ": " + reason(e, tmp), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Bytes of the target's name kept in a temporary file's: NAME_MAX is 255, and a dot and ~22 bytes are added. */
    static final int TEMP_BASE_BYTES = 200;

    /**
     * The start of a temporary file's name for {@code target}: the target's name cut to whole characters of at most
     * {@link #TEMP_BASE_BYTES} bytes in UTF-8, so that a target name that fits the file system gets one that fits too.
     */
    public static String tempBase(Path target) {
        String name = target.getFileName().toString();
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > TEMP_BASE_BYTES) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    /**
     * Why writing a file failed, for a message that names the file the user asked for and never the temporary one:
     * the system's reason ("Read-only file system", "Is a directory"), else the exception's message when it does not
     * name {@code temp} (null: none was involved), else its kind. Control characters become spaces.
     */
    public static String reason(IOException e, Path temp) {
        String r = e instanceof java.nio.file.FileSystemException f ? f.getReason() : e.getMessage();
        if (r == null || r.isBlank() || temp != null && r.contains(temp.getFileName().toString())) {
            r = e.getClass().getSimpleName();
        }
        return r.replaceAll("\\p{Cntrl}", " ");
    }

    /**
     * Creates {@code dir} (and its parents) unless it exists; an existing {@code dir} must be a real folder, not a
     * symbolic link to one elsewhere (data/ or plots/ of a shared folder could point anywhere).
     */
    public static Path directory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new ResultsException(dir + " is a symbolic link; chunkbench writes only into real folders "
                    + "(remove the link and run again)");
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new ResultsException(dir + " exists and is not a folder");
        }
        return Files.createDirectories(dir);
    }

    /**
     * A file some other program (gnuplot) will write: refused when it is a symbolic link or not a regular file, as
     * {@link #write} refuses.
     */
    public static void refuseLinkOrOther(Path file) {
        if (Files.isSymbolicLink(file)) {
            throw new ResultsException(file + " is a symbolic link; chunkbench does not write through links "
                    + "(remove it and run again)");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ResultsException(file + " exists and is not a regular file; chunkbench will not replace it");
        }
    }

    /**
     * The one check before a file of a folder is read: a regular file (not a FIFO, which would block, nor a device)
     * of at most {@link #MAX_INPUT_BYTES}. A link is followed here: whether a folder's file may be one is
     * {@link #refuseLinksOut}'s to say.
     */
    public static void checkReadable(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new ResultsException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ResultsException(file + " is not a regular file");
        }
        long size = Files.size(file);
        if (size > MAX_INPUT_BYTES) {
            throw new ResultsException(file + " is " + (size >> 20) + " MiB, more than the " + (MAX_INPUT_BYTES >> 20)
                    + " MiB chunkbench reads from a results file; is it really one?");
        }
    }

    /** A text file of a folder, after {@link #checkReadable}. */
    public static String read(Path file) throws IOException {
        checkReadable(file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
