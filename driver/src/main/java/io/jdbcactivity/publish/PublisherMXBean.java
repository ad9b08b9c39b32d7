package io.jdbcactivity.publish;

/**
 * JMX view of one publisher ({@code io.jdbcactivity:type=Publisher,...}): what operators watch to
 * tell a silent application from a broken producer.
 */
public interface PublisherMXBean {
    String getSink();

    /** {@code running} or {@code stopping} (a stopped publisher has no MBean; see {@code Activity.stats()}). */
    String getState();

    /** Events the application's executions produced; {@code captured = delivered + filtered + dropped + lost + pending}. */
    long getCaptured();

    /** Application events the sink confirmed (written to the file, acknowledged by Kinesis). */
    long getDelivered();

    /** Events left out by the filters or sampling (activity.filter.*, activity.sample.*): by choice, not lost. */
    long getFiltered();

    /** Events given up before reaching the sink: queue full (overflow policy), publisher stopping, stop deadline. */
    long getDropped();

    /** Events given up after reaching the sink (eviction, retries exhausted, cut off by a stop) or failed. */
    long getLost();

    /** Events neither delivered nor given up yet: queued or held by the sink. */
    long getPending();

    /** Heartbeats and loss markers delivered (counted apart from the application's events). */
    long getProducerEventsDelivered();

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
