package io.jdbcactivity.sample;

import io.jdbcactivity.sample.stream.EventFilter;
import io.jdbcactivity.sample.stream.KinesisAccess;
import io.jdbcactivity.sample.stream.StartPosition;
import io.jdbcactivity.sample.stream.StreamTail;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code tail}: the stream viewer. Without {@code --follow} it reads what the stream holds and
 * exits; with it, it goes on until Ctrl-C. Either way it ends with the summary ({@link TailRunner}).
 */
final class TailCommand {
    private final PrintStream out;
    private final PrintStream err;

    TailCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        CommandLine line = CommandLine.parse(args,
                StreamOptions.plus(StreamOptions.VALUED, "--from", "--class", "--table", "--user", "--risk"),
                Set.of("--follow", "--json"));
        StartPosition from = StartPosition.parse(line.get("--from", "start"));
        EventFilter filter = EventFilter.of(line.get("--class"), line.get("--table"), line.get("--user"),
                line.get("--risk"));
        try (KinesisAccess kinesis = KinesisAccess.open(StreamOptions.target(line))) {
            StreamTail tail = new StreamTail(kinesis, from, filter, line.has("--json"), out, err);
            tail.open();
            if (line.has("--follow")) {
                err.println("(following " + tail.describe() + "; Ctrl-C stops and prints the summary)");
            }
            // with --json, standard output stays pure JSON lines: the summary goes to standard error
            new TailRunner(tail, line.has("--json") ? err : out, err).readHere(line.has("--follow"));
        }
        return 0;
    }
}
