package io.jdbcactivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.driver.ActivityDriver;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.FreePorts;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.publish.Publishers;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the driver leaves behind: nothing, once its users are gone (idle publishers retire), once
 * it is deregistered, and never a reference to the class loader of whoever opened a connection.
 */
class LifecycleTest {
    @BeforeEach
    @AfterEach
    void stop() {
        Activity.shutdown(); // before too: publishers other test classes left running are not this test's
    }

    private static Properties idle(EventLog log, int idleMs) {
        Properties p = log.properties();
        p.setProperty("activity.shutdown.idleMs", Integer.toString(idleMs));
        return p;
    }

    private static boolean driverThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("jdbc-activity-"));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aPublisherWithoutConnectionsRetiresAndANewConnectionStartsAnother() throws Exception {
        EventLog log = EventLog.create();
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), idle(log, 200))) {
            c.createStatement().execute("SELECT 1");
            Thread.sleep(600); // longer than idleMs: an open connection keeps its publisher
            assertTrue(Publishers.anyThreadAlive(), "a connection is open");
            c.createStatement().execute("SELECT 2");
        }
        await(() -> !driverThreadAlive(), "the publisher retires after the last connection closed");
        assertTrue(Activity.stats().stream().allMatch(s -> s.state().equals("stopped")),
                "only its final figures are left: " + Activity.stats());
        var last = Activity.stats().get(0);
        assertEquals(4, last.captured(), last.toString());
        assertEquals(4, last.delivered(), last.toString());
        List<JsonNode> events = ActivityEvents.read(log.file());
        assertEquals(List.of("HEARTBEAT", "CONNECT", "SELECT", "SELECT", "DISCONNECT", "HEARTBEAT"),
                events.stream().map(e -> e.get("command").asText()).toList(),
                "the starting heartbeat, what was delivered, then the closing heartbeat");
        assertEquals("stop", events.get(5).at("/clientAuditFields/executeMethod").asText());
        String first = events.get(5).at("/clientAuditFields/connectionId").asText();

        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), idle(log, 200))) {
            c.createStatement().execute("SELECT 3");
        }
        await(() -> !driverThreadAlive(), "the second publisher retires too");
        events = ActivityEvents.read(log.file());
        assertEquals(11, events.size());
        assertEquals("HEARTBEAT", events.get(10).get("command").asText());
        assertNotEquals(first, events.get(10).at("/clientAuditFields/connectionId").asText(), "a new producer");
        log.close();
    }

    @Test
    void deregisterReleasesEverythingAndTakesTheDriverOutOfDriverManager() throws Exception {
        EventLog log = EventLog.create();
        Driver driver = DriverManager.getDriver("jdbc:activity:h2:mem:x");
        Connection open = DriverManager.getConnection(H2Databases.activityUrl(), log.properties());
        try (var s = open.createStatement()) {
            s.execute("SELECT 1");
        }
        assertTrue(driverThreadAlive());
        try {
            ActivityDriver.deregister();
            assertFalse(driverThreadAlive(), "every thread of the driver ended, even with a connection open");
            assertFalse(Collections.list(DriverManager.getDrivers()).contains(driver));
            assertEquals(List.of("HEARTBEAT", "CONNECT", "SELECT", "HEARTBEAT"), ActivityEvents.read(log.file()).stream()
                    .map(e -> e.get("command").asText()).toList(), "queued events delivered before the closing heartbeat");
        } finally {
            open.close();
            DriverManager.registerDriver(driver, Publishers::shutdownAll);
            log.close();
        }
    }

    @Test
    void driverThreadsHoldNothingOfTheApplicationThatStartedThem() throws Exception {
        EventLog log = EventLog.create();
        // "the web application": a class loader of its own, the context of the thread that connects first
        URLClassLoader application = new URLClassLoader(new URL[0], LifecycleTest.class.getClassLoader());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Connection[] connection = new Connection[1];
        Thread request = new Thread(() -> {
            try {
                connection[0] = DriverManager.getConnection(H2Databases.activityUrl(), log.properties());
                connection[0].createStatement().execute("SELECT 1");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        request.setContextClassLoader(application);
        request.start();
        request.join();
        assertNull(failure.get());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jdbc-activity-")) {
                assertSame(ActivityDriver.class.getClassLoader(), t.getContextClassLoader(), t.getName());
            }
        }
        WeakReference<ClassLoader> ref = new WeakReference<>(application);
        application.close();
        application = null;
        request = null;
        assertTrue(driverThreadAlive(), "the publisher runs on");
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(ref.get(), "no thread of the driver keeps the application's class loader");
        connection[0].close();
        log.close();
    }

    /**
     * The JVM's threads now, once DriverManager has loaded every driver on the class path
     * (Connector/J starts its abandoned-connection cleaner then: its thread, not the driver's).
     */
    private static Set<Thread> threadsNow() {
        DriverManager.getDrivers();
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /** Threads started since {@code before} that still run, after giving ending ones a moment. */
    private static Set<Thread> newThreads(Set<Thread> before) throws InterruptedException {
        Set<Thread> now = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            now = new HashSet<>(Thread.getAllStackTraces().keySet());
            now.removeAll(before);
            now.removeIf(t -> !t.isAlive());
            if (now.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        return now;
    }

    /** Kinesis options for a stream nobody serves: connections to the endpoint are refused. */
    private static Properties unreachableKinesis() {
        Properties p = new Properties();
        p.setProperty("activity.sink", "kinesis");
        p.setProperty("activity.kinesis.stream", "nowhere");
        p.setProperty("activity.kinesis.region", "us-east-1");
        p.setProperty("activity.kinesis.endpoint", "http://127.0.0.1:" + FreePorts.find());
        return p;
    }

    @Test
    void aStopWithTheStreamUnreachableAndItsBufferFullEndsAfterItsTimeout() throws Exception {
        Set<Thread> before = threadsNow();
        Properties p = unreachableKinesis();
        p.setProperty("activity.kinesis.maxBufferBytes", "1048576"); // the least allowed: a thousand events or so
        p.setProperty("activity.queue.capacity", "64");
        p.setProperty("activity.shutdown.timeoutMs", "300");
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p);
                var s = c.createStatement()) {
            for (int i = 0; i < 5_000; i++) { // several times what the buffer and the queue hold
                s.execute("SELECT " + i + " AS n, 'padding padding padding padding padding padding' AS p");
            }
        }
        var stats = Activity.stats().stream().filter(st -> st.sink().equals("kinesis:nowhere")).findFirst().orElseThrow();
        assertTrue(stats.queued() > 0 && stats.dropped() > 0, "the buffer is full and the queue waits: " + stats);
        // Before the fix the thread waited for room that only expiring records (10 min) would
        // make, then spun on its interrupt flag: shutdown returned with it alive.
        Activity.shutdown();
        assertFalse(Publishers.anyThreadAlive(), "the publisher gave up at its timeout and ended");
        assertEquals(Set.of(), newThreads(before), "no thread of the driver, the SDK or Netty is left");
    }

    @Test
    void aConnectionStillInUseAfterAStopMovesToANewPublisherButClosingStartsNone() throws Exception {
        EventLog log = EventLog.create();
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties())) {
            c.createStatement().execute("SELECT 1");
            Activity.shutdown(); // say another web application sharing the jar deregistered it
            assertFalse(driverThreadAlive());
            try (var s = c.createStatement()) {
                s.execute("SELECT 2"); // still audited: on a new publisher
            }
            assertTrue(driverThreadAlive());
        }
        List<String> commands = log.all().stream()
                .filter(e -> !e.get("type").asText().equals("heartbeat"))
                .map(e -> e.get("commandText").asText("") + e.get("command").asText()).toList();
        assertEquals(List.of("CONNECT", "SELECT ?SELECT", "SELECT ?SELECT", "DISCONNECT"), commands);

        Activity.shutdown();
        Connection open = DriverManager.getConnection(H2Databases.activityUrl(), log.properties());
        Activity.shutdown();
        open.close(); // a pool closing its connections after an undeploy: no thread comes back for it
        assertFalse(driverThreadAlive(), "closing a connection never restarts a publisher");
        log.close();
    }

    @Test
    void aSinkThatCannotBeBuiltLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = threadsNow();
        for (String[] bad : new String[][] {
            // fails before any thread exists: a value the option does not take
            {"activity.kinesis.interceptors", "no.such.Interceptor", "HY024"},
            // fails after the event loops exist: the sink cannot start
            {"activity.kinesis.endpoint", "http://bad host:1", "08001"},
        }) {
            Properties p = unreachableKinesis();
            p.setProperty(bad[0], bad[1]);
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
            assertEquals(bad[2], e.getSQLState(), e.toString());
        }
        assertEquals(Set.of(), newThreads(before), "every selector and thread made for the sink is closed");
    }
}
