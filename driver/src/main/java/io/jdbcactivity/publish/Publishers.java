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
 * it; created on first use, stopped by {@link #shutdownAll} (public API, driver deregistration,
 * JVM shutdown hook) or by itself once no connection has used it for {@code activity.shutdown.idleMs}.
 */
public final class Publishers {
    private static final Map<String, Publisher> BY_KEY = new ConcurrentHashMap<>();
    /** Guards the shutdown hook only: publisher threads take it as they end, never the class lock. */
    private static final Object HOOK_LOCK = new Object();
    private static Thread shutdownHook;

    private Publishers() {
    }

    /**
     * The running publisher for these options, starting one (and opening its sink) if needed,
     * with the calling connection counted in: it must {@link Publisher#release()} it once.
     */
    public static Publisher acquire(ActivityOptions options) throws SQLException {
        String key = options.publisherKey();
        Publisher p = BY_KEY.get(key);
        if (p != null && p.acquire()) {
            return p;
        }
        synchronized (Publishers.class) {
            p = BY_KEY.get(key);
            if (p != null && p.acquire()) {
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
                    EventEncoder.CommandTextMode.of(options.get(Option.COMMAND_TEXT)),
                    options.getInt(Option.SHUTDOWN_IDLE_MS), options.getInt(Option.SHUTDOWN_TIMEOUT_MS));
            p.acquire(); // before its thread runs: a new publisher never retires before its first user
            p.start();
            BY_KEY.put(key, p);
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
        for (Publisher p : BY_KEY.values()) {
            p.close(p.shutdownMillis());
        }
        BY_KEY.clear();
        removeShutdownHook();
    }

    /** A publisher's thread ended (shut down, or retired for idleness): forget it, and the hook with the last one. */
    static void ended(Publisher p) {
        BY_KEY.values().removeIf(v -> v == p);
        synchronized (HOOK_LOCK) {
            if (BY_KEY.isEmpty()) {
                removeShutdownHook(); // the hook would otherwise pin the driver's class loader
            }
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
        synchronized (HOOK_LOCK) {
            if (shutdownHook == null) {
                shutdownHook = DriverThreads.newThread(Publishers::shutdownAll, "jdbc-activity-shutdown");
                try {
                    Runtime.getRuntime().addShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    shutdownHook = null;
                }
            }
        }
    }

    private static void removeShutdownHook() {
        synchronized (HOOK_LOCK) {
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException alreadyShuttingDown) {
                    // the JVM is exiting: the hook runs (or ran) anyway
                }
                shutdownHook = null;
            }
        }
    }

    /** Whether the JVM shutdown hook is installed (it is while any publisher runs). */
    static boolean shutdownHookInstalled() {
        synchronized (HOOK_LOCK) {
            return shutdownHook != null;
        }
    }
}
