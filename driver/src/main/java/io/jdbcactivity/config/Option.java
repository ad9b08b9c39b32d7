package io.jdbcactivity.config;

import java.util.Locale;

/**
 * Every {@code activity.*} option the driver understands. Anything else under the prefix is an
 * error naming the nearest of these, so a typo never silently falls back to a default.
 */
public enum Option {
    SINK("activity.sink", "kinesis", "where events go: kinesis, jsonl or none"),
    KINESIS_STREAM("activity.kinesis.stream", null, "Kinesis data stream name or ARN"),
    KINESIS_REGION("activity.kinesis.region", null, "AWS region of the stream (default: the SDK's region chain)"),
    KINESIS_ENDPOINT("activity.kinesis.endpoint", null, "endpoint override, for emulators"),
    JSONL_PATH("activity.jsonl.path", "-", "file the jsonl sink appends to; - is standard output"),
    APPLICATION("activity.application", null, "application name put in every event (clientApplication)"),
    QUEUE_CAPACITY("activity.queue.capacity", "16384",
            "captures held for the publisher before new ones are dropped and counted (a power of two is used)"),
    SHUTDOWN_TIMEOUT_MS("activity.shutdown.timeoutMs", "5000",
            "how long shutdown waits for queued events to be written");

    /** Prefix shared by all keys; anything starting with it is ours and is removed before the target driver sees it. */
    public static final String PREFIX = "activity.";

    private final String key;
    private final String defaultValue;
    private final String description;

    Option(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Environment variable read for this option: {@code activity.kinesis.stream} is {@code ACTIVITY_KINESIS_STREAM}. */
    public String environmentVariable() {
        return key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    public static Option forKey(String key) {
        for (Option o : values()) {
            if (o.key.equals(key)) {
                return o;
            }
        }
        return null;
    }

    public static boolean isActivityKey(String key) {
        return key != null && key.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
