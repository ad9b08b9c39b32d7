package io.jdbcactivity.publish;

import io.jdbcactivity.analyze.ParseWatchdog;
import io.jdbcactivity.allowlist.AllowlistRecorder;
import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.InvalidOptionException;
import io.jdbcactivity.config.Option;
import io.jdbcactivity.config.UncheckedOptionException;
import io.jdbcactivity.event.EventEncoder;
import io.jdbcactivity.filter.Selection;
import io.jdbcactivity.sink.Sink;
import io.jdbcactivity.sink.Sinks;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One publisher per distinct sink configuration, shared by every connection and pool that uses
 * it; created on first use, stopped by {@link #shutdownAll} (public API, driver deregistration,
 * JVM shutdown hook) or by itself once no connection has used it for {@code activity.shutdown.idleMs}.
 */
public final class Publishers {
    /** The publisher that takes new connections, per configuration. */
    private static final Map<String, Publisher> BY_KEY = new ConcurrentHashMap<>();
    /**
     * Every publisher whose thread may still run, including stopping ones that BY_KEY no longer
     * offers: what shutdown waits for, and what {@link #anyThreadAlive} looks at.
     */
    private static final Set<Publisher> RUNNING = ConcurrentHashMap.newKeySet();
    /** One lock per configuration: opening a sink (a region lookup, say) holds up only its own kind. */
    private static final Map<String, Object> OPEN_LOCKS = new ConcurrentHashMap<>();
    /** Guards the shutdown hook only: publisher threads take it as they end. */
    private static final Object HOOK_LOCK = new Object();
    private static Thread shutdownHook;
    /** Set by the JVM shutdown hook: connections then stop moving to new publishers. */
    private static volatile boolean jvmExiting;
    /**
     * The accounting of the last stopped publishers, newest first: their final figures stay
     * readable through {@code Activity.stats()} (a stop's losses must not die with the publisher).
     * Counters only, so keeping them pins no class loader; bounded, so a pool that retires and
     * restarts publishers for days keeps a few.
     */
    private static final java.util.Deque<Ledger> STOPPED = new java.util.concurrent.ConcurrentLinkedDeque<>();
    static final int STOPPED_KEPT = 16;

    private Publishers() {
    }

    /**
     * The running publisher for these options, starting one (and opening its sink) if needed,
     * with the calling connection counted in: it must {@link Publisher#release()} it once.
     */
    public static Publisher acquire(ActivityOptions options) throws SQLException {
        // Interceptor classes are the application's: they are looked up in the connecting thread's
        // context class loader, and two class loaders never share a publisher (nor its classes).
        ClassLoader interceptorLoader = options.get(Option.KINESIS_INTERCEPTORS) == null ? null
                : Thread.currentThread().getContextClassLoader();
        String key = interceptorLoader == null ? options.publisherKey()
                : options.publisherKey() + "loader=" + System.identityHashCode(interceptorLoader);
        Publisher p = BY_KEY.get(key);
        if (p != null && p.acquire()) {
            return p;
        }
        synchronized (OPEN_LOCKS.computeIfAbsent(key, k -> new Object())) {
            p = BY_KEY.get(key);
            if (p != null && p.acquire()) {
                return p;
            }
            p = start(options, interceptorLoader);
            BY_KEY.put(key, p);
            return p;
        }
    }

