package io.jdbcactivity.sample.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.sample.UsageException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads every shard of a stream with GetRecords, decodes the envelopes and prints each event (a
 * readable line, or its JSON), then a summary. {@link #catchUp()} reads until every shard is at
 * its tip; {@link #follow(BooleanSupplier)} goes on polling (about 4 calls a second per shard,
 * under Kinesis' 5) until told to stop, then catches up once more. Shards that appear while
 * following (resharding) are read from their start; a closed shard is read to its end.
 */
public final class StreamTail {
    private static final int PAGE = 1000;
    private static final long POLL_MILLIS = 250;
    private static final long RELIST_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final KinesisAccess kinesis;
    private final StartPosition from;
    private final EventFilter filter;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;
    private final TailSummary summary = new TailSummary();
    private final Map<String, Cursor> cursors = new LinkedHashMap<>();
    private long lastListNanos;
    private long lastProgressNanos = System.nanoTime();

    /** Where one shard is being read. */
    private static final class Cursor {
        final String shardId;
        String iterator;
        String lastSequence;
        StartPosition start;
        boolean finished;
        boolean atTip;

        Cursor(String shardId, StartPosition start) {
            this.shardId = shardId;
            this.start = start;
        }
    }

    public StreamTail(KinesisAccess kinesis, StartPosition from, EventFilter filter, boolean json, PrintStream out,
            PrintStream err) {
        this.kinesis = kinesis;
        this.from = from;
        this.filter = filter;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    public String describe() {
        return kinesis.target().describe();
    }

    public TailSummary summary() {
        return summary;
    }

    /**
     * Checks the stream and takes a position in every shard now: with {@code --from now}, what is
     * written from this moment on is read. Clear errors for a missing stream, an unreachable
     * endpoint or missing credentials.
     */
    public void open() {
        kinesis.requireStream();
        listShards(from);
    }

    /** Reads until every shard is at its tip (or finished). */
    public void catchUp() {
        while (true) {
            boolean allAtTip = pollAll();
            if (allAtTip) {
                return;
            }
        }
    }

    /** Reads as records arrive until {@code stop} says so, then catches up and returns. */
    public void follow(BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            boolean allAtTip = pollAll();
            long now = System.nanoTime();
            if (now - lastListNanos > RELIST_NANOS) {
                listShards(StartPosition.START); // shards created since (resharding) start at their beginning
            }
            if (allAtTip) {
                if (now - lastProgressNanos > TimeUnit.SECONDS.toNanos(30)) {
                    err.println("(waiting for records: " + cursors.size() + " shards, " + summary.events()
                            + " events so far)");
                    lastProgressNanos = now;
                }
                sleep(POLL_MILLIS);
            }
        }
        catchUp();
    }

    /** One GetRecords per unfinished shard; true when every shard was at its tip. */
    private boolean pollAll() {
        boolean allAtTip = true;
        List<Cursor> open = new ArrayList<>();
        for (Cursor c : cursors.values()) {
            if (!c.finished) {
                open.add(c);
            }
        }
        long behind = 0;
        for (Cursor c : open) {
            long b = poll(c);
            behind = Math.max(behind, b);
            allAtTip &= c.atTip || c.finished;
        }
        long now = System.nanoTime();
        if (!allAtTip && now - lastProgressNanos > PROGRESS_NANOS) {
            err.println("(reading: " + summary.events() + " events so far, " + TimeUnit.MILLISECONDS.toSeconds(behind)
                    + " s behind the tip)");
            lastProgressNanos = now;
        }
        return allAtTip;
    }

    /** Reads one page of a shard; returns how far behind its tip it is, in milliseconds. */
    private long poll(Cursor c) {
        if (c.iterator == null) {
            c.iterator = iterator(c);
        }
        GetRecordsResponse page;
        try {
            page = kinesis.client().getRecords(r -> r.shardIterator(c.iterator).limit(PAGE));
        } catch (ProvisionedThroughputExceededException e) {
            sleep(1000); // another reader shares the shard's 5 reads a second: wait, then go on
            return 0;
        } catch (ExpiredIteratorException e) {
            c.iterator = null; // taken again after the last record read
            return 0;
        } catch (SdkException e) {
            throw kinesis.explain(e);
        }
        for (Record r : page.records()) {
            c.lastSequence = r.sequenceNumber();
            show(c.shardId, r);
        }
        c.iterator = page.nextShardIterator();
        if (c.iterator == null) {
            c.finished = true; // a closed shard read to its end: its children carry on
        }
        long behind = page.millisBehindLatest() == null ? 0 : page.millisBehindLatest();
        c.atTip = page.records().isEmpty() && behind == 0;
        return behind;
    }

    private void show(String shardId, Record r) {
        byte[] data = r.data().asByteArrayUnsafe();
        summary.record(Envelopes.isGzip(data));
        List<JsonNode> events;
        try {
            events = Envelopes.events(data);
        } catch (Envelopes.NotAnEnvelope e) {
            summary.undecodable();
            err.println("(record " + r.sequenceNumber() + " of " + shardId + " skipped: " + e.getMessage() + ")");
            return;
        }
        for (JsonNode event : events) {
            boolean shown = filter.test(event);
            summary.event(event, shown);
            if (shown) {
                out.println(json ? event.toString() : EventLine.format(event));
            }
        }
    }

    private String iterator(Cursor c) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().shardId(c.shardId);
        if (kinesis.target().isArn()) {
            request.streamARN(kinesis.target().stream());
        } else {
            request.streamName(kinesis.target().stream());
        }
        if (c.lastSequence != null) {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(c.lastSequence);
        } else {
            c.start.applyTo(request);
        }
        return kinesis.call(() -> kinesis.client().getShardIterator(request.build()).shardIterator());
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
            ListShardsResponse page = kinesis.call(() -> kinesis.client().listShards(request.build()));
            for (Shard s : page.shards()) {
                cursors.computeIfAbsent(s.shardId(), id -> new Cursor(id, forNewShards));
            }
            token = page.nextToken();
        } while (token != null);
        lastListNanos = System.nanoTime();
        if (cursors.isEmpty()) {
            throw new UsageException(kinesis.target().describe() + " has no shards");
        }
        // positions are taken now, so that "now" is the moment the viewer started
        for (Cursor c : cursors.values()) {
            if (c.iterator == null && !c.finished) {
                c.iterator = iterator(c);
            }
        }
    }

    private static void sleep(long millis) {
        KinesisAccess.sleep(millis);
    }
}
