package io.jdbcactivity.sample.stream;

import java.time.Instant;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Where one shard is being read: its current iterator, the last record read, and where a new
 * iterator starts when the current one expired (Kinesis iterators last five minutes; a long
 * outage or a suspended laptop outlives them).
 */
final class ShardCursor {
    final String shardId;
    private final StartPosition start;
    private String iterator;
    private String lastSequence;
    /** When the first iterator of a {@code now} start was taken: "now" stays that moment. */
    private Instant startedAt;
    private boolean finished;
    private boolean atTip;

    ShardCursor(String shardId, StartPosition start) {
        this.shardId = shardId;
        this.start = start;
    }

    String iterator() {
        return iterator;
    }

    boolean hasIterator() {
        return iterator != null;
    }

    /**
     * The request for a new iterator: after the last record read; before any, the original start.
     * A {@code now} start taken again would be a later "now" and skip what was written since, so
     * it becomes the moment the first iterator was taken (to the clock skew between this machine
     * and Kinesis).
     */
    void applyTo(GetShardIteratorRequest.Builder request) {
        if (lastSequence != null) {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(lastSequence);
        } else if (start.type() == ShardIteratorType.LATEST && startedAt != null) {
            request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(startedAt);
        } else {
            start.applyTo(request);
        }
    }

    void iteratorTaken(String newIterator, Instant now) {
        iterator = newIterator;
        if (startedAt == null) {
            startedAt = now;
        }
    }

    void iteratorExpired() {
        iterator = null;
        atTip = false;
    }

    void recordRead(String sequenceNumber) {
        lastSequence = sequenceNumber;
    }

    /** After a page: its next iterator (null once a closed shard is read to its end) and whether it was the tip. */
    void pageRead(String nextIterator, boolean tip) {
        iterator = nextIterator;
        finished = nextIterator == null; // a closed shard read to its end: its children carry on
        atTip = tip;
    }

    boolean finished() {
        return finished;
    }

    boolean atTipOrFinished() {
        return atTip || finished;
    }
}
