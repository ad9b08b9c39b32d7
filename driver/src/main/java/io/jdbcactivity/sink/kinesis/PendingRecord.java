package io.jdbcactivity.sink.kinesis;

/** One Kinesis record on its way: an envelope of {@code events} events for one partition key. */
final class PendingRecord {
    final String partitionKey;
    final byte[] data;
    final int events;
    /** When its first event was written: the time-to-live counts from here. */
    final long bornNanos;
    /** Holds producer events (loss markers, heartbeats): never evicted to make room. */
    final boolean control;
    int attempts;
    /** Not to be sent before this (backoff after a failure). */
    long notBeforeNanos;

    PendingRecord(String partitionKey, byte[] data, int events, long bornNanos, boolean control) {
        this.partitionKey = partitionKey;
        this.data = data;
        this.events = events;
        this.bornNanos = bornNanos;
        this.control = control;
    }

    /** What the record counts against the 1 MiB record and 5 MiB request limits: data plus key. */
    int size() {
        return data.length + KinesisLimits.utf8Length(partitionKey);
    }
}
