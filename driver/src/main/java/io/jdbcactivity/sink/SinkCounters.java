package io.jdbcactivity.sink;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a sink reports about delivery: written by the publisher thread, read by stats and JMX from
 * any thread.
 */
public final class SinkCounters {
    public final LongAdder delivered = new LongAdder();
    public final LongAdder lost = new LongAdder();
    public final LongAdder retried = new LongAdder();
    public final LongAdder throttled = new LongAdder();
    public final LongAdder requests = new LongAdder();
    public volatile long bufferedBytes;
    public volatile int inFlight;
    /** Calls the sink allows in flight now: lowered by throttling, raised again by success. */
    public volatile int allowedInFlight;
    /** The lowest {@link #allowedInFlight} seen: how hard the stream pushed back. */
    public volatile int lowestAllowedInFlight = Integer.MAX_VALUE;
    public volatile long lastRequestMillis;
    public volatile String lastError;

    /** Events given up: never delivered. */
    public void lost(int events, String why) {
        lost.add(events);
        lastError = why;
    }
}
