package io.jdbcactivity.sample.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.sample.UsageException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Reads every shard of a stream with GetRecords, decodes the envelopes and prints each event (a
 * readable line, or its JSON), counting them in a {@link TailSummary}. Reading goes in rounds of
 * one GetRecords per shard (about 4 rounds a second while following, under Kinesis' 5 reads a
 * second per shard). An event seen again (at-least-once delivery) is counted as a duplicate, not
 * shown twice. Each connection's events are shown in their order ({@link ConnectionOrder}: a
 * busy connection is spread over several shards, so its events come in different reads); the
 * events a round releases are printed in time order, so connections interleave as they ran
 * (across rounds, lines come in arrival order). Shards that appear while following (resharding)
 * are read from their start; a closed shard is read to its end. Failures while reading go
 * through {@link ReadRetries}.
 */
public final class StreamTail {
    private static final int PAGE = 1000;
    private static final long POLL_MILLIS = 250;
    private static final long RELIST_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long WAITING_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int RECENT_IDS = 100_000;
    /** A call made under a deadline gets at least this long. */
    private static final Duration SHORTEST_CALL = Duration.ofMillis(200);

    private final KinesisAccess kinesis;
    private final StartPosition from;
    private final EventFilter filter;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;
    private final TailSummary summary = new TailSummary();
    private final RecentIds seen = new RecentIds(RECENT_IDS);
    private final ConnectionOrder order = new ConnectionOrder();
    private final ReadRetries retries;
    private final Map<String, ShardCursor> cursors = new LinkedHashMap<>();
    private long lastListNanos;
    private long lastProgressNanos = System.nanoTime();

    public StreamTail(KinesisAccess kinesis, StartPosition from, EventFilter filter, boolean json, PrintStream out,
            PrintStream err) {
        this.kinesis = kinesis;
        this.from = from;
        this.filter = filter;
        this.json = json;
        this.out = out;
        this.err = err;
        this.retries = new ReadRetries(kinesis, err);
    }

    public String describe() {
        return kinesis.target().describe();
    }

    public TailSummary summary() {
        return summary;
    }

    /**
     * Checks the stream and takes a position in every shard now: with {@code --from now}, what is
     * written from this moment on is read. Nothing is retried here: a missing stream, an
     * unreachable endpoint or missing credentials is said at once, clearly.
     */
    public void open() {
        kinesis.requireStream();
        kinesis.call(() -> {
            listShards(from);
            return null;
        });
        if (cursors.isEmpty()) {
            throw new UsageException(kinesis.target().describe() + " has no shards");
        }
    }

    /**
     * Reads until every shard is at its tip, or until the stop's deadline, then shows the events
     * still held for a missing one; true when the tip was reached.
     */
    public boolean catchUp(StopSignal stop) {
        try {
            return readToTip(stop);
        } finally {
            showHeld();
        }
    }

