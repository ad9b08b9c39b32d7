package io.jdbcactivity.config;

import java.util.Locale;

/**
 * Every {@code activity.*} option the driver understands, with the values each accepts. Anything
 * else under the prefix in the URL or the connection properties is an error naming the nearest of
 * these, so a typo never silently falls back to a default; in sources shared with other software
 * (system properties, the environment, {@code activity.properties}) it is a warning.
 */
public enum Option {
    // key, default, values accepted (with the reason for each range: it is said with every
    // refusal), description. A new option is one entry here; ActivityOptions checks it.
    SINK("activity.sink", "kinesis", Allowed.oneOf("kinesis", "jsonl", "none"), "where events go: kinesis, jsonl or none"),
    KINESIS_STREAM("activity.kinesis.stream", null, Allowed.text(), "Kinesis data stream name or ARN"),
    // Whether the SDK knows the region is checked by the sink when it starts (KinesisClients.region):
    // it takes the SDK's metadata, and any region goes with an endpoint override.
    KINESIS_REGION("activity.kinesis.region", null, Allowed.text(),
            "AWS region of the stream (default: the SDK's region chain)"),
    KINESIS_ENDPOINT("activity.kinesis.endpoint", null, Allowed.text(), "endpoint override, for emulators"),
    KINESIS_PROFILE("activity.kinesis.profile", null, Allowed.text(),
            "AWS profile for credentials (default: the SDK's credential chain)"),
    KINESIS_ROLE_ARN("activity.kinesis.roleArn", null, Allowed.text(), "IAM role to assume for writing to the stream"),
    KINESIS_GZIP("activity.kinesis.gzip", "true", Allowed.oneOf("true", "false"),
            "gzip each record, at level 3 (consumers detect it by its magic bytes)"),
    KINESIS_LINGER_MS("activity.kinesis.lingerMs", "100", Allowed.range(1, 60_000,
            "Events wait at most this long for company before they are sent; a minute is already "
                    + "longer than anyone watching the stream expects to wait."),
            "how long events may wait to fill a PutRecords batch"),
    KINESIS_MAX_BUFFER_BYTES("activity.kinesis.maxBufferBytes", "33554432", Allowed.range(1 << 20, 1 << 30,
            "The buffer must hold one Kinesis record (1 MiB) so the largest event fits; it lives on the "
                    + "application's heap, where more than 1 GiB is a hazard, not a buffer."),
            "encoded events held for sending and retrying, at most"),
    KINESIS_RECORD_TTL_MS("activity.kinesis.recordTtlMs", "600000", Allowed.range(1_000, 86_400_000,
            "A record needs at least a second to get one call; records wait in memory, and an outage "
                    + "longer than a day is not bridged by retrying (its losses are counted)."),
            "how long a record is retried before it is given up"),
    KINESIS_MAX_IN_FLIGHT("activity.kinesis.maxInFlight", "8", Allowed.range(1, 64,
            "Each call carries up to 5 MiB on two HTTP connections; a stream's shards throttle long "
                    + "before 64 calls at once are useful."),
            "PutRecords calls under way at once"),
    KINESIS_REQUEST_TIMEOUT_MS("activity.kinesis.requestTimeoutMs", "10000", Allowed.range(100, 300_000,
            "A call needs more than 100 ms even within a region; a call stuck for more than 5 minutes "
                    + "only holds one of the maxInFlight slots."),
            "timeout of one PutRecords call"),
    KINESIS_CONNECT_TIMEOUT_MS("activity.kinesis.connectTimeoutMs", "5000", Allowed.range(100, 60_000,
            "A TCP handshake takes tens of milliseconds even across regions; a network that has not "
                    + "answered in a minute is down."),
            "TCP connect timeout"),
    KINESIS_CONFIG_RETRY_MS("activity.kinesis.configRetryMs", "30000", Allowed.range(100, 3_600_000,
            "Retrying a missing stream or a denied access sooner than 100 ms only repeats the error; "
                    + "after more than an hour a stream created meanwhile waits too long."),
            "pause after a stream-not-found, access-denied or KMS error before trying again"),
    KINESIS_MAX_KEYS_PER_CONNECTION("activity.kinesis.maxKeysPerConnection", "8", Allowed.range(1, 64,
            "A connection spread over more keys than the stream has shards gains nothing; 64 keys take "
                    + "64 MiB/s, more than one connection of one application produces."),
            "partition keys one connection is spread over when its events pass what one key is given (1: never spread)"),
    KINESIS_KEY_BYTES_PER_SECOND("activity.kinesis.keyBytesPerSecond", "786432", Allowed.range(1_024, 1 << 20,
            "A shard takes 1 MiB/s; the default, three quarters of it, leaves room for the other "
                    + "connections whose keys hash to the same shard."),
            "record bytes a second one partition key is given before its connection is spread over another"),
    KINESIS_INTERCEPTORS("activity.kinesis.interceptors", null, Allowed.text(),
            "comma-separated SDK ExecutionInterceptor classes added to the client (tracing, tests)"),
    SPOOL_DIR("activity.spool.dir", null, Allowed.text(),
            "directory of the durable spool (kinesis sink): events are kept on disk until Kinesis accepts them, "
                    + "and a publisher that starts sends what a dead one left there"),
    SPOOL_MAX_BYTES("activity.spool.maxBytes", "1073741824", Allowed.range(16L << 20, 1L << 40,
            "The spool must hold a few segments of a few megabytes; beyond a terabyte it outgrows the disk "
                    + "it shares with the application."),
            "disk the spool may use; past it the overflow policy applies (activity.overflow)"),
    SPOOL_FSYNC("activity.spool.fsync", "interval", Allowed.oneOf("interval", "always"),
            "when the spool's files are forced to the disk: every activity.spool.fsyncIntervalMs, or after every write"),
    SPOOL_FSYNC_INTERVAL_MS("activity.spool.fsyncIntervalMs", "1000", Allowed.range(1, 60_000,
            "What a power loss can take is at most this much of the events; beyond a minute the spool "
                    + "is hardly durable."),
            "interval of the spool's fsync with activity.spool.fsync=interval"),
    DELIVERY("activity.delivery", "async", Allowed.oneOf("async", "sync"),
            "sync: an execution returns only once its event is durable in the spool (needs activity.spool.dir)"),
    DELIVERY_SYNC_TIMEOUT_MS("activity.delivery.syncTimeoutMs", "5000", Allowed.range(1, 300_000,
            "An execution waits at most this long for its event to be durable; then it goes on and the wait is "
                    + "counted: an audit trail must not become the outage."),
            "longest wait of an execution for its event to be durable with activity.delivery=sync"),
    JSONL_PATH("activity.jsonl.path", "-",
            Allowed.nonEmptyText("an empty path names no file; for standard output write activity.jsonl.path=-"),
            "file the jsonl sink appends to; - is standard output"),
    APPLICATION("activity.application", null, Allowed.text(), "application name put in every event (clientApplication)"),
    PARAMETERS("activity.parameters", "redacted", Allowed.oneOf("none", "redacted", "hashed", "full"),
            "prepared-statement parameters in events: none, redacted (count and SQL types), hashed (SHA-256 of each value) or full"),
    DRIVER_STATEMENTS("activity.driverStatements", "true", Allowed.oneOf("true", "false"),
            "publish JDBC calls that make the target driver run SQL of its own (metadata, session settings) as "
                    + "events of statementKind DRIVER"),
    SENSITIVE("activity.sensitive", null, Allowed.written(
            "comma-separated column patterns table.column or schema.table.column, * and ? as globs",
            io.jdbcactivity.analyze.SensitiveColumns::problem),
            "columns whose reading or writing an event flags (SENSITIVE_READ, SENSITIVE_WRITE) and names, "
                    + "e.g. users.ssn,cards.*,*.password"),
    CALL_SITE("activity.callSite", "false", Allowed.written("true, false or a share of statements from 0 to 1",
            io.jdbcactivity.capture.CallSites::problem),
            "put the application's call site (first stack frame outside JDBC, pools, ORMs and the driver) in "
                    + "clientAuditFields.callSite: false, true, or a share of statements; taken on the application thread"),
    CALL_SITE_SKIP("activity.callSite.skip", null, Allowed.text(),
            "comma-separated class name prefixes that are not the call site either (the application's own "
                    + "data-access base classes, say)"),
    COMMAND_TEXT("activity.commandText", "normalized", Allowed.oneOf("normalized", "full", "none"),
            "commandText of events: normalized (literals replaced by ?), full (as written, passwords redacted) or none"),
    // empty means none, as for any option: a URL may switch off a list activity.properties names
    ALLOWLIST("activity.allowlist", null, Allowed.text(),
            "the statement shapes the application may run: a file or classpath:resource of digests, as "
                    + "activity.allowlist.record writes it; a list that cannot be read refuses the connection"),
    ALLOWLIST_MODE("activity.allowlist.mode", "detect", Allowed.oneOf("detect", "protect"),
            "with activity.allowlist: detect (events of unlisted statements carry the risk UNLISTED_STATEMENT) "
                    + "or protect (unlisted statements are also refused with SQLState 42000, before they reach "
                    + "the database)"),
    ALLOWLIST_RECORD("activity.allowlist.record", null, Allowed.text(),
            "file the publisher adds every statement shape it sees to (digest and one normal form per line, "
                    + "merged with what the file holds), e.g. during the application's integration tests"),
    ALLOWLIST_RECORD_INTERVAL_MS("activity.allowlist.record.intervalMs", "10000", Allowed.range(100, 3_600_000,
            "The file is rewritten whole each time new shapes arrived; more often than every 100 ms is I/O "
                    + "for nothing, and the publisher's stop writes it anyway."),
            "how often new shapes are written to activity.allowlist.record (and at the publisher's stop)"),
    FILTER_INCLUDE("activity.filter.include", null, Allowed.written(
            "comma-separated field:pattern terms (fields: class, command, table, user, application, risk, digest, error, slowerThanMs)",
            v -> io.jdbcactivity.filter.Selection.problem(v, null, null, null)),
            "publish only events matching one of these terms, e.g. class:WRITE,table:orders* (connection events, "
                    + "errors and risk flags are always published)"),
    FILTER_EXCLUDE("activity.filter.exclude", null, Allowed.written(
            "comma-separated field:pattern terms (fields: class, command, table, user, application, risk, digest, error, slowerThanMs)",
            v -> io.jdbcactivity.filter.Selection.problem(null, v, null, null)),
            "leave out events matching any of these terms, e.g. table:flyway_*,command:SHOW (connection events, "
                    + "errors and risk flags are always published)"),
    FILTER_MIN_DURATION_MS("activity.filter.minDurationMs", "0", Allowed.range(0, 3_600_000,
            "A statement slower than an hour is not a threshold but an outage."),
            "leave out events faster than this (0: none; errors and risk flags are always published)"),
    SAMPLE_RATES("activity.sample.rates", null, Allowed.written("comma-separated CLASS:rate, each rate from 0 to 1",
            v -> io.jdbcactivity.filter.Selection.problem(null, null, v, null)),
            "keep this share of each class's events, e.g. READ:0.01 (a class not named: all); kept events carry "
                    + "clientAuditFields.sampleRate"),
    SAMPLE_BY("activity.sample.by", "transaction", Allowed.oneOf("transaction", "digest"),
            "what sampling keeps together: a transaction's statements (by a hash of connection and transaction) "
                    + "or one in every 1/rate events of each statement shape (digest)"),
    SUMMARY_INTERVAL_MS("activity.summary.intervalMs", "0", Allowed.range(1_000, 86_400_000,
            "A summary a second is already as many events as a busy shape's own; one a day is the longest "
                    + "a consumer waits for figures.").or(0, "off"),
            "write a summary per statement shape (digest, user, database, application) every interval: count, "
                    + "errors, rows, time and a latency histogram of every statement, before filters and sampling (0: off)"),
    SUMMARY_MAX_DIGESTS("activity.summary.maxDigests", "1000", Allowed.range(1, 100_000,
            "Each shape summarised holds its text and 40 counters until the interval ends; past 100,000 "
                    + "the summaries outgrow the events they stand for."),
            "statement shapes summarised per interval; the events of others go to one summary with digest null"),
    QUEUE_CAPACITY("activity.queue.capacity", "16384", Allowed.range(2, 1 << 20,
            "The queue is an array allocated whole, rounded up to a power of two; 1,048,576 captures, "
                    + "each holding its SQL and parameters, already take hundreds of megabytes of heap."),
            "captures held for the publisher before new ones are dropped and counted (a power of two is used)"),
    QUEUE_MAX_SQL_CHARS("activity.queue.maxSqlChars", "33554432", Allowed.range(1 << 20, 1 << 30,
            "One statement of a million characters (a multi-row INSERT) must fit; MySQL takes no "
                    + "statement over 1 GiB (max_allowed_packet), so a larger bound bounds nothing."),
            "characters of large SQL texts (over 1 KiB each, and batches) the queued captures may hold"),
    OVERFLOW("activity.overflow", "drop-newest", Allowed.oneOf("drop-newest", "drop-oldest", "block"),
            "when the buffers are full: drop-newest, drop-oldest, or block (the application thread waits up to overflow.blockMs)"),
    OVERFLOW_BLOCK_MS("activity.overflow.blockMs", "50", Allowed.range(1, 60_000,
            "An application thread waits up to this long per statement; beyond a minute it looks like "
                    + "a hung database to the pool and the caller."),
            "longest wait of an application thread with activity.overflow=block"),
    HEARTBEAT_INTERVAL_MS("activity.heartbeat.intervalMs", "30000", Allowed.range(100, 3_600_000,
            "Each heartbeat is an event in the stream; more than an hour apart, a consumer cannot tell "
                    + "a quiet producer from a dead one."),
            "interval of heartbeat events carrying the counters"),
    SHUTDOWN_TIMEOUT_MS("activity.shutdown.timeoutMs", "5000", Allowed.range(100, 300_000,
            "Delivery needs at least one round trip; the wait delays the JVM's exit, and orchestrators "
                    + "kill a process long before 5 minutes."),
            "how long shutdown waits for queued events to be written"),
    SHUTDOWN_QUIET_MS("activity.shutdown.quietMs", "1000", Allowed.range(0, 300_000,
            "While the JVM exits with connections still open, the driver keeps capturing until the application "
                    + "has been quiet this long (its own shutdown hooks run at the same time); more than the "
                    + "shutdown timeout would never be waited for."),
            "while the JVM exits with connections open: stop once no statement arrived for this long (bounded by activity.shutdown.timeoutMs)"),
    SHUTDOWN_IDLE_MS("activity.shutdown.idleMs", "60000", Allowed.range(100, 86_400_000,
            "Retiring sooner than 100 ms after the last connection closes restarts threads and "
                    + "clients for every connection of an application without a pool; 0 keeps the publisher.")
            .or(0, "never"),
            "a publisher with no open connection for this long delivers what it holds and ends its threads (0: never)");

    /** Prefix shared by all keys; anything starting with it is ours and is removed before the target driver sees it. */
    public static final String PREFIX = "activity.";

    private final String key;
    private final String defaultValue;
    private final Allowed allowed;
    private final String description;

    Option(String key, String defaultValue, Allowed allowed, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
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

    /** The values this option accepts. */
    public Allowed allowed() {
        return allowed;
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

    /** The option read from environment variable {@code name} ({@code ACTIVITY_KINESIS_STREAM}), or null. */
    public static Option forEnvironmentVariable(String name) {
        for (Option o : values()) {
            if (o.environmentVariable().equals(name)) {
                return o;
            }
        }
        return null;
    }

    public static boolean isActivityKey(String key) {
        return key != null && key.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}