    /** A new publisher, its sink opened on a driver thread, with the caller counted in. */
    private static Publisher start(ActivityOptions options, ClassLoader interceptorLoader) throws SQLException {
        java.nio.file.Path record = recordPath(options);
        String producerId = ProducerIds.next();
        Sink sink;
        try {
            // On a thread of the driver's own: the SDK client's credential providers and Netty may
            // start threads or fill thread-locals, which must not belong to a container's worker.
            sink = DriverThreads.call("jdbc-activity-open-sink",
                    () -> Sinks.open(options, producerId, ProducerIds.describe(producerId), interceptorLoader));
        } catch (UncheckedOptionException e) {
            throw e.option(); // a setting the sink refused: its own type and SQLState
        } catch (IOException e) {
            Option where = options.get(Option.SINK).equals("jsonl") ? Option.JSONL_PATH : Option.SPOOL_DIR;
            throw new SQLException("jdbc-activity cannot open its " + options.get(Option.SINK) + " sink ("
                    + where.key() + "=" + options.get(where) + "): " + e.getMessage(), "08001", e);
        } catch (Exception e) {
            throw new SQLException("jdbc-activity cannot start its " + options.get(Option.SINK) + " sink: "
                    + e.getMessage(), "08001", e);
        }
        Publisher p;
        try {
            p = new Publisher(sink, options.getInt(Option.QUEUE_CAPACITY), options.getInt(Option.QUEUE_MAX_SQL_CHARS),
                    Publisher.Overflow.of(options.get(Option.OVERFLOW)), options.getInt(Option.OVERFLOW_BLOCK_MS),
                    options.getInt(Option.HEARTBEAT_INTERVAL_MS), producerId,
                    EventEncoder.CommandTextMode.of(options.get(Option.COMMAND_TEXT)),
                    options.getInt(Option.SHUTDOWN_IDLE_MS), options.getInt(Option.SHUTDOWN_TIMEOUT_MS),
                    options.get(Option.DELIVERY).equals("sync") ? options.getInt(Option.DELIVERY_SYNC_TIMEOUT_MS) : 0);
            p.quietMillis(options.getInt(Option.SHUTDOWN_QUIET_MS));
            p.selection(Selection.of(options.get(Option.FILTER_INCLUDE), options.get(Option.FILTER_EXCLUDE),
                    options.getInt(Option.FILTER_MIN_DURATION_MS), options.get(Option.SAMPLE_RATES),
                    options.get(Option.SAMPLE_BY)));
            p.summaries(options.getInt(Option.SUMMARY_INTERVAL_MS), options.getInt(Option.SUMMARY_MAX_DIGESTS));
            p.sensitive(io.jdbcactivity.analyze.SensitiveColumns.parse(options.get(Option.SENSITIVE)));
            if (record != null) {
                p.recorder(new AllowlistRecorder(record, options.getInt(Option.ALLOWLIST_RECORD_INTERVAL_MS),
                        System.nanoTime()));
            }
            p.acquire(); // before its thread runs: a new publisher never retires before its first user
            RUNNING.add(p);
            installShutdownHook();
            p.start();
        } catch (RuntimeException | Error e) {
            try {
                sink.close(); // its client and threads: nothing is left of a publisher that did not start
            } catch (Throwable suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new SQLException("jdbc-activity cannot start its publisher: " + e, "08001", e);
        }
        return p;
    }

    /** {@code activity.allowlist.record} as a path; null when not set. */
    private static java.nio.file.Path recordPath(ActivityOptions options) throws InvalidOptionException {
        String record = options.get(Option.ALLOWLIST_RECORD);
        if (record == null) {
            return null;
        }
        try {
            return java.nio.file.Path.of(record);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidOptionException(Option.ALLOWLIST_RECORD.key() + "=" + record + " is no file path: "
                    + e.getMessage());
        }
    }

    /**
     * Waits until every publisher has published what was offered to it before this call (see
     * {@link Publisher#awaitProcessed}).
     */
    public static boolean awaitProcessedAll(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        boolean all = true;
        for (Publisher p : new ArrayList<>(RUNNING)) {
            all &= p.awaitProcessed(Math.max(0, deadline - System.currentTimeMillis()));
        }
        return all;
    }

    /** Flushes every publisher; false when one did not finish within the timeout. */
    public static boolean flushAll(long timeoutMillis) {
        boolean all = true;
        for (Publisher p : BY_KEY.values()) {
            all &= p.flush(timeoutMillis);
        }
        return all;
    }

    /**
     * Stops every publisher, all at once: each delivers what it holds within its own
     * {@code activity.shutdown.timeoutMs}, so stopping N publishers takes the longest timeout,
     * not their sum. One that still runs after its timeout and a grace period is interrupted
     * and stays tracked ({@link #anyThreadAlive} says so) until it ends.
     */
    public static void shutdownAll() {
        List<Publisher> stopping = new ArrayList<>(RUNNING);
        BY_KEY.clear(); // new connections from now on start new publishers
        for (Publisher p : stopping) {
            p.beginStop(p.shutdownMillis());
        }
        for (Publisher p : stopping) {
            p.awaitStop();
        }
        synchronized (HOOK_LOCK) {
            if (RUNNING.isEmpty()) {
                removeShutdownHook();
            }
        }
    }

    /** A publisher's thread ended (shut down, or retired for idleness): forget it, and the hook with the last one. */
    static void ended(Publisher p) {
        BY_KEY.values().removeIf(v -> v == p);
        STOPPED.addFirst(p.ledger());
        while (STOPPED.size() > STOPPED_KEPT) {
            STOPPED.pollLast();
        }
        RUNNING.remove(p);
        synchronized (HOOK_LOCK) {
            if (RUNNING.isEmpty()) {
                removeShutdownHook(); // the hook would otherwise pin the driver's class loader
            }
        }
        if (RUNNING.isEmpty()) {
            ParseWatchdog.stop(); // publishers are what parse: with none left, no thread of the driver stays
        }
    }

    /** Whether a connection whose publisher stopped under it may move to a new one (not while the JVM exits). */
    public static boolean renewalAllowed() {
        return !jvmExiting;
    }

    /** Whether the JVM's shutdown hook is running (see {@link Say}). */
    static boolean jvmExiting() {
        return jvmExiting;
    }

    /** The publishers that run or are stopping, then the last stopped ones (newest first). */
    public static List<PublisherStats> stats() {
        List<PublisherStats> out = new ArrayList<>();
        java.util.Set<Ledger> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Publisher p : RUNNING) {
            if (seen.add(p.ledger())) {
                out.add(p.stats());
            }
        }
        for (Ledger l : STOPPED) {
            if (seen.add(l)) {
                out.add(l.stats());
            }
        }
        return out;
    }

