package io.jdbcactivity.event;

import java.time.Instant;

/**
 * Turns the monotonic {@code System.nanoTime()} a capture recorded into wall-clock time, on the
 * publisher thread. The application thread thus reads one clock per boundary instead of two;
 * the offset between the clocks is re-read every second, so wall-clock adjustments (NTP) are
 * followed within a second.
 */
public class WallClock {
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private long offsetNanos;
    private long refreshedAt;
    private boolean initialised;

    /** Epoch microseconds of a {@code System.nanoTime()} reading taken moments ago. */
    public long epochMicros(long nanoTime) {
        long now = System.nanoTime();
        if (!initialised || now - refreshedAt > REFRESH_NANOS) {
            offsetNanos = currentEpochNanos() - now;
            refreshedAt = now;
            initialised = true;
        }
        return Math.floorDiv(nanoTime + offsetNanos, 1000L);
    }

    /** The wall clock in epoch nanoseconds (microsecond resolution on Linux). */
    protected long currentEpochNanos() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
