package io.jdbcactivity.sink;

import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.Option;
import io.jdbcactivity.sink.kinesis.KinesisSink;
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
    public static Sink open(ActivityOptions options, String producerJson, ClassLoader interceptorLoader)
            throws IOException {
        return switch (options.get(Option.SINK)) {
            case "none" -> new NoneSink();
            case "jsonl" -> JsonlSink.open(options.get(Option.JSONL_PATH));
            default -> KinesisSink.open(options, producerJson, interceptorLoader);
        };
    }
}
