package io.jdbcactivity.sample.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the viewer saw, printed on exit: events per class and per table (with their access), errors,
 * risks, whether each connection's order was whole (gaps in its sequence), and what the producers
 * said about losses (their newest heartbeat's counters, see {@link ProducerReport}, and the
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
    private long heartbeatsShown;
    private final Map<String, Long> heartbeatKinds = new TreeMap<>();
    private long markersShown;
    /** producer id → what its heartbeats said, and which of its events they cover. */
    private final Map<String, ProducerReport> producers = new LinkedHashMap<>();
    private long gaps;
    private long late;
    private int held;
    /** Per statement shape, from summary events: {count, totalNanos, errors}; and its text. */
    private final Map<String, long[]> digests = new LinkedHashMap<>();
    private final Map<String, String> digestTexts = new LinkedHashMap<>();
    private long summariesShown;

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

    /** Every decoded event, shown or not: producer events and coverage always count for the loss report. */
    synchronized void event(StreamEvent e, boolean isShown) {
        events++;
        JsonNode event = e.json();
        JsonNode audit = e.audit();
        boolean heartbeat = "heartbeat".equals(event.path("type").asText());
        if (heartbeat) {
            producer(audit.path("connectionId").asText()).heartbeat(event);
        } else if ("EVENTS_DROPPED".equals(event.path("command").asText())) {
            markers++;
            lostByMarkers += audit.path("dropped").path("count").asLong();
        } else if (!e.fromProducer()) {
            producer(e.producer() == null ? "(no producer id)" : e.producer()).applicationEvent(event);
        }
        if (!isShown) {
            return;
        }
        shown++;
        if ("summary".equals(event.path("type").asText())) {
            summariesShown++;
            JsonNode sum = audit.path("summary");
            String digest = audit.path("sqlDigest").asText("(other shapes)");
            long[] v = digests.computeIfAbsent(digest, k -> new long[3]);
            v[0] += sum.path("count").asLong();
            v[1] += sum.path("totalNanos").asLong();
            v[2] += sum.path("errors").asLong();
            digestTexts.putIfAbsent(digest, event.path("commandText").asText("(other shapes, beyond maxDigests)"));
            return;
        }
        if (e.fromProducer()) {
            if (heartbeat) {
                heartbeatsShown++;
                String kind = audit.path("executeMethod").asText("heartbeat");
                if (!kind.equals("heartbeat")) {
                    heartbeatKinds.merge(kind, 1L, Long::sum);
                }
            } else {
                markersShown++;
            }
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

    /** Where the reorder stage is ({@link ConnectionOrder}). */
    synchronized void order(long gapsNow, long lateNow, int heldNow) {
        gaps = gapsNow;
        late = lateNow;
        held = heldNow;
    }

    private ProducerReport producer(String id) {
        return producers.computeIfAbsent(id, k -> new ProducerReport());
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
        out.println("order    per connection by sequence; gaps " + gaps
                + (gaps > 0 ? " (sequences that never came: lost, or from before where reading began)" : "")
                + (late > 0 ? "; " + late + " late (came after events that follow them)" : "")
                + (held > 0 ? "; " + held + " still held, not shown" : ""));
        out.println("class    " + (byClass.isEmpty() ? "-" : join(byClass)));
        if (heartbeatsShown + markersShown > 0) {
            // start and stop heartbeats are heartbeats (they carry the counters), said apart
            String heartbeats = heartbeatsShown == 0 ? null : "heartbeat " + heartbeatsShown
                    + (heartbeatKinds.isEmpty() ? "" : " (" + join(heartbeatKinds) + ")");
            String lossMarkers = markersShown == 0 ? null : "EVENTS_DROPPED " + markersShown;
            out.println("producer events " + (heartbeats == null ? lossMarkers
                    : lossMarkers == null ? heartbeats : heartbeats + ", " + lossMarkers) + " (not in the classes)");
        }
        out.println(byTable.isEmpty() ? "tables   -" : "tables");
        int width = byTable.keySet().stream().mapToInt(String::length).max().orElse(0);
        byTable.forEach((table, access) -> out.println("  " + table + " ".repeat(width - table.length()) + "  "
                + access.values().stream().mapToLong(Long::longValue).sum() + "  (" + join(access) + ")"));
        out.println("errors   " + errors);
        out.println("risks    " + (risks.isEmpty() ? "-" : join(risks)));
        printDigests(out);
        printProducers(out);
        if (endedEarly != null) {
            out.println("read     stopped before the tip (" + endedEarly + "): the stream may hold more");
        }
    }

    /** From summary events: the statement shapes that took the most time, ran most often, failed most. */
    private void printDigests(PrintStream out) {
        if (digests.isEmpty()) {
            return;
        }
        out.println("summaries " + summariesShown + " events over " + digests.size() + " statement shapes");
        top(out, "by time", 1, v -> String.format(java.util.Locale.ROOT, "%.1f ms", v[1] / 1e6));
        top(out, "by count", 0, v -> v[0] + "×");
        if (digests.values().stream().anyMatch(v -> v[2] > 0)) {
            top(out, "by errors", 2, v -> v[2] + " errors");
        }
    }

    private void top(PrintStream out, String title, int index, java.util.function.Function<long[], String> figure) {
        out.println("  top " + title);
        digests.entrySet().stream().filter(e -> e.getValue()[index] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[index], a.getValue()[index])).limit(5)
                .forEach(e -> out.println("    " + figure.apply(e.getValue()) + "  " + abbreviated(digestTexts.get(e.getKey()))));
    }

    private static String abbreviated(String text) {
        String one = text.replaceAll("\\s+", " ");
        return one.length() <= 100 ? one : one.substring(0, 97) + "...";
    }

    private void printProducers(PrintStream out) {
        if (producers.values().stream().noneMatch(ProducerReport::heartbeatSeen)) {
            out.println("producer no heartbeat seen (one comes when a producer starts, every "
                    + "activity.heartbeat.intervalMs, and when it stops)");
        }
        producers.forEach((id, p) -> {
            if (p.heartbeatSeen()) {
                out.println(p.describe(id));
            }
        });
        long reported = producers.values().stream().mapToLong(ProducerReport::reportedLosses).sum();
        long uncovered = producers.values().stream().mapToLong(ProducerReport::uncovered).sum();
        String losses;
        if (markers > 0 || reported > 0) {
            losses = lostByMarkers + " events in " + markers + " EVENTS_DROPPED markers; heartbeats report " + reported
                    + " dropped or lost";
        } else if (producers.values().stream().noneMatch(ProducerReport::counted)) {
            // silence only means "no loss" when a heartbeat's counters vouch for it; a start one counted nothing yet
            losses = producers.values().stream().anyMatch(ProducerReport::heartbeatSeen)
                    ? "none reported, but only start heartbeats arrived: nothing confirms it yet"
                    : "none reported, but no heartbeat arrived to confirm it";
        } else if (uncovered > 0) {
            losses = "none reported, but " + uncovered + " events came after their producer's last heartbeat: "
                    + "nothing confirms it for them yet";
        } else {
            losses = "none reported";
        }
        out.println("losses   " + losses);
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
