package io.jdbcactivity.sample.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Decodes one Kinesis record written by the driver: a JSON envelope
 * ({@code {"type":"ClientActivityMonitoringRecord",…,"databaseActivityEventList":[…]}}), gzipped
 * when the producer was configured so (recognised by the gzip magic bytes, as any reader should).
 */
public final class Envelopes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Envelopes() {
    }

    /** A record that is not an envelope of this project. */
    public static final class NotAnEnvelope extends Exception {
        private static final long serialVersionUID = 1L;

        NotAnEnvelope(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    public static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    /** The events of one record, in the order the producer wrote them, each with the envelope's producer id. */
    static List<StreamEvent> events(byte[] data) throws NotAnEnvelope {
        JsonNode envelope;
        try {
            envelope = isGzip(data) ? JSON.readTree(new GZIPInputStream(new ByteArrayInputStream(data)))
                    : JSON.readTree(data);
        } catch (IOException e) {
            throw new NotAnEnvelope("not JSON" + (isGzip(data) ? " (gzip)" : "") + ": " + e.getMessage(), e);
        }
        if (envelope == null || !"ClientActivityMonitoringRecord".equals(envelope.path("type").asText())) {
            throw new NotAnEnvelope("not a jdbc-activity envelope (type is "
                    + (envelope == null ? "missing" : envelope.path("type")) + ")", null);
        }
        JsonNode list = envelope.path("databaseActivityEventList");
        if (!list.isArray()) {
            throw new NotAnEnvelope("envelope without databaseActivityEventList", null);
        }
        String producer = envelope.path("producer").path("id").asText(null);
        List<StreamEvent> events = new ArrayList<>(list.size());
        list.forEach(e -> events.add(new StreamEvent(e, producer)));
        return events;
    }
}
