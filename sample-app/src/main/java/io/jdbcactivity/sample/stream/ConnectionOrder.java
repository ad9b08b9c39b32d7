package io.jdbcactivity.sample.stream;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Restores each connection's order before its events are shown. Two things put a connection's
 * events out of order on the way: the driver spreads a busy connection over several partition
 * keys ({@code <connectionId>}, {@code <connectionId>/1}, …), so its records can sit on several
 * shards and come in different reads; and a query's event is written when its result set closes,
 * after the statements the connection ran meanwhile. Each application event carries
 * {@code clientAuditFields.sequence} (per connection, from 1, no gaps; the statements of a
 * multi-statement text share one, with {@code substatementId} 1..n), so a connection's events are
 * held here until the next one in that order has come, then released in order.
 *
 * <p>After (s, k) the next event is (s, k+1) while the text has more statements — its events say
 * how many ({@code substatementCount}, on texts of more than one) — else (s+1, 1). An event without
 * the count (a single statement, or a producer older than the field) allows both. An event with
 * {@code clientAuditFields.leftOutFrom} follows sequences the producer left out on purpose
 * (filters, sampling): those are neither waited for nor counted as gaps. When a text's
 * statements were split over two keys and the next sequence came first anyway (the wait for them
 * ended), its remaining statements are released as they come, as late events.
 *
 * <p>A missing event is waited for {@link #GAP_WAIT_NANOS} at least, counted from the arrival of
 * the oldest event held behind it, and until every shard was read to its tip after that arrival
 * (while a backlog is read, the missing event may be further along another shard); then the held
 * events are released anyway, and the sequences skipped are counted as gaps. Memory is bounded:
 * beyond {@code maxHeld} events held, the connection that has waited longest is released at once.
 * When reading ends ({@link #drain}) everything held is released. A skipped sequence that comes
 * later after all (a result set kept open longer than the wait) is shown at once, counted as late
 * and no longer as a gap.
 *
 * <p>A read that starts mid-stream ({@code --from now} or an instant) meets connections in their
 * middle: a connection's first event is sequence 1 (its CONNECT), which is released at once;
 * any other is held like a gap, and the lowest sequence held when the wait ends is where the
 * read began for that connection — not a gap.
 *
 * <p>Producer events (heartbeats, loss markers) are not given to this class: their sequence is per
 * producer, and a producer's own events go under one partition key that is never spread, so they
 * arrive in order already. Duplicates are skipped before this stage, by event id.
 */
final class ConnectionOrder {
    static final long GAP_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Events held at most; a few KiB each as parsed JSON, so tens of MiB at worst. */
    static final int MAX_HELD = 10_000;
    /** Connections remembered (their last sequence), least recently seen forgotten first. */
    private static final int MAX_CONNECTIONS = 100_000;
    /** Skipped ranges remembered per connection, to recognise a late arrival as filling a gap. */
    private static final int MAX_MISSING_RANGES = 16;

    private final long gapWaitNanos;
    private final int maxHeld;
    private final LongSupplier clock;
    private final Map<String, Connection> connections = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Connection> eldest) {
            return size() > MAX_CONNECTIONS && eldest.getValue().held.isEmpty();
        }
    };
    /** Connections holding events. */
    private final Set<Connection> waiting = new LinkedHashSet<>();
    private int held;
    private long gaps;
    private long late;
    private boolean tipSeen;
    private long tipSeenNanos;

    ConnectionOrder() {
        this(GAP_WAIT_NANOS, MAX_HELD, System::nanoTime);
    }

    ConnectionOrder(long gapWaitNanos, int maxHeld, LongSupplier clock) {
        this.gapWaitNanos = gapWaitNanos;
        this.maxHeld = maxHeld;
        this.clock = clock;
    }

    private static final class Connection {
        /** sequence → substatement → event. */
        final TreeMap<Long, TreeMap<Integer, Held>> held = new TreeMap<>();
        boolean started;
        /** The last event released (valid once started). */
        long lastSequence;
        int lastSub;
        /** The statements of the last released event's text; 0 when its event did not say. */
        int lastCount;
        /** Arrival of the oldest event held. */
        long waitingSince;
        /** Sequences skipped and not come since: {from, to}, oldest first. */
        final ArrayDeque<long[]> missing = new ArrayDeque<>();

        /**
         * @param leftOutFrom the event's {@code clientAuditFields.leftOutFrom} (0: none): the
         *                    sequences from it to the event's own were left out by the producer's
         *                    filters or sampling, on purpose, and are not waited for
         */
        boolean isNext(long sequence, int sub, long leftOutFrom) {
            if (leftOutFrom > 0 && leftOutFrom < sequence && (!started || lastCount <= lastSub)) {
                long expected = started ? lastSequence + 1 : 1;
                if (expected >= leftOutFrom && expected <= sequence) {
                    return true;
                }
            }
            if (!started) {
                return sequence == 1 && sub == 1;
            }
            if (lastCount > lastSub) {
                return sequence == lastSequence && sub == lastSub + 1; // the text is not complete yet
            }
            return sequence == lastSequence && sub == lastSub + 1 && lastCount == 0
                    || sequence == lastSequence + 1 && sub == 1;
        }

        boolean releasedAlready(long sequence, int sub) {
            return started && (sequence < lastSequence || sequence == lastSequence && sub <= lastSub);
        }

        /** Whether {@code sequence} was skipped as missing; it is no longer. */
        boolean fill(long sequence) {
            for (Iterator<long[]> it = missing.iterator(); it.hasNext();) {
                long[] r = it.next();
                if (sequence < r[0] || sequence > r[1]) {
                    continue;
                }
                if (r[0] == r[1]) {
                    it.remove();
                } else if (sequence == r[0]) {
                    r[0]++;
                } else if (sequence == r[1]) {
                    r[1]--;
                } else {
                    missing.addLast(new long[] {sequence + 1, r[1]});
                    r[1] = sequence - 1;
                }
                return true;
            }
            return false;
        }

        void skipped(long from, long to) {
            missing.addLast(new long[] {from, to});
            if (missing.size() > MAX_MISSING_RANGES) {
                missing.pollFirst(); // still counted as a gap; a late arrival in it counts as late only
            }
        }
    }

    private record Held(StreamEvent event, long arrivedNanos) {
    }

    /** Takes an application event seen for the first time; appends to {@code out} what can be shown now, in order. */
    void add(StreamEvent e, List<StreamEvent> out) {
        String id = e.connectionId();
        long sequence = e.audit().path("sequence").asLong(0);
        if (id == null || sequence <= 0) {
            out.add(e); // nothing to order it by
            return;
        }
        int sub = Math.max(1, e.json().path("substatementId").asInt(1));
        Connection c = connections.computeIfAbsent(id, k -> new Connection());
        if (c.releasedAlready(sequence, sub)) {
            late++;
            if (c.fill(sequence)) {
                gaps--;
            }
            out.add(e);
            return;
        }
        long now = clock.getAsLong();
        if (c.held.isEmpty()) {
            c.waitingSince = now;
            waiting.add(c);
        }
        c.held.computeIfAbsent(sequence, s -> new TreeMap<>()).put(sub, new Held(e, now));
        held++;
        releaseInOrder(c, false, out);
        while (held > maxHeld) {
            skipGap(longestWaiting(), out);
        }
    }

    /**
     * After a read of every shard: releases what has waited long enough for a missing event.
     *
     * @param atTip every shard was read to its tip in this read
     */
    void roundRead(boolean atTip, List<StreamEvent> out) {
        long now = clock.getAsLong();
        if (atTip) {
            tipSeen = true;
            tipSeenNanos = now;
        }
        for (Connection c : List.copyOf(waiting)) {
            while (!c.held.isEmpty() && now - c.waitingSince >= gapWaitNanos && tipSeen
                    && tipSeenNanos - c.waitingSince >= 0) {
                skipGap(c, out);
            }
        }
    }

    /** Reading ended: releases everything held, each connection in its order, its gaps counted. */
    void drain(List<StreamEvent> out) {
        for (Connection c : List.copyOf(waiting)) {
            while (!c.held.isEmpty()) {
                skipGap(c, out);
            }
        }
    }

    /** Sequences that never came: skipped when the wait for them ended, and not come since. */
    long gaps() {
        return gaps;
    }

    /** Events that came after events that follow them had been released (shown out of order). */
    long late() {
        return late;
    }

    /** Events held now, waiting for an earlier one. */
    int held() {
        return held;
    }

    /** Releases the connection's events that are next in order; {@code released}: one was released just before. */
    private void releaseInOrder(Connection c, boolean released, List<StreamEvent> out) {
        while (!c.held.isEmpty()) {
            Map.Entry<Long, TreeMap<Integer, Held>> first = c.held.firstEntry();
            Map.Entry<Integer, Held> firstSub = first.getValue().firstEntry();
            if (!c.isNext(first.getKey(), firstSub.getKey(), leftOutFrom(firstSub.getValue().event()))) {
                break;
            }
            c.started = true;
            releaseFirst(c, out);
            released = true;
        }
        if (c.held.isEmpty()) {
            waiting.remove(c);
        } else if (released) {
            // waiting now for what precedes the events still held: since the oldest of them came
            long oldest = Long.MAX_VALUE;
            for (TreeMap<Integer, Held> subs : c.held.values()) {
                for (Held h : subs.values()) {
                    oldest = Math.min(oldest, h.arrivedNanos);
                }
            }
            c.waitingSince = oldest;
        }
    }

    /** Gives up waiting for what precedes the first event held: releases it, and what follows in order. */
    private void skipGap(Connection c, List<StreamEvent> out) {
        long first = c.held.firstKey();
        long leftOut = leftOutFrom(c.held.firstEntry().getValue().firstEntry().getValue().event());
        long missingTo = leftOut > 0 ? Math.min(first, leftOut) - 1 : first - 1; // left out on purpose: not missing
        if (!c.started) {
            c.started = true; // where this read begins for the connection: not a gap
        } else if (missingTo > c.lastSequence) {
            gaps += missingTo - c.lastSequence;
            c.skipped(c.lastSequence + 1, missingTo);
        }
        // a statement missing inside a text is not counted: a text's statement count is not known
        // (the producer counts it as lost)
        releaseFirst(c, out);
        releaseInOrder(c, true, out);
    }

    private void releaseFirst(Connection c, List<StreamEvent> out) {
        Map.Entry<Long, TreeMap<Integer, Held>> first = c.held.firstEntry();
        Map.Entry<Integer, Held> sub = first.getValue().pollFirstEntry();
        if (first.getValue().isEmpty()) {
            c.held.pollFirstEntry();
        }
        c.lastSequence = first.getKey();
        c.lastSub = sub.getKey();
        c.lastCount = sub.getValue().event().audit().path("substatementCount").asInt(0);
        held--;
        out.add(sub.getValue().event());
    }

    private static long leftOutFrom(StreamEvent e) {
        return e.audit().path("leftOutFrom").asLong(0);
    }

    private Connection longestWaiting() {
        Connection longest = null;
        for (Connection c : waiting) {
            if (longest == null || c.waitingSince - longest.waitingSince < 0) {
                longest = c;
            }
        }
        return longest;
    }
}
