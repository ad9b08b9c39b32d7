package io.jdbcactivity.publish;

/**
 * A snapshot of one publisher's counters. For the application's events it holds exactly, at any
 * time: {@code captured = delivered + filtered + dropped + lost + pending}. The producer's own events
 * (heartbeats, loss markers) are counted apart, in {@code producerEvents*}.
 *
 * @param producerId             the publisher's id, as in its heartbeats and envelopes
 * @param sink                   what the publisher writes to
 * @param state                  {@code running}, {@code stopping} or {@code stopped}
 * @param captured               events the application's executions produced (one per statement
 *                               of a multi-statement text), including those refused by a full queue
 * @param delivered              events the sink confirmed (file written, Kinesis acknowledged)
 * @param filtered               events left out by choice: by a filter rule or by sampling
 *                               ({@code activity.filter.*}, {@code activity.sample.*}); not a loss
 * @param dropped                events given up before reaching the sink: queue full, publisher
 *                               stopping or stopped, still queued at the stop's deadline
 * @param lost                   events given up after reaching the sink (evicted, expired, cut off
 *                               by a stop) or that failed in analysis, encoding, writing or capture
 * @param pending                events neither delivered nor given up yet: queued or held by the sink
 * @param queued                 captures waiting for the publisher now (part of {@code pending})
 * @param producerEventsDelivered heartbeats and loss markers delivered
 * @param producerEventsLost     heartbeats and loss markers given up
 * @param recovered              events a durable spool adopted from a publisher that was gone (a
 *                               crash) and delivered: not this publisher's captures
 * @param recoveredLost          such events given up (damaged on disk, evicted)
 * @param syncTimeouts           executions that went on before their event was durable
 *                               ({@code activity.delivery=sync}, {@code activity.delivery.syncTimeoutMs})
 * @param retried                records sent again after a failure
 * @param throttled              entries or calls the stream throttled
 * @param bufferedBytes          encoded bytes the sink holds now
 * @param lastError              the most recent failure, or null
 */
public record PublisherStats(String producerId, String sink, String state, long captured, long delivered,
        long filtered, long dropped, long lost, long pending, long queued, long producerEventsDelivered, long producerEventsLost,
        long recovered, long recoveredLost, long syncTimeouts, long retried, long throttled, long bufferedBytes, String lastError) {

    /** Whether the counters add up: what every stats reader may check. */
    public boolean balanced() {
        return captured == delivered + filtered + dropped + lost + pending;
    }
}
