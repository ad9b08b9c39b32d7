package io.jdbcactivity;

import io.jdbcactivity.capture.CallSites;
import io.jdbcactivity.publish.PublisherStats;
import io.jdbcactivity.publish.Publishers;
import io.jdbcactivity.publish.Taps;
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
     * Waits until every capture offered to a publisher before this call (an execution's capture is
     * offered when it ends; a query's when its result set closes) has been published — encoded and handed to
     * its sink and to the {@linkplain #listen listeners} — without waiting for the sink to deliver
     * it (a test's recorder needs that; an audit needs {@link #flush}).
     *
     * @return false when the timeout passed first
     */
    public static boolean awaitPublished(Duration timeout) {
        return Publishers.awaitProcessedAll(timeout.toMillis());
    }

    /**
     * Sets a JVM-wide default for an option (null removes it), below every configured source —
     * {@code activity.properties}, the environment, system properties, connection properties and
     * the URL — for connections opened afterwards: a test kit makes {@code none} the default sink
     * so that a test sends nothing anywhere unless its configuration names a sink.
     *
     * @throws java.sql.SQLException (an UnknownOptionException, 42000-class) when the key names no option
     */
    public static void setDefault(String key, String value) throws java.sql.SQLException {
        io.jdbcactivity.config.ActivityOptions.setJvmDefault(key, value);
    }

    /** Receives the application's events in the process: see {@link #listen}. */
    @FunctionalInterface
    public interface EventListener {
        /**
         * @param threadId the id of the application thread that ran the statement
         * @param json     the event as the sink gets it (UTF-8 JSON; the listener may keep it)
         */
        void event(long threadId, byte[] json);
    }

    /**
     * Hands every application event any publisher writes from now on to {@code listener}, on the
     * publisher's thread, until the returned handle is closed — what a test kit records. Events are
     * the ones the sink gets (after filters and sampling); with the {@code none} sink they are
     * encoded for the listener. With {@code callSites}, every connection takes its statements'
     * call sites meanwhile, whatever {@code activity.callSite} says. A listener that throws loses
     * nothing of the stream.
     */
    public static AutoCloseable listen(EventListener listener, boolean callSites) {
        Runnable remove = Taps.add(listener::event);
        if (callSites) {
            CallSites.forceOn(true);
        }
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                remove.run();
                if (callSites) {
                    CallSites.forceOn(false);
                }
            }
        };
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
