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

    PendingRecord(KeyQueue key, byte[] data, int events, long bornNanos) {
        this.key = key;
        this.data = data;
        this.events = events;
        this.bornNanos = bornNanos;
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
