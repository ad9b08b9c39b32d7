package io.jdbcactivity.allowlist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The allowlist's file: a text file meant to be committed with the application and reviewed in
 * its pull requests, so one statement shape per line, sorted by digest (a new shape is a one-line
 * diff):
 *
 * <pre>
 * # jdbc-activity allowlist ...
 * 3f6c0e4f9a2b1d7c8e5f4a3b2c1d0e9f SELECT * FROM orders WHERE id = ?
 * </pre>
 *
 * Each line is the digest (32 hex digits, {@code clientAuditFields.sqlDigest}), one space, and one
 * normal form of that shape (literals already replaced by {@code ?}: no data of the application's
 * is written), for the reviewer; only the digest is read back. Lines starting with {@code #} and
 * blank lines are ignored, so a reviewer may annotate.
 *
 * <p>Writes merge with what the file holds and replace it atomically (a temporary file in the same
 * directory, then a rename), under a lock on a {@code .lock} file in the temporary directory: two publishers, in
 * one JVM or several (test forks), recording into the same file never lose each other's shapes.
 */
public final class AllowlistFile {
    /** Characters of a shape's example text kept on its line: a 5,000-row INSERT's normal form is long. */
    static final int MAX_EXAMPLE_CHARS = 2000;

    static final String HEADER = """
            # jdbc-activity allowlist: one statement shape per line, "<digest> <example normal form>", sorted by digest.
            # Recorded with activity.allowlist.record, enforced with activity.allowlist (mode detect or protect).
            # Only the digest (clientAuditFields.sqlDigest) is read; the text is for review. '#' starts a comment.
            """;

    /** Within one JVM a file lock is held per channel, not per thread: writers of one file take turns here first. */
    private static final Map<Path, Object> IN_JVM = new ConcurrentHashMap<>();

    private AllowlistFile() {
    }

    /** A line that is no entry. */
    public static final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /** The entries of a list: digest to example text (empty when the line has none). */
    public static TreeMap<String, String> read(InputStream in) throws IOException {
        TreeMap<String, String> entries = new TreeMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = r.readLine()) != null) {
            number++;
            // a byte-order mark (an editor's, on Windows) is no part of the first line
            String s = (number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            int space = s.indexOf(' ');
            String digest = (space < 0 ? s : s.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
            if (!isDigest(digest)) {
                throw new MalformedException("line " + number + " does not start with a digest of 32 hex digits: '"
                        + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'");
            }
            entries.putIfAbsent(digest, space < 0 ? "" : s.substring(space + 1).strip());
        }
        return entries;
    }

    static boolean isDigest(String s) {
        if (s.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Adds {@code shapes} (digest to example) to the file at {@code path}, keeping what it holds
     * (an entry already there keeps its text: a reviewer's edit survives), creating it if needed.
     *
     * @return how many entries the file holds now
     */
    private static void readableByAll(Path tmp) {
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its default permissions stand
        }
    }

    public static int merge(Path path, Map<String, String> shapes) throws IOException {
        Path file = path.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        synchronized (IN_JVM.computeIfAbsent(file, k -> new Object())) {
            // the lock lives in the temporary directory, named by the list's path: beside the list (in
            // src/main/resources, say) it would be packaged and committed with it
            Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "jdbc-activity-allowlist-"
                    + Integer.toHexString(file.toString().hashCode()) + "-" + file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                TreeMap<String, String> all = new TreeMap<>();
                if (Files.exists(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        all = read(in);
                    }
                }
                for (Map.Entry<String, String> e : shapes.entrySet()) {
                    all.putIfAbsent(e.getKey(), example(e.getValue()));
                }
                Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
                try {
                    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                        w.write(HEADER);
                        for (Map.Entry<String, String> e : all.entrySet()) {
                            w.write(e.getKey());
                            if (!e.getValue().isEmpty()) {
                                w.write(' ');
                                w.write(e.getValue());
                            }
                            w.write('\n');
                        }
                    }
                    readableByAll(tmp); // a temporary file is its owner's only; the list is shared like code
                    try {
                        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
                return all.size();
            }
        }
    }

    /** A normal form as one line: a quoted name may hold a line break; a huge text is cut. */
    static String example(String normalized) {
        String s = normalized.replace('\n', ' ').replace('\r', ' ').strip();
        return s.length() > MAX_EXAMPLE_CHARS ? s.substring(0, MAX_EXAMPLE_CHARS) + " …" : s;
    }
}
