package io.jdbcactivity.sink.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.Activity;
import io.jdbcactivity.LogRecorder;
import io.jdbcactivity.config.MissingOptionException;
import io.jdbcactivity.fixtures.FaultProxy;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.publish.PublisherStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable spool in one JVM: an outage longer than the records' time-to-live costs disk, not
 * events; what a stop could not deliver stays on disk and the next publisher sends it (counted as
 * recovered, apart from its own); the disk bound applies the overflow policy, counted. Crashes are
 * {@link CrashTest}'s.
 */
class SpoolDeliveryTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    private ProxiedStream stream;
    private FaultProxy proxy;
    @TempDir
    Path spool;

    @BeforeEach
    void setUp() {
        stream = new ProxiedStream(KINESIS, "spooled", 1);
        proxy = stream.proxy;
    }

    @AfterEach
    void tearDown() {
        stream.close();
    }

    private Properties props(String... extra) {
        Properties p = stream.props("activity.kinesis.requestTimeoutMs", "300", "activity.spool.dir", spool.toString());
        for (int i = 0; i < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return p;
    }

    /** {@code n} updates on one connection; the events expected (with connect and disconnect). */
    private static int run(Properties p, String db, int n) throws SQLException {
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(db), p);
                PreparedStatement s = c.prepareStatement("SET @x = ?")) {
            for (int i = 0; i < n; i++) {
                s.setInt(1, i);
                s.executeUpdate();
            }
        }
        return n + 2;
    }

    private Set<String> eventIdsInTheStream() {
        return stream.applicationEventIds();
    }

    private static PublisherStats running() {
        return Activity.stats().stream().filter(s -> !s.state().equals("stopped")).findFirst().orElseThrow();
    }

    @Test
    void anOutageLongerThanTheRecordTimeToLiveLosesNothing() throws Exception {
        Properties p = props("activity.kinesis.recordTtlMs", "1000");
        proxy.refuse();
        proxy.cutAllConnections();
        int expected = run(p, H2Databases.newName(), 300);
        Thread.sleep(2_500); // records would have expired twice over without the spool
        PublisherStats during = running();
        assertEquals(expected, during.pending(), during.toString());
        assertTrue(during.retried() > 0, during.toString());
        proxy.normal();
        assertTrue(Activity.flush(Duration.ofSeconds(30)), running().toString());
        PublisherStats s = running();
        assertEquals(expected, s.delivered(), s.toString());
        assertEquals(0, s.lost() + s.dropped(), s.toString());
        assertEquals(expected, eventIdsInTheStream().size());
        Activity.shutdown();
        try (Stream<Path> files = Files.walk(spool)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".log")).toList(),
                    "delivered events are retired from the disk");
        }
    }

    @Test
    void whatAStopCouldNotDeliverIsSentByTheNextPublisher() throws Exception {
        Properties p = props("activity.shutdown.timeoutMs", "300");
        proxy.refuse();
        proxy.cutAllConnections();
        String db = H2Databases.newName();
        int first = run(p, db, 200);
        try (LogRecorder log = LogRecorder.start()) {
            Activity.shutdown();
            PublisherStats stopped = Activity.stats().get(0);
            assertEquals("stopped", stopped.state());
            assertEquals(first, stopped.pending(), "kept on disk, not lost: " + stopped);
            assertEquals(0, stopped.lost() + stopped.dropped(), stopped.toString());
            assertTrue(stopped.balanced(), stopped.toString());
            assertFalse(log.warnings().stream().anyMatch(w -> w.contains("stopped without delivering")),
                    "nothing was lost: " + log.warnings());
        }
        proxy.normal();
        int second = run(p, db, 50); // a new publisher: it adopts the directory the first one left
        assertTrue(Activity.flush(Duration.ofSeconds(30)), running().toString());
        PublisherStats next = running();
        assertEquals(first, next.recovered(), "the first publisher's events, counted apart: " + next);
        assertEquals(second, next.delivered(), next.toString());
        assertEquals(first + second, eventIdsInTheStream().size());
    }

    @Test
    void aFullSpoolAppliesTheOverflowPolicyAndCountsIt() throws Exception {
        // the smallest spool (16 MiB, ~13,000 of these events) and a small queue against 40,000 events
        // while the stream is away; gzipped records and calls given time, so that the emulator takes
        // the 16 MB afterwards quickly
        Properties p = props("activity.spool.maxBytes", Long.toString(16L << 20), "activity.overflow", "drop-newest",
                "activity.queue.capacity", "1024", "activity.kinesis.gzip", "true",
                "activity.kinesis.requestTimeoutMs", "5000");
        proxy.refuse();
        proxy.cutAllConnections();
        String pad = "x".repeat(900);
        int expected = 0;
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p);
                PreparedStatement s = c.prepareStatement("SELECT ? AS " + "a" + "y".repeat(200))) {
            for (int i = 0; i < 40_000; i++) {
                s.setString(1, pad);
                s.executeQuery().close(); // the application never notices
                expected++;
            }
        }
        expected += 2;
        PublisherStats s = running();
        assertEquals(expected, s.captured(), s.toString());
        assertTrue(s.dropped() > 20_000, "past the disk bound the newest are dropped: " + s);
        assertTrue(s.balanced(), s.toString());
        long onDisk;
        try (Stream<Path> files = Files.walk(spool)) {
            onDisk = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertTrue(onDisk <= 16L << 20, "the disk bound holds: " + onDisk);
        proxy.normal();
        assertTrue(Activity.flush(Duration.ofSeconds(60)), running().toString());
        PublisherStats after = running();
        assertEquals(expected, after.delivered() + after.dropped() + after.lost(), after.toString());
        assertEquals(after.delivered(), eventIdsInTheStream().size());
    }

    @Test
    void syncDeliveryWithAFullSpoolDropsAndCountsInsteadOfMakingEveryExecutionWait() throws Exception {
        // ~13,000 of these events fill the smallest spool; four threads run 20,000 while the stream is away
        Properties p = props("activity.spool.maxBytes", Long.toString(16L << 20), "activity.delivery", "sync",
                "activity.delivery.syncTimeoutMs", "2000");
        proxy.refuse();
        proxy.cutAllConnections();
        String pad = "x".repeat(900);
        String db = H2Databases.newName();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(db), p);
                        PreparedStatement s = c.prepareStatement("SELECT ? AS " + "a" + "y".repeat(200))) {
                    for (int i = 0; i < 5_000; i++) {
                        s.setString(1, pad);
                        s.executeQuery().close();
                    }
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        pool.shutdown();
        PublisherStats s = running();
        assertTrue(s.dropped() > 0, "past the disk bound events are dropped: " + s);
        assertEquals(0, s.syncTimeouts(), "no execution waited out its timeout: " + s);
        assertTrue(s.balanced(), s.toString());
    }

    @Test
    void syncDeliveryNeedsASpool() {
        Properties p = props("activity.delivery", "sync");
        p.remove("activity.spool.dir");
        MissingOptionException e = assertThrows(MissingOptionException.class,
                () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
        assertTrue(e.getMessage().startsWith("Set activity.spool.dir"), e.getMessage());
    }

    @Test
    void syncDeliveryWaitsForTheDiskNotForKinesis() throws Exception {
        // the stream is away: a sync execution still returns at once, its event durable on disk
        Properties p = props("activity.delivery", "sync", "activity.spool.fsync", "always");
        proxy.refuse();
        proxy.cutAllConnections();
        int expected = run(p, H2Databases.newName(), 100);
        PublisherStats s = running();
        assertEquals(0, s.syncTimeouts(), s.toString());
        assertEquals(expected, s.pending(), s.toString());
        List<Path> segments;
        try (Stream<Path> files = Files.walk(spool)) {
            segments = files.filter(f -> f.getFileName().toString().endsWith(".log")).toList();
        }
        long bytes = 0;
        for (Path f : segments) {
            bytes += Files.size(f);
        }
        assertTrue(bytes > expected * 200L, "every event is on disk: " + bytes + " bytes in " + segments);
    }
}
