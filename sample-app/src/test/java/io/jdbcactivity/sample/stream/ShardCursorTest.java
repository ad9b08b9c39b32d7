package io.jdbcactivity.sample.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Where a shard's reading starts again once its iterator expired: never past a record not yet shown. */
class ShardCursorTest {
    private static final Instant OPENED = Instant.parse("2026-11-24T18:00:00Z");

    private static GetShardIteratorRequest restart(ShardCursor c) {
        GetShardIteratorRequest.Builder b = GetShardIteratorRequest.builder().streamName("s").shardId(c.shardId);
        c.applyTo(b);
        return b.build();
    }

    @Test
    void fromNowWithNothingReadYetRestartsAtTheMomentItFirstStarted() {
        ShardCursor c = new ShardCursor("shardId-0", StartPosition.NOW);
        assertEquals(ShardIteratorType.LATEST, restart(c).shardIteratorType(), "the first iterator");
        c.iteratorTaken("it-1", OPENED);
        c.iteratorExpired();
        GetShardIteratorRequest again = restart(c);
        // LATEST again would skip what was written while the iterator aged
        assertEquals(ShardIteratorType.AT_TIMESTAMP, again.shardIteratorType());
        assertEquals(OPENED, again.timestamp());
        c.iteratorTaken("it-2", OPENED.plusSeconds(600));
        c.iteratorExpired();
        assertEquals(OPENED, restart(c).timestamp(), "the first moment stays");
    }

    @Test
    void afterARecordItRestartsRightAfterIt() {
        ShardCursor c = new ShardCursor("shardId-0", StartPosition.NOW);
        c.iteratorTaken("it-1", OPENED);
        c.recordRead("4960");
        c.iteratorExpired();
        GetShardIteratorRequest again = restart(c);
        assertEquals(ShardIteratorType.AFTER_SEQUENCE_NUMBER, again.shardIteratorType());
        assertEquals("4960", again.startingSequenceNumber());
        assertNull(again.timestamp());
    }

    @Test
    void otherStartsAreTakenAgainAsTheyWere() {
        ShardCursor fromStart = new ShardCursor("shardId-0", StartPosition.START);
        fromStart.iteratorTaken("it-1", OPENED);
        fromStart.iteratorExpired();
        assertEquals(ShardIteratorType.TRIM_HORIZON, restart(fromStart).shardIteratorType());

        Instant at = Instant.parse("2026-11-24T17:00:00Z");
        ShardCursor fromInstant = new ShardCursor("shardId-0", StartPosition.parse(at.toString()));
        fromInstant.iteratorTaken("it-1", OPENED);
        fromInstant.iteratorExpired();
        assertEquals(ShardIteratorType.AT_TIMESTAMP, restart(fromInstant).shardIteratorType());
        assertEquals(at, restart(fromInstant).timestamp());
    }
}
