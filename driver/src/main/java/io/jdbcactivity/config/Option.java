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
    KINESIS_PROFILE("activity.kinesis.profile", null, "AWS profile for credentials (default: the SDK's credential chain)"),
    KINESIS_ROLE_ARN("activity.kinesis.roleArn", null, "IAM role to assume for writing to the stream"),
    KINESIS_GZIP("activity.kinesis.gzip", "false", "gzip each record (consumers detect it by its magic bytes)"),
    KINESIS_LINGER_MS("activity.kinesis.lingerMs", "100", "how long events may wait to fill a PutRecords batch"),
    KINESIS_MAX_BUFFER_BYTES("activity.kinesis.maxBufferBytes", "33554432",
            "encoded events held for sending and retrying, at most"),
    KINESIS_RECORD_TTL_MS("activity.kinesis.recordTtlMs", "600000", "how long a record is retried before it is given up"),
    KINESIS_MAX_IN_FLIGHT("activity.kinesis.maxInFlight", "8", "PutRecords calls under way at once"),
    KINESIS_REQUEST_TIMEOUT_MS("activity.kinesis.requestTimeoutMs", "10000", "timeout of one PutRecords call"),
    KINESIS_CONNECT_TIMEOUT_MS("activity.kinesis.connectTimeoutMs", "5000", "TCP connect timeout"),
    KINESIS_CONFIG_RETRY_MS("activity.kinesis.configRetryMs", "30000",
            "pause after a stream-not-found, access-denied or KMS error before trying again"),
    KINESIS_MAX_KEYS_PER_CONNECTION("activity.kinesis.maxKeysPerConnection", "8",
            "partition keys one connection is spread over when its events pass what one shard takes (1: never spread)"),
    KINESIS_KEY_BYTES_PER_SECOND("activity.kinesis.keyBytesPerSecond", "786432",
            "record bytes a second one partition key is given before its connection is spread over another"),
    KINESIS_INTERCEPTORS("activity.kinesis.interceptors", null,
            "comma-separated SDK ExecutionInterceptor classes added to the client (tracing, tests)"),
    JSONL_PATH("activity.jsonl.path", "-", "file the jsonl sink appends to; - is standard output"),
    APPLICATION("activity.application", null, "application name put in every event (clientApplication)"),
    PARAMETERS("activity.parameters", "redacted",
            "prepared-statement parameters in events: none, redacted (count and SQL types), hashed (SHA-256 of each value) or full"),
    COMMAND_TEXT("activity.commandText", "normalized",
            "commandText of events: normalized (literals replaced by ?), full (as written, passwords redacted) or none"),
    QUEUE_CAPACITY("activity.queue.capacity", "16384",
            "captures held for the publisher before new ones are dropped and counted (a power of two is used)"),
    QUEUE_MAX_SQL_CHARS("activity.queue.maxSqlChars", "33554432",
            "characters of large SQL texts (over 1 KiB each, and batches) the queued captures may hold"),
    OVERFLOW("activity.overflow", "drop-newest",
            "when the buffers are full: drop-newest, drop-oldest, or block (the application thread waits up to overflow.blockMs)"),
    OVERFLOW_BLOCK_MS("activity.overflow.blockMs", "50", "longest wait of an application thread with activity.overflow=block"),
    HEARTBEAT_INTERVAL_MS("activity.heartbeat.intervalMs", "30000", "interval of heartbeat events carrying the counters"),
    SHUTDOWN_TIMEOUT_MS("activity.shutdown.timeoutMs", "5000",
            "how long shutdown waits for queued events to be written"),
    SHUTDOWN_IDLE_MS("activity.shutdown.idleMs", "60000",
            "a publisher with no open connection for this long delivers what it holds and ends its threads (0: never)");

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
