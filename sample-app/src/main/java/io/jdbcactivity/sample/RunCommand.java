package io.jdbcactivity.sample;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.jdbcactivity.sample.shop.ShopPool;
import io.jdbcactivity.sample.shop.ShopResult;
import io.jdbcactivity.sample.shop.ShopWorkload;
import io.jdbcactivity.sample.stream.EventFilter;
import io.jdbcactivity.sample.stream.KinesisAccess;
import io.jdbcactivity.sample.stream.StartPosition;
import io.jdbcactivity.sample.stream.StreamTail;
import io.jdbcactivity.sample.stream.StreamTarget;
import java.io.PrintStream;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code run}: the shop workload through a HikariCP pool. With {@code --tail} the viewer follows
 * the stream on a second thread while the shop works ({@link TailRunner}); at the end the
 * application deregisters the JDBC driver (as an application server does at undeploy), which
 * makes the driver deliver what is still queued, and the viewer reads to the tip before printing
 * its summary. A failure of the viewer makes the run fail too, once the shop is done.
 */
final class RunCommand {
    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws SQLException, InterruptedException {
        CommandLine line = CommandLine.parse(args, StreamOptions.plus(StreamOptions.VALUED, "--url", "--mysql",
                "--user", "--password", "--orders", "--threads", "--pace-ms", "--jsonl", "--from"),
                Set.of("--tail", "--plain"));
        if (line.has("--url") && line.has("--mysql")) {
            throw new UsageException("give --url or --mysql, not both");
        }
        String url = line.get("--url", line.get("--mysql", ShopPool.DEFAULT_URL));
        int orders = line.intValue("--orders", 200, 1, 10_000_000);
        int threads = line.intValue("--threads", 4, 1, 256);
        Duration pace = Duration.ofMillis(line.intValue("--pace-ms", 0, 0, 60_000));
        if (line.has("--stream") && line.has("--jsonl")) {
            throw new UsageException("give --stream (Kinesis) or --jsonl (a file), not both");
        }
        if (line.has("--tail") && !line.has("--stream")) {
            throw new UsageException("--tail reads a Kinesis stream: give --stream too");
        }
        if (line.has("--from") && !line.has("--tail")) {
            throw new UsageException("--from says where --tail starts reading: give --tail too");
        }
        if (line.has("--plain") && !line.has("--stream")) {
            throw new UsageException("--plain leaves the Kinesis records uncompressed: give --stream too");
        }

        Map<String, String> activity = new LinkedHashMap<>();
        activity.put("activity.application", "shop");
        KinesisAccess kinesis = null;
        TailRunner viewer = null;
        try {
            if (line.has("--stream")) {
                StreamTarget target = StreamOptions.target(line);
                kinesis = KinesisAccess.open(target); // before the pool: see JsonProtocol
                kinesis.requireStream(); // a missing stream or unreachable endpoint is said now, not found later
                activity.put("activity.sink", "kinesis");
                activity.put("activity.kinesis.stream", target.stream());
                putIfSet(activity, "activity.kinesis.region", target.region());
                putIfSet(activity, "activity.kinesis.endpoint", target.endpoint());
                if (line.has("--plain")) {
                    activity.put("activity.kinesis.gzip", "false");
                }
                if (line.has("--tail")) {
                    StreamTail tail = new StreamTail(kinesis, StartPosition.parse(line.get("--from", "now")),
                            EventFilter.ALL, false, out, err);
                    tail.open();
                    viewer = new TailRunner(tail, out, err);
                    viewer.startInBackground();
                }
            } else if (line.has("--jsonl")) {
                activity.put("activity.sink", "jsonl");
                activity.put("activity.jsonl.path", line.get("--jsonl"));
            }
            out.println("[shop] " + orders + " orders from " + threads + " shoppers"
                    + (pace.isZero() ? "" : ", each pausing " + pace.toMillis() + " ms before an order")
                    + " on " + MaskedUrl.of(ShopPool.activityUrl(url)));
            ShopResult result;
            try (HikariDataSource pool = openPool(url, line, threads, activity)) {
                result = new ShopWorkload(pool, orders, threads, pace, m -> out.println("[shop] " + m)).run();
            }
            out.println("[shop] ran " + result.statements() + " statements: " + result.ordersPlaced()
                    + " orders placed (" + result.orderLines() + " lines), " + result.ordersRejected()
                    + " rolled back (out of stock), " + result.failedStatements() + " refused, "
                    + result.riskyStatements() + " risky, " + result.reports() + " reports");
            if (viewer != null) {
                deliverQueuedEvents(ShopPool.activityUrl(url));
                viewer.finish();
            } else if (line.has("--stream")) {
                out.println("[shop] events go to " + kinesis.target().describe()
                        + "; the driver delivers what is still queued as the JVM exits");
            }
            return 0;
        } finally {
            if (viewer != null) {
                viewer.close(); // after a failure of the shop: the summary of what was read
            }
            if (kinesis != null) {
                kinesis.close();
            }
        }
    }

    private HikariDataSource openPool(String url, CommandLine line, int threads, Map<String, String> activity) {
        try {
            String user = line.get("--user", url.equals(ShopPool.DEFAULT_URL) ? ShopPool.DEFAULT_USER : null);
            return ShopPool.open(url, user, line.get("--password"), threads, activity);
        } catch (HikariPool.PoolInitializationException e) {
            // one line, as every usage error: the driver's first line says what failed (Connector/J
            // adds paragraphs about packets), and neither the URL nor the message may show a password
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String first = String.valueOf(cause.getMessage()).lines().findFirst().orElse("").strip();
            throw new UsageException("cannot connect with " + MaskedUrl.of(url) + ": " + MaskedUrl.of(first), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException(MaskedUrl.of(e.getMessage()), e);
        }
    }

    /**
     * Deregisters the jdbc-activity driver through plain JDBC: like an application server at
     * undeploy, this makes the driver deliver its queued events before returning.
     */
    private void deliverQueuedEvents(String url) {
        try {
            Driver driver = DriverManager.getDriver(url);
            DriverManager.deregisterDriver(driver);
        } catch (SQLException e) {
            err.println("(the driver could not be deregistered: " + e.getMessage()
                    + "; its shutdown hook delivers the queued events at exit)");
        }
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
