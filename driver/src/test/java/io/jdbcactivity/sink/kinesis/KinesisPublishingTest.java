package io.jdbcactivity.sink.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import io.jdbcactivity.fixtures.StreamReader;
import io.jdbcactivity.publish.PublisherStats;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kinesis sink against the emulator, with real workloads on MariaDB: every event exactly once,
 * in order per connection, and nothing the design promises to keep lost under faults.
 */
class KinesisPublishingTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    private static final AtomicInteger STREAMS = new AtomicInteger();
    private String stream;

    @BeforeEach
    void setUp() throws Exception {
        stream = "activity-" + STREAMS.incrementAndGet();
        KINESIS.createStream(stream, 2);
        try (Connection c = DB.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS account (id INT PRIMARY KEY, balance INT)");
            s.execute("DELETE FROM account");
            for (int i = 0; i < 8; i++) {
                s.execute("INSERT INTO account VALUES (" + i + ", 100)");
            }
        }
    }

    @AfterEach
    void tearDown() {
        FaultInjector.reset();
        Activity.shutdown();
        if (!KINESIS.isRunning()) {
            KINESIS.start();
        }
    }

    private Properties props(String... extra) {
        Properties p = KINESIS.sinkProperties(stream);
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        p.setProperty("activity.kinesis.lingerMs", "20");
        p.setProperty("activity.kinesis.configRetryMs", "300");
        for (int i = 0; i < extra.length; i += 2) {
            p.setProperty(extra[i], extra[i + 1]);
        }
        return p;
    }

    private static String url() {
        return "jdbc:activity:" + DB.jdbcUrl().substring("jdbc:".length());
    }

    /** {@code connections} threads each run {@code perConnection} statements; returns the events expected. */
    private static int workload(Properties props, int connections, int perConnection) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url(), props);
                        PreparedStatement up = c.prepareStatement("UPDATE account SET balance = balance + 1 WHERE id = ?");
                        PreparedStatement read = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
                    for (int i = 0; i < perConnection; i++) {
                        PreparedStatement p = i % 2 == 0 ? up : read;
                        p.setInt(1, id % 8);
                        if (p == up) {
                            assertEquals(1, p.executeUpdate());
                        } else {
                            try (ResultSet rs = p.executeQuery()) {
                                assertTrue(rs.next());
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return connections * (perConnection + 2); // + connect and disconnect
    }

    private static List<JsonNode> activity(List<JsonNode> events) {
        return events.stream().filter(e -> !e.get("clientAuditFields").get("statementKind").asText().equals("PRODUCER"))
                .toList();
    }

    /** The running publisher's figures (Activity.stats() also lists the last stopped ones, after it). */
    private static PublisherStats stats() {
        return Activity.stats().get(0);
    }

    private static long running() {
        return Activity.stats().stream().filter(s -> !s.state().equals("stopped")).count();
    }

    /** Every expected event arrived exactly once and each connection's events are in sequence order. */
    private static void assertExactlyOnceInOrder(List<JsonNode> events, int expected) {
        Set<String> ids = new HashSet<>();
        Map<String, Long> last = new HashMap<>();
        for (JsonNode e : activity(events)) {
            JsonNode a = e.get("clientAuditFields");
            assertTrue(ids.add(a.get("eventId").asText()), () -> "duplicate " + e);
            long seq = a.get("sequence").asLong();
            Long previous = last.put(a.get("connectionId").asText(), seq);
            assertEquals(previous == null ? 1 : previous + 1, seq, () -> "out of order: " + e);
        }
        assertEquals(expected, ids.size());
    }

    @Test
    void everyEventArrivesOnceAndInOrderPerConnection() throws Exception {
        Set<String> sdkSettings = awsSystemProperties();
        int expected = workload(props(), 6, 150);
        assertTrue(Activity.flush(Duration.ofSeconds(30)), Activity.stats()::toString);
        assertEquals(1, running(), "six connections, one configuration: one publisher and client");
        assertEquals(sdkSettings, awsSystemProperties(), "no JVM-global SDK setting is touched");
        StreamReader reader = KINESIS.reader(stream);
        List<StreamReader.Envelope> envelopes = reader.envelopes();
        for (StreamReader.Envelope env : envelopes) {
            for (JsonNode e : env.events()) {
                assertEquals(env.partitionKey(), e.get("clientAuditFields").get("connectionId").asText(),
                        "an envelope holds one connection's events, keyed by it");
            }
            assertEquals(stream.isEmpty() ? null : "ClientActivityMonitoringRecord", env.json().get("type").asText());
        }
        assertExactlyOnceInOrder(reader.events(), expected);
        assertTrue(envelopes.size() < expected / 2, "events are batched into envelopes: " + envelopes.size());
        PublisherStats s = stats();
        assertEquals(expected, s.delivered(), s.toString());
        assertEquals(0, s.lost() + s.dropped(), s.toString());
    }

    @Test
    void partialFailuresAndThrottlingAreRetriedWithoutLossOrDuplicates() throws Exception {
        FaultInjector.failEvery(2, "ProvisionedThroughputExceededException", 6);
        int expected = workload(props("activity.kinesis.interceptors", FaultInjector.class.getName()), 4, 100);
        assertTrue(Activity.flush(Duration.ofSeconds(60)), Activity.stats()::toString);
        assertExactlyOnceInOrder(KINESIS.reader(stream).events(), expected);
        PublisherStats s = stats();
        assertTrue(FaultInjector.injected() > 0);
        assertEquals(FaultInjector.injected(), s.retried(), s.toString());
        assertEquals(FaultInjector.injected(), s.throttled(), s.toString());
        assertEquals(0, s.lost(), s.toString());
        // throttling slowed the sender: the calls allowed in flight were halved, then grew back
        ObjectName name = ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("io.jdbcactivity:type=Publisher,*"), null).iterator().next();
        int allowed = (Integer) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "AllowedInFlight");
        assertTrue(allowed >= 1 && allowed <= 8, "allowed in flight: " + allowed);
        int lowest = (Integer) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "LowestAllowedInFlight");
        assertTrue(lowest >= 1 && lowest < 8, "throttling halved the calls in flight: " + lowest);
    }

    @Test
    void internalFailuresOfEntriesAreRetriedToo() throws Exception {
        FaultInjector.failEvery(1, "InternalFailure", 3);
        int expected = workload(props("activity.kinesis.interceptors", FaultInjector.class.getName()), 2, 50);
        assertTrue(Activity.flush(Duration.ofSeconds(60)), Activity.stats()::toString);
        assertExactlyOnceInOrder(KINESIS.reader(stream).events(), expected);
        assertEquals(0, stats().throttled());
        assertTrue(stats().retried() > 0);
    }

    @Test
    void theEmulatorStoppedMidRunThenBackLosesNothing() throws Exception {
        Properties p = props("activity.kinesis.requestTimeoutMs", "1000");
        int expected = workload(p, 2, 50);
        assertTrue(Activity.flush(Duration.ofSeconds(30)), Activity.stats()::toString);
        List<JsonNode> beforeCrash = activity(KINESIS.reader(stream).events());
        KINESIS.stop(); // the emulator loses what it held: the events read above stand for it
        expected += workload(p, 2, 50); // the application does not notice
        assertFalse(Activity.flush(Duration.ofMillis(500)), "nothing can be delivered while the stream is down");
        assertTrue(stats().retried() > 0 || stats().lastError() != null, stats().toString());
        KINESIS.start();
        assertTrue(Activity.flush(Duration.ofSeconds(60)), Activity.stats()::toString);
        List<JsonNode> events = new ArrayList<>(beforeCrash);
        events.addAll(activity(KINESIS.reader(stream).events()));
        Set<String> unique = new HashSet<>();
        events.forEach(e -> unique.add(e.get("clientAuditFields").get("eventId").asText()));
        // a call cut off by the crash may have been stored before its answer was lost: then it is
        // sent again, so duplicates are possible (consumers dedupe by eventId) but losses are not
        assertEquals(expected, unique.size());
        assertEquals(0, stats().lost() + stats().dropped(), stats().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"drop-newest", "drop-oldest", "block"})
    void overflowWhileTheStreamIsDownIsCountedAndMarked(String policy) throws Exception {
        KINESIS.stop();
        // the smallest buffer allowed (one Kinesis record)
        Properties p = props("activity.kinesis.maxBufferBytes", "1048576", "activity.queue.capacity", "64",
                "activity.overflow", policy, "activity.overflow.blockMs", "2", "activity.kinesis.requestTimeoutMs",
                "500");
        int expected = workload(p, 2, 2_000); // ~4,000 events of ~700 bytes: far beyond 1 MiB
        PublisherStats during = stats();
        assertTrue(during.dropped() + during.lost() > 0, during.toString());
        KINESIS.start();
        assertTrue(Activity.flush(Duration.ofSeconds(60)), Activity.stats()::toString);
        // every event is either in the stream or counted by a loss marker in the stream
        long[] lastMarked = {-1};
        List<JsonNode> all;
        try {
            all = KINESIS.reader(stream).await(events -> {
                // a marker is an event like any other: a call whose answer timed out after the
                // emulator stored it is sent again, so the same marker can arrive twice (CI saw
                // 489 marked for 486 dropped). Count each marker once, by its eventId.
                Set<String> seen = new HashSet<>();
                long marked = events.stream().filter(e -> e.get("command").asText().equals("EVENTS_DROPPED"))
                        .filter(e -> seen.add(e.get("clientAuditFields").get("eventId").asText()))
                        .mapToLong(e -> e.get("clientAuditFields").get("dropped").get("count").asLong()).sum();
                lastMarked[0] = marked;
                PublisherStats now = stats();
                return marked == now.dropped() + now.lost();
            }, Duration.ofSeconds(30));
        } catch (AssertionError e) {
            // say what the publisher knew, should a marker ever be missing or counted twice
            throw new AssertionError("markers add up to " + lastMarked[0] + " while the publisher counts "
                    + stats() + " (" + policy + ")", e);
        }
        Set<String> delivered = new HashSet<>();
        activity(all).forEach(e -> delivered.add(e.get("clientAuditFields").get("eventId").asText()));
        PublisherStats s = stats();
        assertEquals(expected, delivered.size() + s.dropped() + s.lost(), s.toString());
        List<String> commands = activity(all).stream().map(e -> e.get("command").asText()).toList();
        if (policy.equals("drop-oldest")) {
            // the oldest are given up first: no connect survives, the very last events do
            assertEquals(0, commands.stream().filter("CONNECT"::equals).count(), commands::toString);
            assertTrue(commands.contains("DISCONNECT"), commands::toString);
        } else {
            // the oldest survive: the first connect offered was never given up. (The second
            // connection's connect may itself be a "newest" event: its thread can start after the
            // first one filled the buffers, so only one connect is certain.)
            assertTrue(commands.stream().filter("CONNECT"::equals).count() >= 1, commands::toString);
        }
    }

    @Test
    void aStreamThatAppearsLaterIsUsed() throws Exception {
        String later = "created-later-" + STREAMS.incrementAndGet();
        Properties p = props();
        p.setProperty("activity.kinesis.stream", later);
        int expected = workload(p, 2, 20);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!String.valueOf(stats().lastError()).contains("ResourceNotFoundException") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(String.valueOf(stats().lastError()).contains("ResourceNotFoundException"), stats().toString());
        KINESIS.createStream(later, 1);
        assertTrue(Activity.flush(Duration.ofSeconds(30)), Activity.stats()::toString);
        assertExactlyOnceInOrder(KINESIS.reader(later).events(), expected);
    }

    @Test
    void anEndpointThatNeverAnswersCostsTheApplicationNothing() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // accept, never answer
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Properties p = props("activity.kinesis.requestTimeoutMs", "300", "activity.shutdown.timeoutMs", "500");
            p.setProperty("activity.kinesis.endpoint", "http://127.0.0.1:" + silent.getLocalPort());
            int expected = workload(p, 2, 20);
            assertFalse(Activity.flush(Duration.ofSeconds(2)));
            PublisherStats s = stats();
            assertTrue(s.retried() > 0, s.toString());
            assertTrue(s.lastError().contains("Timeout") || s.lastError().contains("timeout"), s.toString());
            Activity.shutdown();
            PublisherStats after = s;
            assertTrue(expected > 0 && after.delivered() == 0);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
        assertNoDriverThreads();
    }

    @Test
    void heartbeatsGzipAndTrimmedEvents() throws Exception {
        Properties p = props("activity.kinesis.gzip", "true", "activity.heartbeat.intervalMs", "200");
        String filler = "x".repeat(60_000);
        try (Connection c = DriverManager.getConnection(url(), p); Statement s = c.createStatement()) {
            for (int i = 0; i < 30; i++) {
                // each entry's normal form keeps a ~60 KB identifier: 30 of them do not fit one record
                s.addBatch("UPDATE account SET balance = balance WHERE col_" + filler + " IS NULL AND id = " + i);
            }
            try {
                s.executeBatch();
            } catch (java.sql.BatchUpdateException expectedUnknownColumn) {
                // the server rejects the unknown column: the batch is still one event
            }
            Thread.sleep(500);
        }
        assertTrue(Activity.flush(Duration.ofSeconds(30)), Activity.stats()::toString);
        List<StreamReader.Envelope> envelopes = KINESIS.reader(stream).envelopes();
        assertTrue(envelopes.stream().allMatch(StreamReader.Envelope::gzipped));
        List<JsonNode> events = KINESIS.reader(stream).events();
        JsonNode batch = events.stream().filter(e -> e.get("clientAuditFields").has("batch")).findFirst().orElseThrow();
        assertTrue(batch.get("clientAuditFields").path("trimmed").asBoolean(),
                () -> batch.toString().length() + ": " + batch.toString().substring(0, 2000));
        assertEquals(30, batch.get("clientAuditFields").get("batch").get("size").asInt());
        assertFalse(batch.get("clientAuditFields").get("batch").has("statements"));
        List<JsonNode> heartbeats = events.stream().filter(e -> e.get("type").asText().equals("heartbeat")).toList();
        assertFalse(heartbeats.isEmpty());
        JsonNode stats = heartbeats.get(heartbeats.size() - 1).get("clientAuditFields").get("producerStats");
        assertTrue(stats.get("captured").asLong() >= 2, stats::toString);
    }

    @Test
    void countersAreVisibleThroughJmxAndShutdownLeavesNoThread() throws Exception {
        int expected = workload(props(), 1, 10);
        assertTrue(Activity.flush(Duration.ofSeconds(30)), Activity.stats()::toString);
        Set<ObjectName> names = ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("io.jdbcactivity:type=Publisher,*"), null);
        assertEquals(1, names.size(), names::toString);
        ObjectName name = names.iterator().next();
        assertEquals((long) expected, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Delivered"));
        assertTrue((Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Requests") > 0);
        assertEquals(0, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "LowestAllowedInFlight"),
                "never throttled");
        assertEquals(8, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "AllowedInFlight"));
        Activity.shutdown();
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(name));
        assertNoDriverThreads();
    }

    private static Set<String> awsSystemProperties() {
        Set<String> out = new HashSet<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("aws.") || name.startsWith("software.amazon")) {
                out.add(name + "=" + System.getProperty(name));
            }
        }
        return out;
    }

    private static void assertNoDriverThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("jdbc-activity-")).toList();
            if (alive.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("threads left behind: " + alive);
    }
}
