package io.jdbcactivity.sink.kinesis;

/** One Kinesis record on its way: an envelope of {@code events} events for one partition key. */
final class PendingRecord {
    final KeyQueue key;
    final byte[] data;
    final int events;
    /** When its first event was written: the time-to-live counts from here. */
    final long bornNanos;
    int attempts;
    /** Not to be sent before this (backoff after a failure). */
    long notBeforeNanos;
    /** In a PutRecords call whose answer has not come back yet. */
    boolean inCall;
    /**
     * The spool's tokens of the events, when they come from a durable spool (else null): the spool
     * is told each one's outcome, and such a record is never given up by this sink — the disk
     * holds it until it is delivered.
     */
    final long[] tokens;

    PendingRecord(KeyQueue key, byte[] data, int events, long bornNanos, long[] tokens) {
        this.key = key;
        this.data = data;
        this.events = events;
        this.bornNanos = bornNanos;
        this.tokens = tokens;
    }

    boolean spooled() {
        return tokens != null;
    }

    String partitionKey() {
        return key.partitionKey;
    }

    /** Holds producer events (loss markers, heartbeats): never evicted to make room. */
    boolean control() {
        return key.control;
    }

    /** What the record counts against the 1 MiB record and 5 MiB request limits: data plus key. */
    int size() {
        return data.length + key.partitionKeyBytes;
    }
}
