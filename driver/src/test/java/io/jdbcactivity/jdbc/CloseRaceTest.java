package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.MariaDbServer;
import io.jdbcactivity.publish.PublisherStats;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One thread runs queries while another closes (or aborts) the connection under it: every
 * execution that was started is an event, or a loss the publisher counts. The driver's own
 * per-connection sequence numbers make "started" observable: the application thread counts its
 * calls (each one takes a sequence number before it reaches the target driver, even when it then
 * fails on the closed connection), so a connection's events must be exactly sequences 1 (connect)
 * to calls + 2 (close or abort). The result sets are left open on purpose: JDBC closes them with
 * the connection, and their executions are the ones the close has to finish.
 */
class CloseRaceTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private static final int ROUNDS = 1_000;
    private static final int MAX_CALLS = 16;

    private final EventLog log = EventLog.create();

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    @Test
    void closingUnderARunningQueryOnH2LosesNothing() throws Exception {
        race(H2Databases.activityUrl(), options());
    }

    @Test
    void closingUnderARunningQueryOnMariaDbLosesNothing() throws Exception {
        Properties p = options();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        race("jdbc:activity:" + DB.jdbcUrl().substring("jdbc:".length()), p);
    }

    /** The jsonl sink; the application thread waits rather than drops, so nothing is lost to a full queue. */
    private Properties options() {
        Properties p = log.properties();
        p.setProperty("activity.overflow", "block");
        p.setProperty("activity.overflow.blockMs", "60000");
        return p;
    }

    private void race(String url, Properties p) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Map<String, Long> started = new HashMap<>(); // connection id -> sequence numbers taken
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Connection c = DriverManager.getConnection(url, p);
                Statement s = c.createStatement();
                PreparedStatement ps = c.prepareStatement("SELECT 1 + ?");
                ps.setInt(1, round);
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> calls = runner.submit(() -> queryUntilClosed(go, s, ps));
                go.countDown();
                spin(ThreadLocalRandom.current().nextLong(150_000)); // up to 0.15 ms: a few queries in
                if (round % 4 == 3) {
                    c.abort(Runnable::run);
                } else {
                    c.close();
                }
                long n = calls.get(30, TimeUnit.SECONDS);
                ActivityConnection activity = c.unwrap(ActivityConnection.class);
                started.put(activity.context().connectionId(), n + 2); // + connect, close or abort
                // H2's abort closes nothing (its statements go on working, which the holds after an
                // abort must survive too): close the target connection without another event
                activity.delegate.close();
            }
        } finally {
            runner.shutdownNow();
        }

        Map<String, Set<Long>> seen = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode e : log.all()) {
            JsonNode a = e.get("clientAuditFields");
            String connection = a.get("connectionId").asText();
            if (started.containsKey(connection)
                    && !seen.computeIfAbsent(connection, k -> new HashSet<>()).add(a.get("sequence").asLong())) {
                duplicates.add(connection + "#" + a.get("sequence").asLong());
            }
        }
        long missing = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, Long> e : started.entrySet()) {
            Set<Long> sequences = seen.getOrDefault(e.getKey(), Set.of());
            for (long seq = 1; seq <= e.getValue(); seq++) {
                if (!sequences.contains(seq)) {
                    missing++;
                    if (examples.size() < 10) {
                        examples.add(e.getKey() + "#" + seq + " of " + e.getValue());
                    }
                }
            }
            assertTrue(sequences.stream().allMatch(seq -> seq >= 1 && seq <= e.getValue()),
                    "no event beyond what was started: " + e.getKey() + " " + sequences);
        }
        long counted = 0;
        for (PublisherStats s : Activity.stats()) {
            counted += s.dropped() + s.lost();
        }
        assertTrue(missing <= counted, missing + " started executions are neither an event nor a counted loss ("
                + counted + " counted), e.g. " + examples);
        assertEquals(List.of(), duplicates, "each execution is one event");
        assertEquals(0, counted, "with overflow=block nothing is dropped: " + Activity.stats());
    }

    /**
     * Runs queries, leaving their result sets open, until the connection is gone or {@link #MAX_CALLS}
     * were made (H2's session lock is not fair: a thread that never pauses starves the closing
     * one); returns the calls made.
     */
    private static int queryUntilClosed(CountDownLatch go, Statement s, PreparedStatement ps) throws InterruptedException {
        go.await();
        int n = 0;
        try {
            while (n < MAX_CALLS) {
                n++; // counted before the call: it takes a sequence number even if it then fails
                switch (n % 3) {
                    case 0 -> s.executeQuery("SELECT 1");
                    case 1 -> s.execute("SELECT 2");
                    default -> ps.executeQuery();
                }
            }
        } catch (SQLException | RuntimeException closed) {
            // the other thread closed the connection: this call is the last one. (Connector/J may
            // answer a NullPointerException when the close lands mid-call: it reaches the application as is.)
        }
        return n;
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