    private boolean readToTip(StopSignal stop) {
        while (!stop.deadlinePassed()) {
            if (readRound(stop, false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads records as they arrive until a stop is requested, then reads to the tip (within the
     * stop's deadline, if it has one); true when the tip was reached.
     */
    public boolean follow(StopSignal stop) {
        try {
            return followUntilStopped(stop);
        } finally {
            showHeld();
        }
    }

    private boolean followUntilStopped(StopSignal stop) {
        while (!stop.isRequested()) {
            boolean atTip = readRound(stop, true);
            long now = System.nanoTime();
            if (now - lastListNanos > RELIST_NANOS) {
                try {
                    listShards(StartPosition.START); // shards created since (resharding) start at their beginning
                    retries.succeeded();
                } catch (SdkException e) {
                    retries.failed(e, "ListShards", true, stop);
                }
            }
            if (atTip && !stop.isRequested()) {
                if (now - lastProgressNanos > WAITING_NANOS) {
                    err.println("(waiting for records: " + cursors.size() + " shards, " + summary.events()
                            + " events so far)");
                    lastProgressNanos = now;
                }
                KinesisAccess.sleep(POLL_MILLIS);
            }
        }
        return readToTip(stop);
    }

    /** One GetRecords per unfinished shard, then the round's events in time order; true when every shard was at its tip. */
    private boolean readRound(StopSignal stop, boolean following) {
        List<StreamEvent> events = new ArrayList<>();
        boolean allAtTip = true;
        long behind = 0;
        for (ShardCursor c : List.copyOf(cursors.values())) {
            if (c.finished()) {
                continue;
            }
            if (stop.deadlinePassed()) {
                allAtTip = false;
                break;
            }
            try {
                behind = Math.max(behind, read(c, stop, events));
                retries.succeeded();
            } catch (ExpiredIteratorException e) {
                c.iteratorExpired(); // taken again where it was, at the next round
            } catch (SdkException e) {
                retries.failed(e, "reading " + c.shardId, following, stop);
            }
            allAtTip &= c.atTipOrFinished();
        }
        show(events, allAtTip);
        long now = System.nanoTime();
        if (!allAtTip && now - lastProgressNanos > PROGRESS_NANOS) {
            err.println("(reading: " + summary.events() + " events so far, " + TimeUnit.MILLISECONDS.toSeconds(behind)
                    + " s behind the tip)");
            lastProgressNanos = now;
        }
        return allAtTip;
    }

    /** Reads one page of a shard into {@code events}; returns how far behind its tip it is, in milliseconds. */
    private long read(ShardCursor c, StopSignal stop, List<StreamEvent> events) {
        if (!c.hasIterator()) {
            takeIterator(c, stop);
        }
        GetRecordsRequest.Builder request = GetRecordsRequest.builder().shardIterator(c.iterator()).limit(PAGE);
        Duration limit = callLimit(stop);
        if (limit != null) {
            request.overrideConfiguration(o -> o.apiCallTimeout(limit));
        }
        GetRecordsResponse page = kinesis.client().getRecords(request.build());
        for (Record r : page.records()) {
            c.recordRead(r.sequenceNumber());
            decode(c.shardId, r, events);
        }
        long behind = page.millisBehindLatest() == null ? 0 : page.millisBehindLatest();
        c.pageRead(page.nextShardIterator(), page.records().isEmpty() && behind == 0);
        return behind;
    }

    private void decode(String shardId, Record r, List<StreamEvent> events) {
        byte[] data = r.data().asByteArrayUnsafe();
        summary.record(Envelopes.isGzip(data));
        try {
            events.addAll(Envelopes.events(data));
        } catch (Envelopes.NotAnEnvelope e) {
            summary.undecodable();
            err.println("(record " + r.sequenceNumber() + " of " + shardId + " skipped: " + e.getMessage() + ")");
        }
    }

    /** A round's events: duplicates skipped, application events through the reorder stage; prints what it releases. */
    private void show(List<StreamEvent> read, boolean allAtTip) {
        List<StreamEvent> released = new ArrayList<>();
        for (StreamEvent event : read) {
            String id = event.eventId();
            if (id != null && !seen.firstSeen(id)) {
                summary.duplicate();
            } else if (event.fromProducer()) {
                released.add(event); // one key per producer, never spread: in order already
            } else {
                order.add(event, released);
            }
        }
        order.roundRead(allAtTip, released);
        print(released);
    }

    /** Reading ended: what waits for a missing event is shown now, each connection's in its order. */
    private void showHeld() {
        List<StreamEvent> released = new ArrayList<>();
        order.drain(released);
        print(released);
    }

    /**
     * Prints events in time order, each connection's (or producer's) in the order released: an
     * event is placed no earlier than the one released before it of the same connection, so the
     * sort cannot undo the reorder stage when two events' clocks disagree with their sequence.
     */
    private void print(List<StreamEvent> released) {
        Map<String, Instant> latest = new HashMap<>();
        List<Map.Entry<Instant, StreamEvent>> timed = new ArrayList<>(released.size());
        for (StreamEvent e : released) {
            Instant t = time(e.json());
            String connection = e.connectionId();
            if (connection != null) {
                Instant before = latest.get(connection);
                if (before != null && before.isAfter(t)) {
                    t = before;
                }
                latest.put(connection, t);
            }
            timed.add(Map.entry(t, e));
        }
        timed.sort(Map.Entry.comparingByKey()); // stable: ties keep the order released
        for (Map.Entry<Instant, StreamEvent> entry : timed) {
            StreamEvent e = entry.getValue();
            boolean shown = filter.test(e.json());
            summary.event(e, shown);
            if (shown) {
                out.println(json ? e.json().toString() : EventLine.format(e.json()));
            }
        }
        summary.order(order.gaps(), order.late(), order.held());
    }

    /** When the event happened: its start, else (producer events) when it was written. */
    private static Instant time(JsonNode event) {
        for (String field : new String[] {"startTime", "logTime"}) {
            JsonNode t = event.path(field);
            if (t.isTextual()) {
                try {
                    return Instant.parse(t.asText());
                } catch (java.time.format.DateTimeParseException e) {
                    // try the next field
                }
            }
        }
        return Instant.MIN;
    }

    private void takeIterator(ShardCursor c, StopSignal stop) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().shardId(c.shardId);
        if (kinesis.target().isArn()) {
            request.streamARN(kinesis.target().stream());
        } else {
            request.streamName(kinesis.target().stream());
        }
        c.applyTo(request);
        Duration limit = callLimit(stop);
        if (limit != null) {
            request.overrideConfiguration(o -> o.apiCallTimeout(limit));
        }
        Instant now = Instant.now();
        c.iteratorTaken(kinesis.client().getShardIterator(request.build()).shardIterator(), now);
    }

    /** Under a deadline (Ctrl-C), a call may not outlast it, the summary is waiting: its time limit, else null. */
    private static Duration callLimit(StopSignal stop) {
        Duration remaining = stop == null ? null : stop.remaining();
        if (remaining == null) {
            return null;
        }
        return remaining.compareTo(SHORTEST_CALL) < 0 ? SHORTEST_CALL : remaining;
    }

    private void listShards(StartPosition forNewShards) {
        String token = null;
        do {
            ListShardsRequest.Builder request = ListShardsRequest.builder();
            if (token != null) {
                request.nextToken(token);
            } else if (kinesis.target().isArn()) {
                request.streamARN(kinesis.target().stream());
            } else {
                request.streamName(kinesis.target().stream());
            }
            ListShardsResponse page = kinesis.client().listShards(request.build());
            for (Shard s : page.shards()) {
                cursors.computeIfAbsent(s.shardId(), id -> new ShardCursor(id, forNewShards));
            }
            token = page.nextToken();
        } while (token != null);
        lastListNanos = System.nanoTime();
        // positions are taken now, so that "now" is the moment the viewer started
        for (ShardCursor c : cursors.values()) {
            if (!c.hasIterator() && !c.finished()) {
                takeIterator(c, null);
            }
        }
    }
}
