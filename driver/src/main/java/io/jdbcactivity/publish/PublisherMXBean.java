package io.jdbcactivity.publish;

/**
 * JMX view of one publisher ({@code io.jdbcactivity:type=Publisher,...}): what operators watch to
 * tell a silent application from a broken producer.
 */
public interface PublisherMXBean {
    String getSink();

    /** Captures taken into the queue. */
    long getCaptured();

    /** Events the sink confirmed (written to the file, acknowledged by Kinesis). */
    long getDelivered();

    /** Captures dropped before the queue: full (overflow policy) or publisher stopped. */
    long getDropped();

    /** Events lost after the queue: sink buffer eviction, retries exhausted, shutdown deadline, failures. */
    long getLost();

    long getRetried();

    long getThrottled();

    long getRequests();

    int getQueueDepth();

    long getBufferedBytes();

    int getInFlight();

    /** Calls allowed in flight now (lowered by throttling). */
    int getAllowedInFlight();

    /** The lowest calls-in-flight limit throttling has forced since the start (0 when never throttled). */
    int getLowestAllowedInFlight();

    long getLastRequestMillis();

    String getLastError();
}
