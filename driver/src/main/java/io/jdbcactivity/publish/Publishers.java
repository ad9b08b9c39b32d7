package io.jdbcactivity.publish;

import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.Option;
import io.jdbcactivity.event.EventEncoder;
import io.jdbcactivity.sink.Sink;
import io.jdbcactivity.sink.Sinks;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One publisher per distinct sink configuration, shared by every connection and pool that uses
 * it; created on first use, stopped by {@link #shutdownAll} (public API or JVM shutdown hook).
 */
public final class Publishers {
    private static final Map<String, Publisher> BY_KEY = new ConcurrentHashMap<>();
    private static final Map<String, Long> SHUTDOWN_TIMEOUTS = new ConcurrentHashMap<>();
    private static Thread shutdownHook;

    private Publishers() {
    }

    /** The running publisher for these options, starting one (and opening its sink) if needed. */
    public static Publisher forOptions(ActivityOptions options) throws SQLException {
        String key = options.publisherKey();
        Publisher p = BY_KEY.get(key);
        if (p != null && !p.isStopping()) {
            return p;
        }
        synchronized (Publishers.class) {
            p = BY_KEY.get(key);
            if (p != null && !p.isStopping()) {
                return p;
            }
            String producerId = ProducerIds.next();
            Sink sink;
            try {
                sink = Sinks.open(options, ProducerIds.describe(producerId));
            } catch (IOException e) {
                throw new SQLException("jdbc-activity cannot open its " + options.get(Option.SINK) + " sink ("
                        + Option.JSONL_PATH.key() + "=" + options.get(Option.JSONL_PATH) + "): " + e.getMessage(),
                        "08001", e);
            } catch (RuntimeException e) {
                throw new SQLException("jdbc-activity cannot start its " + options.get(Option.SINK) + " sink: "
                        + e.getMessage(), "08001", e);
            }
            p = new Publisher(sink, options.getInt(Option.QUEUE_CAPACITY), options.getInt(Option.QUEUE_MAX_SQL_CHARS),
                    Publisher.Overflow.of(options.get(Option.OVERFLOW)), options.getInt(Option.OVERFLOW_BLOCK_MS),
                    options.getInt(Option.HEARTBEAT_INTERVAL_MS), producerId,
                    EventEncoder.CommandTextMode.of(options.get(Option.COMMAND_TEXT)));
            p.start();
            BY_KEY.put(key, p);
            SHUTDOWN_TIMEOUTS.put(key, (long) options.getInt(Option.SHUTDOWN_TIMEOUT_MS));
            installShutdownHook();
            return p;
        }
    }

    /** Flushes every publisher; false when one did not finish within the timeout. */
    public static boolean flushAll(long timeoutMillis) {
        boolean all = true;
        for (Publisher p : BY_KEY.values()) {
            all &= p.flush(timeoutMillis);
        }
        return all;
    }

    /** Stops every publisher, writing what is queued within each one's shutdown timeout. */
    public static synchronized void shutdownAll() {
        for (Map.Entry<String, Publisher> e : BY_KEY.entrySet()) {
            e.getValue().close(SHUTDOWN_TIMEOUTS.getOrDefault(e.getKey(), 5000L));
        }
        BY_KEY.clear();
        SHUTDOWN_TIMEOUTS.clear();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting: the hook runs (or ran) anyway
            }
            shutdownHook = null;
        }
    }

    public static List<PublisherStats> stats() {
        List<PublisherStats> out = new ArrayList<>();
        for (Publisher p : BY_KEY.values()) {
            out.add(p.stats());
        }
        return out;
    }

    /** True while a publisher thread is running: lets tests and containers check nothing is left behind. */
    public static boolean anyThreadAlive() {
        for (Publisher p : BY_KEY.values()) {
            if (p.isThreadAlive()) {
                return true;
            }
        }
        return false;
    }

    private static void installShutdownHook() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(Publishers::shutdownAll, "jdbc-activity-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }
}
