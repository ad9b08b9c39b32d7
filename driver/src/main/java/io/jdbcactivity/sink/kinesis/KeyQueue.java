package io.jdbcactivity.sink.kinesis;

import java.util.ArrayDeque;

/**
 * The records of one partition key, in order: the envelope being filled, the sealed records
 * waiting behind, and the one record the key has out (in a call, or waiting for its retry). A key
 * has at most one record out, so its records reach their shard in order; while it is out, the
 * open envelope keeps filling up to the record limit instead of being sealed at the linger time —
 * that is what makes delivery independent of the round trip: at 300 ms per call a busy connection
 * sends one large record per round trip, not one 100 ms record per round trip.
 */
final class KeyQueue {
    final String partitionKey;
    final int partitionKeyBytes;
    /** Producer events (heartbeats, loss markers): counted apart, never evicted. */
    final boolean control;
    /** The connection this key carries (one of its keys when it is spread). */
    final Lane lane;
    EnvelopeWriter.Open open;
    final ArrayDeque<PendingRecord> sealed = new ArrayDeque<>(2);
    /** In a call or waiting for its retry: nothing else of this key is sent meanwhile. */
    PendingRecord out;
    /** The open envelope reached the linger time while the key was busy: seal it once free. */
    boolean dueWhenFree;
    long lastUsedNanos;

    KeyQueue(String partitionKey, boolean control, Lane lane) {
        this.partitionKey = partitionKey;
        this.partitionKeyBytes = KinesisLimits.utf8Length(partitionKey);
        this.control = control;
        this.lane = lane;
    }

    /** Nothing waiting, nothing out: the key may be forgotten once unused for a while. */
    boolean empty() {
        return open == null && sealed.isEmpty() && out == null;
    }

    /** Free to send its next sealed record. */
    boolean free() {
        return out == null;
    }
}
