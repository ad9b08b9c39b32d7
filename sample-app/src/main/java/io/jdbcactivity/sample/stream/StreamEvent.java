package io.jdbcactivity.sample.stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event as read from the stream, with the producer whose envelope carried it (the envelope's
 * {@code producer.id}, the same id as that producer's heartbeats; null when the envelope has none):
 * the summary needs it to tell which heartbeat's counters cover the event.
 */
record StreamEvent(JsonNode json, String producer) {

    JsonNode audit() {
        return json.path("clientAuditFields");
    }

    /** The producer's own events (heartbeats, loss markers), which are no database activity. */
    boolean fromProducer() {
        return "PRODUCER".equals(audit().path("statementKind").asText());
    }

    String eventId() {
        return audit().path("eventId").asText(null);
    }

    /** The connection an application event belongs to; for producer events, the producer. */
    String connectionId() {
        return audit().path("connectionId").asText(null);
    }
}
