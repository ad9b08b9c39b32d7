package io.jdbcactivity.sample.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** One readable line per event: time (UTC), application, user, class, command, tables, duration, rows, error, risks. */
public final class EventLine {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private EventLine() {
    }

    public static String format(JsonNode event) {
        JsonNode audit = event.path("clientAuditFields");
        String command = event.path("command").asText("?");
        if ("heartbeat".equals(event.path("type").asText())) {
            // the periodic ones plain; the first (nothing counted yet) and the closing one (final counters) marked
            String kind = switch (audit.path("executeMethod").asText("heartbeat")) {
                case "start" -> " (start)";
                case "stop" -> " (final)";
                default -> "";
            };
            return time(event.path("logTime")) + "  heartbeat  producer " + audit.path("connectionId").asText() + kind
                    + "  " + stats(audit.path("producerStats"));
        }
        if ("summary".equals(event.path("type").asText())) {
            // a statement shape over an interval (activity.summary.intervalMs)
            JsonNode sum = audit.path("summary");
            long count = Math.max(1, sum.path("count").asLong());
            return time(event.path("endTime")) + "  summary    " + sum.path("count").asLong() + "× "
                    + String.format(Locale.ROOT, "total %.1f ms, mean %.1f µs, max %.1f µs", sum.path("totalNanos")
                            .asLong() / 1e6, sum.path("totalNanos").asLong() / 1e3 / count,
                            sum.path("maxNanos").asLong() / 1e3)
                    + (sum.path("errors").asLong() > 0 ? ", errors " + sum.path("errors").asLong() : "") + "  "
                    + (event.path("commandText").isTextual() ? oneLine(event.path("commandText").asText())
                            : "(other shapes, beyond activity.summary.maxDigests)");
        }
        if ("EVENTS_DROPPED".equals(command)) {
            JsonNode d = audit.path("dropped");
            return time(event.path("logTime")) + "  EVENTS_DROPPED  " + d.path("count").asLong() + " events lost "
                    + time(d.path("from")) + " to " + time(d.path("to")) + "  producer "
                    + audit.path("connectionId").asText();
        }
        StringBuilder line = new StringBuilder(160);
        line.append(time(event.path("startTime"))).append("  ")
                .append(pad(text(event.path("clientApplication")), 8)).append("  ")
                .append(pad(text(event.path("dbUserName")), 8)).append("  ")
                .append(pad(event.path("class").asText("?"), 7)).append("  ")
                .append(pad(command, 16)).append("  ")
                // a JDBC call that made the target driver run SQL of its own: the call, not tables
                .append(pad("DRIVER".equals(audit.path("statementKind").asText())
                        ? "driver: " + audit.path("executeMethod").asText() : tables(audit.path("tables")), 30))
                .append("  ")
                .append(duration(audit.path("durationNanos")));
        String rows = rows(event, audit);
        if (!rows.isEmpty()) {
            line.append("  ").append(rows);
        }
        long exit = event.path("exitCode").asLong();
        if (exit != 0) {
            line.append("  ERROR ").append(exit).append(' ').append(oneLine(event.path("errorMessage").asText("")));
        }
        if (audit.path("risk").isArray() && !audit.path("risk").isEmpty()) {
            line.append("  RISK");
            audit.path("risk").forEach(r -> line.append(' ').append(r.asText()));
        }
        return line.toString();
    }

    static String tables(JsonNode tables) {
        if (!tables.isArray() || tables.isEmpty()) {
            return "-";
        }
        StringBuilder s = new StringBuilder();
        for (JsonNode t : tables) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(t.path("name").asText()).append(':').append(t.path("access").asText());
        }
        return s.toString();
    }

    private static String rows(JsonNode event, JsonNode audit) {
        JsonNode batch = audit.path("batch");
        String batchPart = batch.isObject() ? "batch " + batch.path("size").asLong() : "";
        JsonNode n = audit.path("rowsReturned");
        if (!n.isNumber()) {
            n = audit.path("rowsAffected");
        }
        if (!n.isNumber() || n.asLong() < 0) {
            n = event.path("rowCount");
        }
        String rowsPart = n.isNumber() && n.asLong() >= 0 ? n.asLong() + (n.asLong() == 1 ? " row" : " rows") : "";
        return batchPart.isEmpty() ? rowsPart : rowsPart.isEmpty() ? batchPart : batchPart + ", " + rowsPart;
    }

    private static String duration(JsonNode nanos) {
        if (!nanos.isNumber()) {
            return pad("", 9);
        }
        return pad(String.format(Locale.ROOT, "%.3f ms", nanos.asLong() / 1e6), 9);
    }

    private static String stats(JsonNode stats) {
        StringBuilder s = new StringBuilder();
        stats.fields().forEachRemaining(f -> {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(f.getKey()).append('=').append(f.getValue().asText());
        });
        return s.toString();
    }

    static String time(JsonNode iso) {
        if (!iso.isTextual()) {
            return "--:--:--.---";
        }
        try {
            return TIME.format(Instant.parse(iso.asText()));
        } catch (DateTimeParseException e) {
            return iso.asText();
        }
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : "-";
    }

    private static String oneLine(String s) {
        String flat = s.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
    }

    private static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        return s + " ".repeat(width - s.length());
    }
}
