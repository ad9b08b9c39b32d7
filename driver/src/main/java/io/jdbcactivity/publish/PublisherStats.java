package io.jdbcactivity.publish;

/**
 * A snapshot of one publisher's counters.
 *
 * @param sink           what the publisher writes to
 * @param accepted       captures taken into the queue
 * @param written        events handed to the sink without error
 * @param dropped        captures lost before the queue: queue full or publisher stopped
 * @param failed         events lost in analysis, encoding or writing, plus failures of the capture path
 * @param queued         captures waiting now
 * @param lastError      the most recent failure, or null
 */
public record PublisherStats(String sink, long accepted, long written, long dropped, long failed, int queued,
        String lastError) {
}
