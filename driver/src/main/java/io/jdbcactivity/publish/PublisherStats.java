package io.jdbcactivity.publish;

/**
 * A snapshot of one publisher's counters.
 *
 * @param sink          what the publisher writes to
 * @param accepted      captures taken into the queue
 * @param written       events handed to the sink
 * @param delivered     events the sink confirmed (file written, Kinesis acknowledged)
 * @param dropped       captures lost before the queue: full (overflow policy) or publisher stopped
 * @param lost          events lost after the queue (evicted, expired, not delivered by shutdown) and
 *                      failures of analysis, encoding, writing or the capture path
 * @param retried       records sent again after a failure
 * @param throttled     entries or calls the stream throttled
 * @param queued        captures waiting now
 * @param bufferedBytes encoded bytes the sink holds now
 * @param lastError     the most recent failure, or null
 */
public record PublisherStats(String sink, long accepted, long written, long delivered, long dropped, long lost,
        long retried, long throttled, int queued, long bufferedBytes, String lastError) {
}
