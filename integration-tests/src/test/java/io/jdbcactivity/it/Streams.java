package io.jdbcactivity.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.fixtures.KinesisMock;
import java.util.List;

/** Reading what the driver published, for the tests of this module. */
final class Streams {
    private Streams() {
    }

    /**
     * The statement events (no connection, driver-call or producer events) of one application, in the order
     * they started: the stream keeps each connection's order, not the order across connections.
     */
    static List<JsonNode> statements(KinesisMock kinesis, String stream, String application) {
        return ofApplication(kinesis, stream, application).stream()
                .filter(e -> !List.of("CONNECTION", "DRIVER", "PRODUCER")
                        .contains(e.path("clientAuditFields").path("statementKind").asText()))
                .toList();
    }

    /** Every event of one application, in the order they started (ISO-8601 times of one format sort as text). */
    static List<JsonNode> ofApplication(KinesisMock kinesis, String stream, String application) {
        return kinesis.reader(stream).events().stream()
                .filter(e -> application.equals(e.path("clientApplication").asText()))
                .sorted(java.util.Comparator.comparing((JsonNode e) -> e.path("startTime").asText())
                        .thenComparing(e -> e.path("clientAuditFields").path("connectionId").asText())
                        .thenComparingLong(e -> e.path("clientAuditFields").path("sequence").asLong()))
                .toList();
    }


    /** The driver's URL for the fixture's MariaDB database, publishing to the emulator. */
    static String activityUrl(String jdbcMysqlUrl, KinesisMock kinesis, String stream, String application,
            String... more) {
        StringBuilder url = new StringBuilder("jdbc:activity:").append(jdbcMysqlUrl.substring("jdbc:".length()))
                .append(jdbcMysqlUrl.contains("?") ? '&' : '?')
                .append("activity.kinesis.stream=").append(stream)
                .append("&activity.kinesis.endpoint=").append(kinesis.endpoint())
                .append("&activity.kinesis.region=").append(KinesisMock.REGION)
                .append("&activity.application=").append(application);
        for (String m : more) {
            url.append('&').append(m);
        }
        return url.toString();
    }
}
