package io.jdbcactivity.sink;

/**
 * What a sink reports about delivery. Written by the publisher thread only (a sink is used by no
 * other thread), read by the publisher's snapshot and by JMX: single-writer volatile fields, so a
 * reader never sees a torn value and the publisher's own snapshot is exact.
 *
 * <p>The application's events and the producer's own (heartbeats, loss markers) are counted
 * apart: for the application's events, every event a sink takes is at any time exactly one of
 * {@link #held()} (not yet delivered or given up), {@link #delivered()} or {@link #lost()}.
 */
public final class SinkCounters {
    private volatile long delivered;
    private volatile long lost;
    private volatile long held;
    private volatile long producerDelivered;
    private volatile long producerLost;
    private volatile long recoveredDelivered;
    private volatile long recoveredLost;
    private volatile long retried;
    private volatile long throttled;
    private volatile long requests;
    public volatile long bufferedBytes;
    public volatile int inFlight;
    /** Calls the sink allows in flight now: lowered by throttling, raised again by success. */
    public volatile int allowedInFlight;
    /** The lowest {@link #allowedInFlight} seen: how hard the stream pushed back. */
    public volatile int lowestAllowedInFlight = Integer.MAX_VALUE;
    public volatile long lastRequestMillis;
    public volatile String lastError;

    /** The sink took {@code events} events to deliver ({@code producer}: the producer's own). */
    public void taken(int events, boolean producer) {
        if (!producer) {
            held += events;
        }
    }

    /** {@code events} events were confirmed by the destination. */
    public void delivered(int events, boolean producer) {
        if (producer) {
            producerDelivered += events;
        } else {
            held -= events;
            delivered += events;
        }
    }

    /** {@code events} events taken earlier were given up: never delivered. */
    public void lost(int events, boolean producer, String why) {
        if (producer) {
            producerLost += events;
        } else {
            held -= events;
            lost += events;
        }
        lastError = why;
    }

    /**
     * Events a spool adopted from a publisher that was gone (a crash, a JVM killed) were delivered,
     * or given up: counted apart, as they are not this publisher's captures.
     */
    public void recovered(int events, boolean delivered) {
        if (delivered) {
            recoveredDelivered += events;
        } else {
            recoveredLost += events;
        }
    }

    public long recoveredDelivered() {
        return recoveredDelivered;
    }

    public long recoveredLost() {
        return recoveredLost;
    }

    public void retried() {
        retried++;
    }

    public void throttled() {
        throttled++;
    }

    public void request() {
        requests++;
    }

    /** Application events confirmed by the destination (file written, Kinesis acknowledged). */
    public long delivered() {
        return delivered;
    }

    /** Application events taken and then given up (evicted, expired, cut off by a stop, unwritable). */
    public long lost() {
        return lost;
    }

    /** Application events taken and neither delivered nor given up yet. */
    public long held() {
        return held;
    }

    public long producerDelivered() {
        return producerDelivered;
    }

    public long producerLost() {
        return producerLost;
    }

    public long retries() {
        return retried;
    }

    public long throttles() {
        return throttled;
    }

    public long requests() {
        return requests;
    }
}
