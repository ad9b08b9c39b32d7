package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many threads on many connections: every execution is one event, none lost, none duplicated. */
class ConcurrencyTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private final EventLog log = EventLog.create();

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    @Test
    void eightThreadsOnEightConnections() throws Exception {
        int threads = 8;
        int perThread = 250;
        try (Connection c = DB.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS counter (id INT PRIMARY KEY, n INT)");
            s.execute("DELETE FROM counter");
            for (int i = 0; i < threads; i++) {
                s.execute("INSERT INTO counter VALUES (" + i + ", 0)");
            }
        }
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        String url = "jdbc:activity:" + DB.jdbcUrl().substring(5);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, p);
                        PreparedStatement up = c.prepareStatement("UPDATE counter SET n = n + 1 WHERE id = ?");
                        PreparedStatement read = c.prepareStatement("SELECT n FROM counter WHERE id = ?")) {
                    for (int i = 0; i < perThread; i++) {
                        up.setInt(1, id);
                        assertEquals(1, up.executeUpdate());
                        read.setInt(1, id);
                        try (ResultSet rs = read.executeQuery()) {
                            assertTrue(rs.next());
                            assertEquals(i + 1, rs.getInt(1));
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

        List<JsonNode> events = log.all();
        int expected = threads * (2 * perThread + 2); // + connect and disconnect
        assertEquals(expected, events.size());
        Set<String> ids = new HashSet<>();
        Map<String, Long> lastSequence = new HashMap<>();
        for (JsonNode e : events) {
            JsonNode a = e.get("clientAuditFields");
            assertTrue(ids.add(a.get("eventId").asText()), "duplicate " + e);
            long seq = a.get("sequence").asLong();
            // one connection's events are written in sequence order: each was finished before the next began
            Long last = lastSequence.put(a.get("connectionId").asText(), seq);
            assertEquals(last == null ? 1 : last + 1, seq, e::toString);
        }
        assertEquals(threads, lastSequence.size());
        assertEquals(0, Activity.stats().get(0).dropped());
        assertEquals(0, Activity.stats().get(0).lost());
    }
}
