package io.jdbcactivity.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.publish.PublisherStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two pools whose URLs differ only in an option have two publishers; pointed at one jsonl path
 * they share one writer, and lines — even lines longer than any buffer — never split or interleave.
 */
class JsonlSharedFileTest {
    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        Activity.shutdown();
    }

    @Test
    void twoPublishersOnOnePathWriteWholeLines() throws Exception {
        Path file = dir.resolve("events.jsonl");
        // the same file, spelled two ways, by two configurations (different heartbeat intervals)
        String[] paths = {file.toString(), dir.resolve(".").resolve("events.jsonl").toString()};
        String[] heartbeats = {"30000", "31000"};
        // with the full text kept, a 100 KB literal makes lines far longer than the writer's 64 KiB flush
        String longName = "c" + "x".repeat(100_000);
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            done.add(pool.submit(() -> {
                Properties p = new Properties();
                p.setProperty("activity.sink", "jsonl");
                p.setProperty("activity.jsonl.path", paths[id % 2]);
                p.setProperty("activity.heartbeat.intervalMs", heartbeats[id % 2]);
                p.setProperty("activity.application", "writer-" + id);
                p.setProperty("activity.commandText", "full");
                try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p);
                        Statement s = c.createStatement()) {
                    for (int i = 0; i < perThread; i++) {
                        String sql = i % 10 == 0 ? "SELECT 1 AS " + longName.substring(0, 200) + " FROM DUAL WHERE 'x' <> '"
                                + longName + "'" : "SELECT " + i;
                        s.executeQuery(sql).close();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<PublisherStats> publishers = Activity.stats().stream().filter(s -> !s.state().equals("stopped")).toList();
        assertEquals(2, publishers.size(), "two configurations, two publishers: " + publishers);
        Activity.shutdown();

        List<JsonNode> events = ActivityEvents.read(file); // each line parses and validates, or this fails
        Map<String, Integer> perWriter = new HashMap<>();
        for (JsonNode e : events) {
            if (!e.at("/clientAuditFields/statementKind").asText().equals("PRODUCER")) {
                perWriter.merge(e.path("clientApplication").asText(), 1, Integer::sum);
            }
        }
        for (int t = 0; t < 4; t++) {
            assertEquals(perThread + 2, perWriter.get("writer-" + t), "writer-" + t + ": " + perWriter);
        }
        long lines = Files.lines(file).count();
        assertEquals(events.size(), lines);
        // the full text is kept up to 64 KiB: lines longer than the writer's 64 KiB flush size
        assertTrue(Files.readAllLines(file).stream().anyMatch(l -> l.length() > 64 * 1024), "long lines were written");
    }
}
