package io.jdbcactivity.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.publish.PublisherStats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Filters and sampling through the driver, as an application configures them: what reaches the
 * file, what is counted where (statistics, heartbeats), and that the books still balance.
 */
class FilteredStreamTest {
    @TempDir
    Path dir;

    private Properties options(Path file, String... pairs) {
        Properties p = new Properties();
        p.setProperty("activity.sink", "jsonl");
        p.setProperty("activity.jsonl.path", file.toString());
        p.setProperty("activity.heartbeat.intervalMs", "100");
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private static PublisherStats statsOf(Path file) {
        return Activity.stats().stream().filter(s -> s.sink().contains(file.toString())).findFirst().orElseThrow();
    }

    @Test
    void excludedEventsAreLeftOutCountedAndSaidInTheHeartbeat() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(),
                options(file, "activity.filter.exclude", "table:flyway_*,command:SHOW"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE flyway_schema_history (v INT)");
            s.execute("CREATE TABLE orders (id INT, total INT)");
            for (int i = 0; i < 5; i++) {
                s.executeQuery("SELECT * FROM flyway_schema_history").close();
                s.executeUpdate("INSERT INTO orders VALUES (" + i + ", 10)");
            }
            s.execute("DELETE FROM flyway_schema_history"); // a risk flag: never filtered
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM flyway_missing")); // an error: kept
        }
        assertTrue(Activity.flush(Duration.ofSeconds(10)));
        // one heartbeat after the work: its counters include everything above
        List<JsonNode> events = ActivityEvents.await(file, all -> all.stream().filter(FilteredStreamTest::heartbeat)
                .anyMatch(h -> h.at("/clientAuditFields/producerStats/filtered").asLong() >= 6), Duration.ofSeconds(10));
        List<JsonNode> statements = events.stream().filter(e -> !heartbeat(e) && !"CONNECTION".equals(kind(e))
                && !"DRIVER".equals(kind(e))).toList();
        List<String> texts = statements.stream().map(e -> e.get("commandText").asText()).toList();
        assertEquals(5, texts.stream().filter(t -> t.startsWith("INSERT INTO orders")).count(), texts::toString);
        assertTrue(texts.contains("DELETE FROM flyway_schema_history"), texts::toString);
        assertTrue(texts.contains("SELECT * FROM flyway_missing"), texts::toString);
        assertEquals(0, texts.stream().filter(t -> t.equals("SELECT * FROM flyway_schema_history")).count(), texts::toString);
        // each INSERT follows an excluded SELECT: it says that sequence was left out on purpose
        for (JsonNode e : statements) {
            if (e.get("commandText").asText().startsWith("INSERT")) {
                long sequence = e.at("/clientAuditFields/sequence").asLong();
                assertEquals(sequence - 1, e.at("/clientAuditFields/leftOutFrom").asLong(), e::toString);
            } else {
                assertTrue(e.at("/clientAuditFields/leftOutFrom").isMissingNode()
                        || e.get("commandText").asText().startsWith("CREATE TABLE orders"), e::toString);
            }
        }
        // CREATE TABLE flyway_schema_history matches the table term too: 5 selects + 1 create
        PublisherStats stats = statsOf(file);
        assertEquals(6, stats.filtered());
        assertTrue(stats.balanced(), stats::toString);
        JsonNode last = events.stream().filter(FilteredStreamTest::heartbeat).reduce((a, b) -> b).orElseThrow();
        assertEquals(6, last.at("/clientAuditFields/filteredBy/exclude table:flyway_*").asLong(), last::toString);
        assertEquals(0, last.at("/clientAuditFields/filteredBy/exclude command:SHOW").asLong(), last::toString);
        for (JsonNode e : events) {
            ActivityEvents.validate(e);
        }
    }

    @Test
    void sampledEventsCarryTheirRate() throws Exception {
        Path file = dir.resolve("sampled.jsonl");
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(),
                options(file, "activity.sample.rates", "READ:0.25", "activity.sample.by", "digest"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT)");
            for (int i = 0; i < 40; i++) {
                s.executeQuery("SELECT * FROM t WHERE id = " + i).close();
            }
        }
        assertTrue(Activity.flush(Duration.ofSeconds(10)));
        List<JsonNode> selects = ActivityEvents.read(file).stream()
                .filter(e -> "SELECT * FROM t WHERE id = ?".equals(e.path("commandText").asText())).toList();
        assertEquals(10, selects.size());
        for (JsonNode e : selects) {
            assertEquals(0.25, e.at("/clientAuditFields/sampleRate").asDouble());
            ActivityEvents.validate(e);
        }
        PublisherStats stats = statsOf(file);
        assertEquals(30, stats.filtered());
        assertTrue(stats.balanced(), stats::toString);
        // the heartbeats say it too: all 30 left out by sampling, none by a filter rule
        List<JsonNode> all = ActivityEvents.await(file, events -> events.stream().filter(FilteredStreamTest::heartbeat)
                .anyMatch(h -> h.at("/clientAuditFields/producerStats/sampledOut").asLong() == 30), Duration.ofSeconds(10));
        JsonNode last = all.stream().filter(FilteredStreamTest::heartbeat).reduce((a, b) -> b).orElseThrow();
        assertEquals(30, last.at("/clientAuditFields/producerStats/filtered").asLong(), last::toString);
    }

    @Test
    void aFilterThatCannotBeReadRefusesTheConnectionNamingTheTerm() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(H2Databases.activityUrl(),
                options(dir.resolve("x.jsonl"), "activity.filter.exclude", "tabel:orders")));
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        assertEquals("HY024", e.getSQLState()); // InvalidOptionException, as for any value an option does not take
        assertTrue(e.getMessage().contains("activity.filter.exclude") && e.getMessage().contains("tabel:orders"),
                e::getMessage);
    }

    private static boolean heartbeat(JsonNode e) {
        return "heartbeat".equals(e.path("type").asText());
    }

    private static String kind(JsonNode e) {
        return e.at("/clientAuditFields/statementKind").asText();
    }
}
