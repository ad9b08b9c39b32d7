package io.jdbcactivity.spool;

import static io.jdbcactivity.spool.SpoolTest.SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool across processes: the OS's lock is the oracle for "live", SIGKILL for "crash". The
 * children are {@link SpoolChild} on this test's class path.
 */
class SpoolProcessTest {

    @TempDir
    Path dir;

    private Process child(String... args) throws IOException {
        String[] command = new String[4 + args.length];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-cp";
        command[2] = System.getProperty("java.class.path");
        command[3] = SpoolChild.class.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static BufferedReader lines(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** What a spool opened in another process adopts now: {owners, frames}. */
    private String adoptedByAnotherProcess(String owner) throws Exception {
        Process p = child("adopt", dir.toString(), owner);
        String line = lines(p).readLine();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), line);
        return line;
    }

    @Test
    void aLiveProcessIsNotAdoptedAndItsFramesAreOnceItIsKilled() throws Exception {
        Process holder = child("hold", dir.toString(), "child", "25");
        try {
            assertEquals("READY", lines(holder).readLine());
            try (Spool spool = Spool.open(dir, "parent", SETTINGS)) {
                assertEquals(0, spool.recovery().ownersAdopted());
                assertNull(spool.next());
            }
            assertTrue(Files.isDirectory(dir.resolve("child")));
        } finally {
            holder.destroyForcibly(); // SIGKILL
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (Spool spool = Spool.open(dir, "parent", SETTINGS)) {
            assertEquals(1, spool.recovery().ownersAdopted());
            List<Frame> frames = SpoolTest.drain(spool);
            assertEquals(25, frames.size());
            for (int i = 0; i < 25; i++) {
                assertEquals(i, SpoolTest.number(frames.get(i)));
            }
        }
    }

    /** This process's open descriptors of {@code file}, as the kernel lists them (Linux). */
    private static long descriptorsOf(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }

    @Test
    void anotherPublisherOfThisJvmNeverReleasesALiveLock() throws Exception {
        try (Spool a = Spool.open(dir, "a", SETTINGS)) {
            SpoolTest.append(a, 1);
            a.flushToOs();
            Path lock = a.directory().resolve("lock").toRealPath();
            try (Spool b = Spool.open(dir, "b", SETTINGS)) {
                assertEquals(0, b.recovery().ownersAdopted());
                // "holder" names this JVM: b did not even open a's lock file
                assertEquals(1, descriptorsOf(lock));
                // had b probed a's lock and closed the probe, the OS would have dropped a's lock
                assertEquals("adopted 0 0", adoptedByAnotherProcess("x"));

                // without "holder" c must probe, meets the overlap, and keeps its probe open
                Files.delete(a.directory().resolve("holder"));
                try (Spool c = Spool.open(dir, "c", SETTINGS)) {
                    assertEquals(0, c.recovery().ownersAdopted());
                }
                assertEquals(2, descriptorsOf(lock));
                assertEquals("adopted 0 0", adoptedByAnotherProcess("y"));
            }
        }
        assertEquals("adopted 1 1", adoptedByAnotherProcess("z"), "closed: a's frame goes to the next publisher");
    }

    @Test
    void framesFlushedBeforeASigkillAreAllThere() throws Exception {
        Process writer = child("append", dir.toString(), "writer");
        long printed = 0;
        try {
            BufferedReader out = lines(writer);
            for (String line; printed < 3000 && (line = out.readLine()) != null;) {
                printed = Long.parseLong(line);
            }
        } finally {
            writer.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no flush
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(printed >= 3000, "the child printed " + printed);
        try (Spool spool = Spool.open(dir, "reader", SETTINGS)) {
            List<Frame> frames = SpoolTest.drain(spool);
            assertTrue(frames.size() >= printed, frames.size() + " frames, " + printed + " reported flushed");
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(i, SpoolTest.number(frames.get(i)), "in order, none missing");
            }
        }
    }
}
