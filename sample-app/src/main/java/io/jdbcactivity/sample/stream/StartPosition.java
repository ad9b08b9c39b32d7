package io.jdbcactivity.sample.stream;

import io.jdbcactivity.sample.UsageException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Where reading starts ({@code --from}): {@code start} of the stream, {@code now}, or an ISO-8601 instant. */
public record StartPosition(ShardIteratorType type, Instant at) {
    public static final StartPosition START = new StartPosition(ShardIteratorType.TRIM_HORIZON, null);
    public static final StartPosition NOW = new StartPosition(ShardIteratorType.LATEST, null);

    public static StartPosition parse(String value) {
        switch (value) {
            case "start":
            case "trim-horizon":
                return START;
            case "now":
            case "latest":
                return NOW;
            default:
                try {
                    return new StartPosition(ShardIteratorType.AT_TIMESTAMP, Instant.parse(value));
                } catch (DateTimeParseException e) {
                    throw new UsageException("--from takes start, now or an instant like 2026-11-24T18:00:00Z, not "
                            + value);
                }
        }
    }

    void applyTo(GetShardIteratorRequest.Builder request) {
        request.shardIteratorType(type);
        if (at != null) {
            request.timestamp(at);
        }
    }
}
