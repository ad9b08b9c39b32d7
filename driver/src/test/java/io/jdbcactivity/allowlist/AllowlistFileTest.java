package io.jdbcactivity.allowlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The allowlist file: its format, merging writes, and writers that race. */
class AllowlistFileTest {

    private static String digest(int n) {
        return String.format("%032x", n);
    }

    @Test
    void writesAHeaderAndOneSortedLinePerDigestAndKeepsWhatTheFileHeld(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/allowlist.txt");
        assertEquals(2, AllowlistFile.merge(file, Map.of(digest(9), "SELECT ?", digest(3), "DELETE FROM t WHERE id = ?")));
        // a reviewer's note and edited text survive the next write; a known digest keeps its text
        String edited = Files.readString(file).replace("SELECT ?", "SELECT ? -- health check");
        Files.writeString(file, edited + "# reviewed by ops\n");
        assertEquals(3, AllowlistFile.merge(file, Map.of(digest(5), "UPDATE t SET\na = ?", digest(9), "SELECT 1")));
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("# jdbc-activity allowlist"), lines.get(0));
        List<String> entries = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of(digest(3) + " DELETE FROM t WHERE id = ?", digest(5) + " UPDATE t SET a = ?",
                digest(9) + " SELECT ? -- health check"), entries);
        try (var in = Files.newInputStream(file)) {
            assertEquals(List.of(digest(3), digest(5), digest(9)), List.copyOf(AllowlistFile.read(in).keySet()));
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of("allowlist.txt"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left, and no lock beside the list (it would be packaged with it)");
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)), "readable by all, like the code it sits with");
        }
    }

    @Test
    void aLineThatIsNoEntryIsAnErrorNamingItsLine() {
        String text = "# list\n\n" + digest(1) + " SELECT ?\nSELECT * FROM users\n";
        var e = assertThrows(AllowlistFile.MalformedException.class,
                () -> AllowlistFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().startsWith("line 4 "), e.getMessage());
    }

    @Test
    void upperCaseDigestsAndBareDigestsAreRead() throws Exception {
        String text = digest(10).toUpperCase() + "\n" + digest(11) + "\n";
        assertEquals(List.of(digest(10), digest(11)), List.copyOf(
                AllowlistFile.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).keySet()));
    }

    @Test
    void aHugeNormalFormIsCutToOneLine() {
        String example = AllowlistFile.example("INSERT INTO t VALUES " + "(?, ?), ".repeat(2000));
        assertTrue(example.length() <= AllowlistFile.MAX_EXAMPLE_CHARS + 2, "" + example.length());
    }

    @Test
    void writersRacingOnOneFileLoseNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("allowlist.txt");
        int writers = 4;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        Map<String, String> one = new HashMap<>();
                        one.put(digest(writer * 1000 + i), "SELECT " + writer + ", " + i);
                        AllowlistFile.merge(file, one);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (var in = Files.newInputStream(file)) {
            assertEquals(writers * each, AllowlistFile.read(in).size());
        }
    }

    /** Another JVM (a second test fork) merging into the same file, under the file lock. */
    @Test
    void anotherJvmWritingTheSameFileLosesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("allowlist.txt");
        try (var child = io.jdbcactivity.fixtures.ChildJvm.of(MergeMain.class).args(file.toString(), "1000", "200")
                .start()) {
            for (int i = 0; i < 200; i++) {
                AllowlistFile.merge(file, Map.of(digest(i), "SELECT " + i));
            }
            assertEquals(0, child.waitFor(java.time.Duration.ofSeconds(60)), child.toString());
        }
        try (var in = Files.newInputStream(file)) {
            var all = AllowlistFile.read(in);
            assertEquals(400, all.size(), all.keySet().stream().limit(5).collect(Collectors.joining(",")));
        }
    }

    /** Merges {@code count} digests from {@code from} into a file, one write each. */
    public static final class MergeMain {
        public static void main(String[] args) throws Exception {
            Path file = Path.of(args[0]);
            int from = Integer.parseInt(args[1]);
            int count = Integer.parseInt(args[2]);
            for (int i = from; i < from + count; i++) {
                AllowlistFile.merge(file, Map.of(digest(i), "SELECT " + i));
            }
        }
    }
}
