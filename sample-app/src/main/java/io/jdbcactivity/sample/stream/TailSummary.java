package io.jdbcactivity.sample.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the viewer saw, printed on exit: events per class and per table (with their access), errors,
 * risks, and what the producers said about losses (their last heartbeat's counters and the
 * {@code EVENTS_DROPPED} markers). Counts are of the events shown (after filters); duplicates
 * (an event id seen again) are counted apart, and so are the producers' own events (heartbeats,
 * loss markers), which are no database activity even though their class is MISC.
 */
public final class TailSummary {
    private long records;
    private long gzipRecords;
    private long undecodable;
    private long events;
    private long shown;
    private long duplicates;
    private String endedEarly;
    private long errors;
    private long lostByMarkers;
    private long markers;
    private final Map<String, Long> byClass = new TreeMap<>();
    private final Map<String, Map<String, Long>> byTable = new TreeMap<>();
    private final Map<String, Long> risks = new TreeMap<>();
    private final Map<String, Long> producerEvents = new TreeMap<>();
    /** producer id → its newest heartbeat's counters. */
    private final Map<String, JsonNode> producers = new LinkedHashMap<>();

    synchronized void record(boolean gzip) {
        records++;
        if (gzip) {
            gzipRecords++;
        }
    }

    synchronized void undecodable() {
        undecodable++;
    }

    synchronized void duplicate() {
        duplicates++;
    }

    /** Reading stopped before the stream's tip ({@code why}): the summary says it may be incomplete. */
    public synchronized void endedEarly(String why) {
        endedEarly = why;
    }

    /** Every decoded event, shown or not: producer events always count for the loss report. */
    synchronized void event(JsonNode event, boolean isShown) {
        events++;
        JsonNode audit = event.path("clientAuditFields");
        boolean fromProducer = "PRODUCER".equals(audit.path("statementKind").asText());
        if ("heartbeat".equals(event.path("type").asText())) {
            producers.put(audit.path("connectionId").asText(), audit.path("producerStats"));
        } else if ("EVENTS_DROPPED".equals(event.path("command").asText())) {
            markers++;
            lostByMarkers += audit.path("dropped").path("count").asLong();
        }
        if (!isShown) {
            return;
        }
        shown++;
        if (fromProducer) {
            String kind = "heartbeat".equals(event.path("type").asText()) ? "heartbeat" : event.path("command").asText("?");
            producerEvents.merge(kind, 1L, Long::sum);
            return;
        }
        byClass.merge(event.path("class").asText("?"), 1L, Long::sum);
        for (JsonNode t : audit.path("tables")) {
            byTable.computeIfAbsent(t.path("name").asText(), k -> new TreeMap<>())
                    .merge(t.path("access").asText(), 1L, Long::sum);
        }
        if (event.path("exitCode").asLong() != 0) {
            errors++;
        }
        audit.path("risk").forEach(r -> risks.merge(r.asText(), 1L, Long::sum));
    }

    public synchronized long events() {
        return events;
    }

    public synchronized long shown() {
        return shown;
    }

    public synchronized void print(PrintStream out) {
        out.println("---- summary ----");
        out.println("records  " + records + (gzipRecords > 0 ? " (" + gzipRecords + " gzip)" : "")
                + (undecodable > 0 ? ", " + undecodable + " not decodable" : "") + "; events " + events
                + ", shown " + shown + "; duplicates " + duplicates + " skipped");
        out.println("class    " + (byClass.isEmpty() ? "-" : join(byClass)));
        if (!producerEvents.isEmpty()) {
            out.println("producer events " + join(producerEvents) + " (not in the classes)");
        }
        out.println(byTable.isEmpty() ? "tables   -" : "tables");
        int width = byTable.keySet().stream().mapToInt(String::length).max().orElse(0);
        byTable.forEach((table, access) -> out.println("  " + table + " ".repeat(width - table.length()) + "  "
                + access.values().stream().mapToLong(Long::longValue).sum() + "  (" + join(access) + ")"));
        out.println("errors   " + errors);
        out.println("risks    " + (risks.isEmpty() ? "-" : join(risks)));
        if (producers.isEmpty()) {
            out.println("producer no heartbeat seen (one comes every activity.heartbeat.intervalMs and at shutdown)");
        }
        producers.forEach((id, stats) -> out.println("producer " + id + ": captured " + stats.path("captured").asLong()
                + ", delivered " + stats.path("delivered").asLong() + ", dropped " + stats.path("dropped").asLong()
                + ", lost " + stats.path("lost").asLong() + " (last heartbeat)"));
        long reported = producers.values().stream()
                .mapToLong(s -> s.path("dropped").asLong() + s.path("lost").asLong()).sum();
        if (markers == 0 && reported == 0) {
            // silence only means "no loss" when a heartbeat vouches for it
            out.println("losses   " + (producers.isEmpty() ? "none reported, but no heartbeat arrived to confirm it"
                    : "none reported"));
        } else {
            out.println("losses   " + lostByMarkers + " events in " + markers + " EVENTS_DROPPED markers; heartbeats "
                    + "report " + reported + " dropped or lost");
        }
        if (endedEarly != null) {
            out.println("read     stopped before the tip (" + endedEarly + "): the stream may hold more");
        }
    }

    private static String join(Map<String, Long> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) -> {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(k).append(' ').append(v);
        });
        return s.toString();
    }
}
