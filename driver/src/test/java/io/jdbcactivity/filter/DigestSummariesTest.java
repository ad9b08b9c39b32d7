package io.jdbcactivity.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.analyze.Analysis;
import io.jdbcactivity.analyze.SqlAnalyzer;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.H2Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Summaries against the individual events of the same run, and their memory bound. */
class DigestSummariesTest {
    @TempDir
    Path dir;

    private static Facts facts(String sql, long nanos) {
        Analysis.Statement st = new SqlAnalyzer().analyze(sql).statements().get(0);
        return new Facts(st.activityClass(), st.command(), st, "app", "shop", false, nanos, false, "c", 1, "db",
                false, -1, 1);
    }

    @Test
    void theBucketsArePowersOfTwoOfMicroseconds() {
        assertEquals(0, DigestSummaries.bucket(999));
        assertEquals(1, DigestSummaries.bucket(1_000));
        assertEquals(1, DigestSummaries.bucket(1_999));
        assertEquals(2, DigestSummaries.bucket(2_000));
        assertEquals(11, DigestSummaries.bucket(1_500_000)); // 1,500 µs: at least 1,024, under 2,048
        assertEquals(DigestSummaries.BUCKETS - 1, DigestSummaries.bucket(Long.MAX_VALUE));
    }

    @Test
    void shapesBeyondTheBoundGoToOneCountedSummary() {
        DigestSummaries s = new DigestSummaries(1_000, 3, 0);
        for (int shape = 0; shape < 5; shape++) {
            for (int i = 0; i <= shape; i++) {
                s.add(facts("SELECT * FROM t" + shape + " WHERE id = " + i, 1_000L * (i + 1)));
            }
        }
        assertEquals(3, s.size());
        assertTrue(s.due(1_000));
        List<DigestSummaries.Summary> out = s.drain(1_000);
        assertEquals(4, out.size());
        assertEquals(List.of(1L, 2L, 3L, 9L), out.stream().map(DigestSummaries.Summary::count).toList());
        DigestSummaries.Summary other = out.get(3);
        assertNull(other.digest());
        assertEquals(1_000, other.minNanos());
        assertEquals(5_000, other.maxNanos());
        DigestSummaries.Summary third = out.get(2);
        assertEquals(6_000, third.totalNanos());
        long[] expected = new long[DigestSummaries.BUCKETS];
        expected[1] = 1; // 1 µs
        expected[2] = 2; // 2 and 3 µs
        assertArrayEquals(expected, third.buckets());
        assertEquals(0, s.size());
        assertTrue(s.drain(2_000).isEmpty(), "a new interval began empty");
    }

    @Test
    void withoutCommandTextsASummaryHasNoTextEither() throws Exception {
        DigestSummaries s = new DigestSummaries(1_000, 10, 0);
        s.add(facts("SELECT * FROM t WHERE id = 1", 1_000));
        DigestSummaries.Summary sum = s.drain(1_000).get(0);
        for (io.jdbcactivity.event.EventEncoder.CommandTextMode mode : io.jdbcactivity.event.EventEncoder.CommandTextMode.values()) {
            JsonNode e = ActivityEvents.parseAndValidate(new io.jdbcactivity.event.EventEncoder(
                    new io.jdbcactivity.event.WallClock(), mode).encodeSummary("p1", 3, sum, 0, 1_000, 1_000).toString());
            assertEquals(mode == io.jdbcactivity.event.EventEncoder.CommandTextMode.NONE, e.get("commandText").isNull(),
                    mode + ": " + e);
            assertEquals(1, e.at("/clientAuditFields/summary/count").asLong());
        }
    }

