package io.jdbcactivity.sample;

import io.jdbcactivity.sample.stream.EventFilter;
import io.jdbcactivity.sample.stream.KinesisAccess;
import io.jdbcactivity.sample.stream.StartPosition;
import io.jdbcactivity.sample.stream.StreamTail;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code tail}: the stream viewer. Without {@code --follow} it reads what the stream holds and
 * exits; with it, it goes on until Ctrl-C, then reads to the tip once more and prints the summary.
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
                StreamOptions.plus(StreamOptions.VALUED, "--from", "--class", "--table", "--user"),
                Set.of("--follow", "--json"));
        StartPosition from = StartPosition.parse(line.get("--from", "start"));
        EventFilter filter = EventFilter.of(line.get("--class"), line.get("--table"), line.get("--user"));
        try (KinesisAccess kinesis = KinesisAccess.open(StreamOptions.target(line))) {
            StreamTail tail = new StreamTail(kinesis, from, filter, line.has("--json"), out, err);
            tail.open();
            // with --json, standard output stays pure JSON lines: the summary goes to standard error
            PrintStream summaryOut = line.has("--json") ? err : out;
            if (line.has("--follow")) {
                follow(tail, summaryOut);
            } else {
                tail.catchUp();
                tail.summary().print(summaryOut);
            }
        }
        return 0;
    }

    /** Follows until Ctrl-C (or the JVM is told to stop), which lets it catch up and print the summary. */
    private void follow(StreamTail tail, PrintStream summaryOut) {
        CountDownLatch finished = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(10, TimeUnit.SECONDS); // the summary is printed by the reading thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tail-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("(following " + tail.describe() + "; Ctrl-C stops and prints the summary)");
        try {
            tail.follow(stop::get);
            tail.summary().print(summaryOut);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running and waits for this thread
            }
        }
    }
}
