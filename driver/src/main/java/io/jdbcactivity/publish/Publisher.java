package io.jdbcactivity.publish;

import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.CaptureQueue;
import io.jdbcactivity.event.EventEncoder;
import io.jdbcactivity.sink.Sink;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drains one capture queue on its own daemon thread: encodes each capture and hands it to the
 * sink. Application threads only call {@link #offer}, which never blocks and never throws. One
 * publisher serves every connection with the same sink configuration.
 */
public final class Publisher {
    private static final System.Logger LOG = System.getLogger("io.jdbcactivity");
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long the sink may hold written events before they are made visible, when the queue is idle. */
    private static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Longest idle sleep: bounds the delay between a capture and its event when nothing wakes the thread. */
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final CaptureQueue queue;
    private final Sink sink;
    private final EventEncoder encoder = new EventEncoder();
    private final Thread thread;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicBoolean warnedFailure = new AtomicBoolean();
    private final AtomicBoolean warnedDrop = new AtomicBoolean();

    private volatile boolean stopping;
    private volatile boolean flushRequested;
    /** Queue position up to which every event has been written and flushed. */
    private volatile long flushedPosition;
    private volatile long written;
    private volatile String lastError;

    Publisher(Sink sink, int capacity) {
        this.sink = sink;
        this.queue = new CaptureQueue(capacity);
        this.thread = new Thread(this::run, "jdbc-activity-publisher-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Hands a finished capture over. Never blocks; a full queue or a stopped publisher drops it and counts. */
    public void offer(Capture c) {
        c.sent = true;
        if (stopping || !queue.offer(c)) {
            dropped.increment();
            if (warnedDrop.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "jdbc-activity: capture queue of " + queue.capacity()
                        + " is full or stopped; events are being dropped and counted (raise activity.queue.capacity)");
            }
        }
    }

    /** Records a failure of the capture path on an application thread; the application's call goes on. */
    public void captureFailed(Throwable t) {
        failed(t);
    }

    private void run() {
        int idleRounds = 0;
        long lastFlush = System.nanoTime();
        boolean dirty = false;
        while (true) {
            Capture c = queue.poll();
            if (c != null) {
                publish(c);
                dirty = true;
                idleRounds = 0;
                continue;
            }
            long now = System.nanoTime();
            boolean flushNow = flushRequested || stopping || now - lastFlush >= FLUSH_INTERVAL_NANOS;
            if (flushNow) {
                long position = queue.consumed();
                if (dirty) {
                    flushSink();
                    dirty = false;
                }
                lastFlush = now;
                flushedPosition = position;
                flushRequested = false;
            }
            if (stopping && queue.size() == 0) {
                return;
            }
            // Back off from 50 us to MAX_IDLE_PARK_NANOS: low latency under load, near-zero CPU when idle.
            LockSupport.parkNanos(Math.min(MAX_IDLE_PARK_NANOS, 50_000L << Math.min(idleRounds++, 10)));
        }
    }

    private void publish(Capture c) {
        if (!sink.wantsEvents()) {
            written++;
            return;
        }
        try {
            sink.write(encoder.encode(c, System.currentTimeMillis()));
            written++;
        } catch (Throwable t) {
            failed(t);
        }
    }

    private void flushSink() {
        try {
            sink.flush();
        } catch (Throwable t) {
            failed(t);
        }
    }

    private void failed(Throwable t) {
        failed.increment();
        lastError = t.toString();
        if (warnedFailure.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "jdbc-activity: events to " + sink.describe()
                    + " are being lost and counted (further failures are counted silently)", t);
        }
    }

    /**
     * Waits until every capture offered before this call has been written and the sink flushed.
     *
     * @return false when the timeout passed first
     */
    public boolean flush(long timeoutMillis) {
        long target = queue.produced();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (flushedPosition < target) {
            if (!thread.isAlive() || System.nanoTime() > deadline) {
                return flushedPosition >= target;
            }
            flushRequested = true;
            LockSupport.unpark(thread);
            LockSupport.parkNanos(200_000);
        }
        return true;
    }

    /** Stops intake, writes what is queued within the timeout, ends the thread and closes the sink. */
    void close(long timeoutMillis) {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, timeoutMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.log(System.Logger.Level.WARNING, "jdbc-activity: " + queue.size() + " events to " + sink.describe()
                    + " not written within " + timeoutMillis + " ms of shutdown");
        }
        try {
            sink.close();
        } catch (Throwable t) {
            failed(t);
        }
    }

    boolean isStopping() {
        return stopping;
    }

    boolean isThreadAlive() {
        return thread.isAlive();
    }

    public PublisherStats stats() {
        return new PublisherStats(sink.describe(), queue.produced(), written, dropped.sum(), failed.sum(),
                queue.size(), lastError);
    }
}
