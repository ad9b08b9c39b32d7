package io.jdbcactivity.sink;

import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.Option;
import java.io.IOException;

/** Opens the sink an option set asks for. */
public final class Sinks {
    private Sinks() {
    }

    public static Sink open(ActivityOptions options) throws IOException {
        return switch (options.get(Option.SINK)) {
            case "none" -> new NoneSink();
            case "jsonl" -> JsonlSink.open(options.get(Option.JSONL_PATH));
            default -> new UnavailableSink("kinesis:" + options.get(Option.KINESIS_STREAM),
                    "the Kinesis sink is not part of this build yet; use activity.sink=jsonl or none");
        };
    }
}