    /** The oracle: the individual events the same run published. Counts and sums must be equal exactly. */
    @Test
    void summariesAddUpToTheIndividualEventsOfTheSameRun() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Properties p = new Properties();
        p.setProperty("activity.sink", "jsonl");
        p.setProperty("activity.jsonl.path", file.toString());
        p.setProperty("activity.summary.intervalMs", "1000");
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
                for (int i = 0; i < 50; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "n" + i);
                    insert.executeUpdate();
                }
            }
            for (int i = 0; i < 30; i++) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM item WHERE id < " + i)) {
                    while (rs.next()) {
                        rs.getInt(1);
                    }
                }
            }
            s.executeUpdate("UPDATE item SET name = 'x' WHERE id < 10");
            for (int i = 0; i < 3; i++) {
                try {
                    s.executeUpdate("INSERT INTO item VALUES (1, 'duplicate')");
                } catch (SQLException expected) {
                    // a failure, counted as an error of its shape
                }
            }
        }
        assertTrue(Activity.flush(Duration.ofSeconds(10)));
        Map<String, long[]> fromEvents = new HashMap<>();
        Map<String, long[]> fromSummaries = new HashMap<>();
        List<JsonNode> events = ActivityEvents.await(file, all -> {
            sums(all, fromEvents, fromSummaries);
            return !fromEvents.isEmpty() && fromEvents.keySet().equals(fromSummaries.keySet())
                    && fromEvents.values().stream().mapToLong(v -> v[0]).sum()
                            == fromSummaries.values().stream().mapToLong(v -> v[0]).sum();
        }, Duration.ofSeconds(15));
        sums(events, fromEvents, fromSummaries);
        for (Map.Entry<String, long[]> e : fromEvents.entrySet()) {
            assertArrayEquals(e.getValue(), fromSummaries.get(e.getKey()), "count, errors, rowsAffected, "
                    + "rowsReturned, totalNanos, minNanos, maxNanos of " + e.getKey());
        }
        assertEquals(List.of(3L), fromSummaries.values().stream().map(v -> v[1]).filter(n -> n > 0).toList(),
                "one shape with its three errors, the others none");
        // the prepared INSERT and the failing plain one are one shape: 53 events, 50 rows, 3 errors
        assertTrue(fromSummaries.values().stream().anyMatch(v -> v[0] == 53 && v[1] == 3 && v[2] == 50), "the inserts");
        assertTrue(fromSummaries.values().stream().anyMatch(v -> v[0] == 30 && v[3] == 435), "the 30 selects: 0+1+…+29 rows");
        for (JsonNode e : events) {
            ActivityEvents.validate(e);
        }
    }

    /** Per digest: count, errors, rowsAffected, rowsReturned, totalNanos, minNanos, maxNanos. */
    private static void sums(List<JsonNode> all, Map<String, long[]> fromEvents, Map<String, long[]> fromSummaries) {
        fromEvents.clear();
        fromSummaries.clear();
        for (JsonNode e : all) {
            JsonNode audit = e.path("clientAuditFields");
            String digest = audit.path("sqlDigest").asText(null);
            if (digest == null) {
                continue;
            }
            if ("summary".equals(e.path("type").asText())) {
                JsonNode s = audit.path("summary");
                merge(fromSummaries, digest, s.path("count").asLong(), s.path("errors").asLong(),
                        s.path("rowsAffected").asLong(), s.path("rowsReturned").asLong(), s.path("totalNanos").asLong(),
                        s.path("minNanos").asLong(), s.path("maxNanos").asLong());
            } else if (!"PRODUCER".equals(audit.path("statementKind").asText())) {
                long d = audit.path("durationNanos").asLong();
                merge(fromEvents, digest, 1, e.path("exitCode").asLong(0) != 0 ? 1 : 0,
                        Math.max(0, audit.path("rowsAffected").asLong(-1)),
                        Math.max(0, audit.path("rowsReturned").asLong(-1)), d, d, d);
            }
        }
    }

    private static void merge(Map<String, long[]> into, String digest, long count, long errors, long affected,
            long returned, long total, long min, long max) {
        long[] v = into.computeIfAbsent(digest, k -> new long[] {0, 0, 0, 0, 0, Long.MAX_VALUE, 0});
        v[0] += count;
        v[1] += errors;
        v[2] += affected;
        v[3] += returned;
        v[4] += total;
        v[5] = Math.min(v[5], min);
        v[6] = Math.max(v[6], max);
    }
}
