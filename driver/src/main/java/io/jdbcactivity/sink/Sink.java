package io.jdbcactivity.sink;

import io.jdbcactivity.event.EncodedEvent;
import java.io.IOException;

/**
 * Where encoded events go. Called only from the publisher's thread, so implementations keep their
 * state unlocked. Every event a sink accepts is accounted for in the {@link SinkCounters} it is
 * bound to: held until it is delivered or given up (lost), never silently forgotten. A sink that
 * throws from {@link #write} has not taken that event (the publisher counts it lost).
 */
public interface Sink extends AutoCloseable {
    /** False for a sink that discards everything, so the publisher skips analysis and encoding. */
    default boolean wantsEvents() {
        return true;
    }

    /** Called once by the publisher before the first write. */
    default void bind(SinkCounters counters) {
    }

    /**
     * One application event as a JSON object; events of one partition key must stay in order.
     *
     * @return false when the event is too large for the sink (not taken): the publisher writes it
     *         again trimmed
     */
    boolean write(EncodedEvent event, String partitionKey) throws IOException;

    /**
     * A producer event (heartbeat, loss marker): like {@link #write}, but counted apart from the
     * application's events and never given up to make room, since it is what tells the consumer
     * about the losses.
     */
    boolean writeControl(EncodedEvent event, String partitionKey) throws IOException;

    /** Whether the sink can take more events now; when not, the publisher applies the overflow policy. */
    default boolean hasRoom() {
        return true;
    }

    /**
     * Makes room by giving up the oldest buffered events (counted as lost), for
     * {@code activity.overflow=drop-oldest}.
     *
     * @return false when nothing could be given up
     */
    default boolean evictOldest() {
        return false;
    }

    /** Time-driven work (linger, retries, completions), called at least every few milliseconds. */
    default void tick(long nowNanos) {
    }

    /**
     * How long until {@link #tick} has work (a linger time ending, a retry due, a periodic
     * flush), from {@code nowNanos}; {@code Long.MAX_VALUE} for nothing timed. A sink that is
     * answered asynchronously wakes the publisher's thread itself ({@code LockSupport.unpark}).
     */
    default long nanosUntilDue(long nowNanos) {
        return Long.MAX_VALUE;
    }

    /** Starts delivering everything written so far (a file sink writes it out). */
    void flush() throws IOException;

    /**
     * Makes everything written so far durable ({@code activity.delivery=sync}: a spool forces its
     * files to the disk); false when it could not.
     */
    default boolean makeDurable() {
        return true;
    }

    /** True when nothing written is still waiting for delivery. */
    default boolean idle() {
        return true;
    }

    /**
     * A stop reached its deadline: gives up every application event still waiting that is not in
     * a delivery under way (counted lost), so that the loss is counted before the closing
     * heartbeat is written.
     *
     * @return how many application events were given up
     */
    default long abandonWaiting() {
        return 0;
    }

    /** Releases resources; whatever is still undelivered is counted as lost. */
    @Override
    void close() throws IOException;

    /** For logs and errors: what the sink writes to. */
    String describe();
}
