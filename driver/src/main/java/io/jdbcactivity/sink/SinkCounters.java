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
    public volatile long lastRequestMillis;
    public volatile String lastError;

    /** Events given up: never delivered. */
    public void lost(int events, String why) {
        lost.add(events);
        lastError = why;
    }
}
