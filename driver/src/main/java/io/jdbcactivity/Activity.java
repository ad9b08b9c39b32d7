package io.jdbcactivity;

import io.jdbcactivity.publish.PublisherStats;
import io.jdbcactivity.publish.Publishers;
import java.time.Duration;
import java.util.List;

/**
 * The driver's public control surface. Applications need none of it (the URL is enough); it is
 * for tests, containers and operators.
 */
public final class Activity {
    private Activity() {
    }

    /**
     * Waits until every event captured before this call has been written by its sink. Executions
     * whose result set is still open are captured when it closes, so they are not covered.
     *
     * @return false when the timeout passed first
     */
    public static boolean flush(Duration timeout) {
        return Publishers.flushAll(timeout.toMillis());
    }

    /**
     * Stops every publisher: intake stops, queued events are written within
     * {@code activity.shutdown.timeoutMs}, threads end, sinks close. Connections opened afterwards
     * start new publishers. Also runs from a JVM shutdown hook.
     */
    public static void shutdown() {
        Publishers.shutdownAll();
    }

    /**
     * Counters of every publisher that runs or is stopping, then of the last stopped ones (newest
     * first, up to 16): a stop's final figures, its losses included, stay readable after it.
     * For the application's events, {@code captured = delivered + filtered + dropped + lost + pending} holds
     * in every snapshot.
     */
    public static List<PublisherStats> stats() {
        return Publishers.stats();
    }
}
