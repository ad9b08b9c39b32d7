package io.jdbcactivity.sample.stream;

import java.time.Duration;

/**
 * When a {@link StreamTail} should stop. Following ends once a stop is requested; what has
 * arrived is then read to the tip, without a time limit ({@link #requestStop()}: the shop has
 * finished and its events are all to be shown) or within a grace period ({@link
 * #requestStopWithin(Duration)}: Ctrl-C, where the summary must be printed before the JVM ends).
 * Set from another thread (a shutdown hook), read by the reading thread.
 */
public final class StopSignal {
    private volatile boolean requested;
    private volatile long deadlineNanos;
    private volatile boolean hasDeadline;

    /** Stop following; reading to the tip may take as long as it needs. */
    public void requestStop() {
        requested = true;
    }

    /** Stop following, and stop reading {@code grace} from now at the latest (an earlier limit stays). */
    public synchronized void requestStopWithin(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        if (!hasDeadline || deadline - deadlineNanos < 0) {
            deadlineNanos = deadline;
            hasDeadline = true;
        }
        requested = true;
    }

    public boolean isRequested() {
        return requested;
    }

    /** True once a grace period was given and has passed: reading must end now. */
    public boolean deadlinePassed() {
        return hasDeadline && System.nanoTime() - deadlineNanos >= 0;
    }

    /** Time left before the deadline, or null without one: calls made now are cut to it. */
    public Duration remaining() {
        return hasDeadline ? Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())) : null;
    }
}
