package io.jdbcactivity.sink;

import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.Option;
import io.jdbcactivity.sink.kinesis.KinesisSink;
import io.jdbcactivity.sink.kinesis.SpooledSink;
import io.jdbcactivity.spool.Spool;
import io.jdbcactivity.spool.SpoolSettings;
import java.nio.file.Path;
import java.io.IOException;

/** Opens the sink an option set asks for. */
public final class Sinks {
    private Sinks() {
    }

    /**
     * @param producerJson      JSON object describing the publisher, for sinks that wrap events in envelopes
     * @param interceptorLoader where classes named in {@code activity.kinesis.interceptors} are looked up
     * @throws IOException              a file sink cannot open its file
     * @throws IllegalArgumentException the Kinesis sink's settings cannot work (no region, bad interceptor)
     */
    public static Sink open(ActivityOptions options, String producerId, String producerJson,
            ClassLoader interceptorLoader) throws IOException {
        return switch (options.get(Option.SINK)) {
            case "none" -> new NoneSink();
            case "jsonl" -> JsonlSink.open(options.get(Option.JSONL_PATH));
            default -> options.get(Option.SPOOL_DIR) == null ? KinesisSink.open(options, producerJson, interceptorLoader)
                    : spooled(options, producerId, producerJson, interceptorLoader);
        };
    }

    /**
     * The Kinesis sink behind a durable spool in {@code activity.spool.dir}, in a directory of this
     * publisher's own ({@code <dir>/<producerId>}); the directories of publishers that are gone are
     * adopted. An unusable directory fails the connect, as an unwritable jsonl path does.
     */
    private static Sink spooled(ActivityOptions options, String producerId, String producerJson,
            ClassLoader interceptorLoader) throws IOException {
        long maxBytes = options.getLong(Option.SPOOL_MAX_BYTES);
        Spool spool = Spool.open(Path.of(options.get(Option.SPOOL_DIR)), producerId, SpoolSettings.of(maxBytes));
        try {
            return new SpooledSink(spool, KinesisSink.open(options, producerJson, interceptorLoader),
                    SpooledSink.Fsync.valueOf(options.get(Option.SPOOL_FSYNC).toUpperCase(java.util.Locale.ROOT)),
                    options.getLong(Option.SPOOL_FSYNC_INTERVAL_MS), maxBytes);
        } catch (RuntimeException | Error e) {
            spool.close();
            throw e;
        }
    }
}
