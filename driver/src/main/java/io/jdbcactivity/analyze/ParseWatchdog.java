package io.jdbcactivity.analyze;

import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Stops a JSqlParser parse that runs over its time budget: one daemon thread for the whole JVM,
 * which sets the parser's {@code interrupted} flag at the deadline. It starts with the first
 * parse and ends when the last publisher does ({@link #stop}, so a stopped or deregistered driver
 * leaves no thread behind), or after a minute without parses; the next parse starts it again. It
 * has the driver's class loader as context, never an application's. The parse itself stays on
 * the calling (publisher) thread: handing each parse to an executor, as
 * {@code CCJSqlParserUtil.parse} does, costs a thread switch per statement.
 */
public final class ParseWatchdog {
    private static final long IDLE_EXIT_SECONDS = 60;
    private static final DelayQueue<Watch> WATCHES = new DelayQueue<>();
    private static final Object LOCK = new Object();
    private static Thread thread; // guarded by LOCK

    private ParseWatchdog() {
    }

    /** A parse being watched; close it when the parse returns. */
    static final class Watch implements Delayed, AutoCloseable {
        private final CCJSqlParser parser;
        private final long deadlineNanos;
        private volatile boolean expired;

        private Watch(CCJSqlParser parser, long deadlineNanos) {
            this.parser = parser;
            this.deadlineNanos = deadlineNanos;
        }

        /** Whether the deadline passed and the parser was told to stop. */
        boolean expired() {
            return expired;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(deadlineNanos, ((Watch) o).deadlineNanos);
        }

        @Override
        public void close() {
            WATCHES.remove(this);
        }
    }

    /** Watches {@code parser} for {@code budgetNanos} from now. */
    static Watch watch(CCJSqlParser parser, long budgetNanos) {
        Watch w = new Watch(parser, System.nanoTime() + budgetNanos);
        synchronized (LOCK) {
            WATCHES.add(w);
            if (thread == null) {
                thread = new Thread(ParseWatchdog::run, "jdbc-activity-parse-watchdog");
                thread.setDaemon(true);
                thread.setContextClassLoader(ParseWatchdog.class.getClassLoader());
                thread.start();
            }
        }
        return w;
    }

    /** Whether the watchdog thread is running now (tests: it must never be more than one). */
    static boolean running() {
        synchronized (LOCK) {
            return thread != null;
        }
    }

    /**
     * Ends the watchdog thread, waiting for it, when no parse is being watched (the last publisher
     * ended: nothing parses any more). A later parse starts a new one.
     */
    public static void stop() {
        Thread t;
        synchronized (LOCK) {
            if (thread == null || !WATCHES.isEmpty()) {
                return;
            }
            t = thread;
            thread = null;
        }
        t.interrupt();
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run() {
        Thread me = Thread.currentThread();
        while (true) {
            Watch w;
            try {
                w = WATCHES.poll(IDLE_EXIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                w = null;
            }
            synchronized (LOCK) {
                if (thread != me) {
                    return; // stopped; a parse since then has a thread of its own
                }
                if (w == null && WATCHES.isEmpty()) {
                    thread = null; // idle: the next watch starts a new one
                    return;
                }
            }
            if (w != null) {
                w.expired = true;
                w.parser.interrupted = true; // JSqlParser checks it in its expression loops
            }
        }
    }
}
