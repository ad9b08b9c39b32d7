package io.jdbcactivity.sample;

import io.jdbcactivity.sample.stream.StreamTarget;
import java.util.Set;

/** The options every command that talks to Kinesis shares. */
final class StreamOptions {
    static final Set<String> VALUED = Set.of("--stream", "--region", "--endpoint");

    private StreamOptions() {
    }

    static StreamTarget target(CommandLine line) {
        String stream = line.get("--stream");
        if (stream == null || stream.isBlank()) {
            throw new UsageException("--stream is required (a Kinesis stream name or ARN)");
        }
        return new StreamTarget(stream, line.get("--region"), line.get("--endpoint"));
    }

    static Set<String> plus(Set<String> a, String... more) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(Set.of(more));
        return all;
    }
}
