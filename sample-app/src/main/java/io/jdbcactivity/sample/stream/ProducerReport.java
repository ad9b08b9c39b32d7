package io.jdbcactivity.sample.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one producer (a publisher of the driver, named by its id) said about itself: its newest
 * heartbeat, and which of its application events the viewer saw are covered by a heartbeat's
 * counters.
 *
 * <p>Heartbeats come in three kinds ({@code clientAuditFields.executeMethod}): {@code start},
 * written when the publisher starts, before it counted anything, so it vouches for nothing;
 * {@code heartbeat}, every interval, whose counters cover every event the publisher wrote before
 * it; and {@code stop}, the closing one, whose counters are final and cover everything. An
 * application event is covered when its {@code logTime} (when the publisher wrote it) is before
 * the newest counting heartbeat's: the publisher writes both on one thread, and an event of the
 * same millisecond may be either side, so it is not counted as covered.
 */
final class ProducerReport {
    /** Distinct write times of uncovered events remembered; older ones merge into the next (still uncovered). */
    private static final int MAX_UNCOVERED_TIMES = 10_000;

    private long sequence = -1;
    private String kind;
    private JsonNode stats;
    private JsonNode logTime;
    private boolean counted;
    private boolean stopped;
    private long coveredBeforeMicros = Long.MIN_VALUE;
    /** Application events not covered yet: write time (µs) → how many. */
    private final TreeMap<Long, Long> uncovered = new TreeMap<>();

    void heartbeat(JsonNode event) {
        JsonNode audit = event.path("clientAuditFields");
        String method = audit.path("executeMethod").asText("heartbeat"); // drivers before the kinds: every one counted
        long seq = audit.path("sequence").asLong();
        if (seq > sequence) {
            sequence = seq;
            kind = method;
            stats = audit.path("producerStats");
            logTime = event.path("logTime");
        }
        if (method.equals("start")) {
            return;
        }
        counted = true;
        if (method.equals("stop")) {
            stopped = true;
            uncovered.clear();
            return;
        }
        long covers = micros(event.path("logTime"), Long.MIN_VALUE);
        if (covers > coveredBeforeMicros) {
            coveredBeforeMicros = covers;
            uncovered.headMap(covers).clear();
        }
    }

    void applicationEvent(JsonNode event) {
        long written = micros(event.path("logTime"), Long.MAX_VALUE);
        if (stopped || written < coveredBeforeMicros) {
            return;
        }
        uncovered.merge(written, 1L, Long::sum);
        if (uncovered.size() > MAX_UNCOVERED_TIMES) {
            Map.Entry<Long, Long> oldest = uncovered.pollFirstEntry();
            uncovered.merge(uncovered.firstKey(), oldest.getValue(), Long::sum);
        }
    }

    boolean heartbeatSeen() {
        return kind != null;
    }

    /** A {@code heartbeat} or {@code stop} one was seen: counters that vouch for something. */
    boolean counted() {
        return counted;
    }

    /** Events dropped or lost, by the newest counting heartbeat. */
    long reportedLosses() {
        return counted ? stats.path("dropped").asLong() + stats.path("lost").asLong() : 0;
    }

    /** Application events seen that no heartbeat's counters cover yet. */
    long uncovered() {
        return uncovered.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The summary's line for this producer. */
    String describe(String id) {
        if (kind == null) {
            return "producer " + id + ": no heartbeat seen";
        }
        String at = EventLine.time(logTime);
        if (kind.equals("start")) {
            return "producer " + id + ": started " + at + ", no heartbeat with counters yet (one comes every "
                    + "activity.heartbeat.intervalMs and when it stops)";
        }
        long pending = stats.path("pending").asLong();
        long filtered = stats.path("filtered").asLong(0);
        String counters = "producer " + id + ": captured " + stats.path("captured").asLong() + ", delivered "
                + stats.path("delivered").asLong()
                + (filtered > 0 ? ", left out by filters or sampling " + filtered : "") // on purpose: not a loss
                + ", dropped " + stats.path("dropped").asLong() + ", lost " + stats.path("lost").asLong();
        if (kind.equals("stop")) {
            // everything is delivered or given up before the closing heartbeat: pending is 0 by design
            return counters + (pending == 0 ? " (final heartbeat " + at + ": it stopped)"
                    : ", pending " + pending + " (final heartbeat " + at + ", yet pending should be 0 after a stop)");
        }
        return counters + ", pending " + pending + " (heartbeat " + at + ": still running)";
    }

    /** An ISO time in microseconds, or {@code otherwise} when there is none. */
    private static long micros(JsonNode iso, long otherwise) {
        if (!iso.isTextual()) {
            return otherwise;
        }
        try {
            Instant t = Instant.parse(iso.asText());
            return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
