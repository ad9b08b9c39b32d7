package io.jdbcactivity.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.H2Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process tap (Activity.listen): a listener gets exactly the events the sink gets, valid
 * against the event schema; one that throws costs the stream nothing; with the none sink the
 * events are encoded for the listener and counted delivered as before.
 */
class TapsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aListenerGetsWhatTheFileGetsAndOneThatThrowsCostsNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl");
        List<JsonNode> heard = new CopyOnWriteArrayList<>();
        long failuresBefore = Taps.failures();
        try (AutoCloseable failing = Activity.listen((t, json) -> {
            throw new IllegalStateException("a listener's bug");
        }, false); AutoCloseable listening = Activity.listen((t, json) -> heard.add(parse(json)), false)) {
            try (Connection c = DriverManager.getConnection(H2Databases.activityUrl() + ";activity.sink=jsonl"
                    + ";activity.jsonl.path=" + file); Statement s = c.createStatement()) {
                for (int i = 0; i < 100; i++) {
                    s.execute("SELECT " + i);
                }
            }
            assertTrue(Activity.flush(Duration.ofSeconds(10)));
        }
        List<JsonNode> written = ActivityEvents.read(file).stream().filter(e -> "record".equals(e.path("type").asText()))
                .toList();
        Set<String> inFile = ids(written);
        assertEquals(102, inFile.size(), "connect, 100 statements, disconnect");
        assertEquals(inFile, ids(heard), "the listener heard what the sink wrote, no producer event");
        heard.forEach(ActivityEvents::validate);
        assertEquals(102, Taps.failures() - failuresBefore, "each failure of the bad listener counted");
    }

    @Test
    void theNoneSinkEncodesForAListenerAndStillBalances() throws Exception {
        List<JsonNode> heard = new CopyOnWriteArrayList<>();
        List<Long> threads = new CopyOnWriteArrayList<>();
        String url = H2Databases.activityUrl() + ";activity.sink=none;activity.application=taps-none";
        try (AutoCloseable listening = Activity.listen((t, json) -> {
            threads.add(t);
            heard.add(parse(json));
        }, false); Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT)");
            s.execute("INSERT INTO t VALUES (1)");
            assertTrue(Activity.awaitPublished(Duration.ofSeconds(10)));
            assertEquals(List.of("CONNECT", "CREATE TABLE", "INSERT"),
                    heard.stream().map(e -> e.path("command").asText()).toList());
            assertEquals(Set.of(Thread.currentThread().getId()), Set.copyOf(threads), "the application thread's id");
        }
        for (PublisherStats p : Activity.stats()) {
            assertEquals(p.captured(), p.delivered() + p.filtered() + p.dropped() + p.lost() + p.pending(), p.toString());
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("clientAuditFields").path("eventId").asText()).collect(Collectors.toSet());
    }
}
