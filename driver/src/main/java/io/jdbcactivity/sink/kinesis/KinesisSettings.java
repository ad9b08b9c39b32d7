package io.jdbcactivity.sink.kinesis;

import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.Option;
import java.util.List;

/** The Kinesis sink's options, read once when its publisher starts. */
record KinesisSettings(String stream, String region, String endpoint, String profile, String roleArn, int gzipLevel,
        long lingerNanos, long maxBufferBytes, long recordTtlNanos, int maxInFlight, int requestTimeoutMs,
        int connectTimeoutMs, long configRetryNanos, List<String> interceptors, int maxKeysPerConnection,
        long bytesPerKey) {

    /**
     * Measured on full 1 MiB envelopes of the shop's events (benchmarks/results/compression-and-sdk-
     * 2026-12-02.md): level 3 with a kept Deflater writes 19x fewer bytes at about 2 us of CPU per
     * event, and the SDK then hashes and copies 55 KB instead of 1 MiB per record, so a record
     * costs about the same CPU as sent plain; level 6 saves a third more bytes at twice the CPU,
     * level 1 is no cheaper here and writes 13 % more.
     */
    static final int GZIP_LEVEL = 3;

    static KinesisSettings of(ActivityOptions o) {
        String interceptors = o.get(Option.KINESIS_INTERCEPTORS);
        return new KinesisSettings(o.get(Option.KINESIS_STREAM), o.get(Option.KINESIS_REGION),
                o.get(Option.KINESIS_ENDPOINT), o.get(Option.KINESIS_PROFILE), o.get(Option.KINESIS_ROLE_ARN),
                o.getBoolean(Option.KINESIS_GZIP) ? GZIP_LEVEL : 0, millis(o, Option.KINESIS_LINGER_MS),
                o.getInt(Option.KINESIS_MAX_BUFFER_BYTES), millis(o, Option.KINESIS_RECORD_TTL_MS),
                o.getInt(Option.KINESIS_MAX_IN_FLIGHT), o.getInt(Option.KINESIS_REQUEST_TIMEOUT_MS),
                o.getInt(Option.KINESIS_CONNECT_TIMEOUT_MS), millis(o, Option.KINESIS_CONFIG_RETRY_MS),
                interceptors == null ? List.of() : List.of(interceptors.split("\\s*,\\s*")),
                o.getInt(Option.KINESIS_MAX_KEYS_PER_CONNECTION), o.getInt(Option.KINESIS_KEY_BYTES_PER_SECOND));
    }

    private static long millis(ActivityOptions o, Option option) {
        return o.getInt(option) * 1_000_000L;
    }

    boolean streamIsArn() {
        return stream.startsWith("arn:");
    }

    /** The region named in a stream ARN ({@code arn:aws:kinesis:eu-west-1:123:stream/x}), or null. */
    String regionFromArn() {
        String[] parts = stream.split(":");
        return streamIsArn() && parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
    }
}
