package io.jdbcactivity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.fixtures.ActivityEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A jsonl sink of its own for one test: the options that point connections at it, and the events
 * that reached it, each validated against the event schema.
 */
public final class EventLog implements AutoCloseable {
    private final Path file;
    private int seen;

    private EventLog(Path file) {
        this.file = file;
    }

    public static EventLog create() {
        try {
            Path f = Files.createTempFile("activity-", ".jsonl");
            Files.delete(f); // the sink creates it: proves it can
            return new EventLog(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    /** Connection properties selecting this log as the sink. */
    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("activity.sink", "jsonl");
        p.setProperty("activity.jsonl.path", file.toString());
        return p;
    }

    /** The same as URL query parameters (without a leading separator). */
    public String urlOptions() {
        return "activity.sink=jsonl&activity.jsonl.path=" + URLEncoder.encode(file.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Every event of the application written so far, after waiting for everything captured to be
     * written; the producer's own (heartbeats, loss markers) are left out: see {@link #producerEvents()}.
     */
    public List<JsonNode> all() {
        return everything().stream().filter(e -> !isProducerEvent(e)).toList();
    }

    /** The producer's own events written so far: heartbeats (start, interval, stop) and loss markers. */
    public List<JsonNode> producerEvents() {
        return everything().stream().filter(EventLog::isProducerEvent).toList();
    }

    private List<JsonNode> everything() {
        assertTrue(Activity.flush(Duration.ofSeconds(20)), "publisher did not flush in time");
        if (!Files.exists(file)) {
            return List.of();
        }
        return ActivityEvents.read(file);
    }

    private static boolean isProducerEvent(JsonNode e) {
        return e.at("/clientAuditFields/statementKind").asText().equals("PRODUCER");
    }

    /** Events written since the last call (or since {@link #skipExisting()}). */
    public List<JsonNode> newEvents() {
        List<JsonNode> all = all();
        List<JsonNode> fresh = List.copyOf(all.subList(seen, all.size()));
        seen = all.size();
        return fresh;
    }

    public void skipExisting() {
        seen = all().size();
    }

    /** Stops the publishers (flushing them) and removes the file. */
    @Override
    public void close() throws IOException {
        Activity.shutdown();
        Files.deleteIfExists(file);
    }
}
