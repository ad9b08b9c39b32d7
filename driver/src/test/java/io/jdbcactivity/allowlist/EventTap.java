package io.jdbcactivity.allowlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The statement events of one application name, heard through the in-process tap, each validated. */
final class EventTap implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String application;
    private final List<JsonNode> heard = new CopyOnWriteArrayList<>();
    private final AutoCloseable listening;

    EventTap(String application) {
        this.application = application;
        this.listening = Activity.listen((thread, json) -> {
            try {
                JsonNode e = JSON.readTree(json);
                if (application.equals(e.path("clientApplication").asText())) {
                    heard.add(e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, false);
    }

    /** Everything published so far, statements only (no connection or driver events), each valid. */
    List<JsonNode> statements() {
        if (!Activity.awaitPublished(Duration.ofSeconds(10))) {
            throw new AssertionError("events not published within 10 s");
        }
        heard.forEach(ActivityEvents::validate);
        return heard.stream().filter(e -> List.of("STATEMENT", "PREPARED", "CALLABLE")
                .contains(e.path("clientAuditFields").path("statementKind").asText())).toList();
    }

    void clear() {
        statements();
        heard.clear();
    }

    static boolean unlisted(JsonNode event) {
        for (JsonNode r : event.path("clientAuditFields").path("risk")) {
            if (r.asText().equals(Allowlist.UNLISTED_STATEMENT)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        listening.close();
    }
}
