package io.jdbcactivity.sample;

import io.jdbcactivity.sample.stream.KinesisAccess;
import io.jdbcactivity.sample.stream.StreamTarget;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code create-stream}: for an emulator or a test account (production streams belong to infrastructure code). */
final class CreateStreamCommand {
    private final PrintStream out;

    CreateStreamCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        CommandLine line = CommandLine.parse(args, StreamOptions.plus(StreamOptions.VALUED, "--shards"), Set.of());
        StreamTarget target = StreamOptions.target(line);
        int shards = line.intValue("--shards", 1, 1, 500);
        try (KinesisAccess kinesis = KinesisAccess.open(target)) {
            boolean created = kinesis.createStream(shards);
            out.println(target.describe() + (created ? " created with " + shards + " shard(s)" : " already exists")
                    + ", ACTIVE");
        }
        return 0;
    }
}