    /** True while a publisher thread is running: lets tests and containers check nothing is left behind. */
    public static boolean anyThreadAlive() {
        for (Publisher p : RUNNING) {
            if (p.isThreadAlive()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JVM is exiting, and the application may still be stopping in hooks of its own, which
     * run at the same time as this one: Spring closes JPA (a {@code create-drop} schema is dropped
     * then) and the pool there. Capture and delivery go on while connections are open and
     * captures still arrive, up to the longest {@code activity.shutdown.timeoutMs}; once every
     * connection closed, or none has captured anything for {@code activity.shutdown.quietMs}, the
     * stop begins. (An application that pauses longer than that in its own shutdown before its last
     * statements needs a longer quiet time: what arrives after the stop is counted and said, not sent.)
     */
    private static void awaitApplication() {
        long longest = 0;
        long quietNanos = 0;
        for (Publisher p : RUNNING) {
            longest = Math.max(longest, p.shutdownMillis());
            quietNanos = Math.max(quietNanos, java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(p.quietMillis()));
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(longest);
        long lastAccepted = -1;
        long lastChangeNanos = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            int users = 0;
            long accepted = 0;
            for (Publisher p : RUNNING) {
                users += p.users();
                accepted += p.accepted();
            }
            long now = System.nanoTime();
            if (accepted != lastAccepted) {
                lastAccepted = accepted;
                lastChangeNanos = now;
            }
            if (users == 0 || now - lastChangeNanos > quietNanos) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void installShutdownHook() {
        synchronized (HOOK_LOCK) {
            if (shutdownHook == null) {
                shutdownHook = DriverThreads.newThread(() -> {
                    jvmExiting = true;
                    awaitApplication();
                    shutdownAll();
                }, "jdbc-activity-shutdown");
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
