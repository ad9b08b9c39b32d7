package io.jdbcactivity.publish;

import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.CaptureQueue;
import io.jdbcactivity.event.EventEncoder;
import io.jdbcactivity.sink.Sink;
import io.jdbcactivity.sink.SinkCounters;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.management.ObjectName;

/**
 * Drains one capture queue on its own daemon thread: encodes each capture and hands it to the
 * sink, drives the sink's timers, applies the overflow policy, and emits the producer's own
 * events (heartbeats with the counters, {@code EVENTS_DROPPED} loss markers). Application threads
 * only call {@link #offer}, which never throws and never blocks (unless the user chose
 * {@code activity.overflow=block}, and then only up to its timeout). One publisher serves every
 * connection with the same sink configuration.
 */
public final class Publisher implements PublisherMXBean {
    private static final System.Logger LOG = System.getLogger("io.jdbcactivity");
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Longest idle sleep: bounds the delay between a capture and its event when nothing wakes the thread. */
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * Shortest sleep once the queue ran dry. Every wake-up takes a core from the application and
     * its database for a context switch: waking 50 µs after the last event, as before, meant
     * about 10,000 wake-ups a second at 8,000 statements a second. A millisecond keeps that to a
     * thousand at most, and the queue holds what 16 ms at a million statements a second bring;
     * flush() and stop wake the thread at once.
     */
    private static final long MIN_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long {@link #awaitStop} waits beyond the stop's deadline before interrupting the thread. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Sleep while the sink has work under way (calls in flight, retries waiting). */
    private static final long BUSY_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Captures published between two runs of the timers (sink ticks, heartbeats, loss markers). */
    private static final int DRAIN_ROUND = 256;
    /** Loss markers are at most this frequent; each covers every loss since the previous one. */
    private static final long MARKER_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String[] STAT_NAMES = {"captured", "delivered", "dropped", "lost", "retried", "throttled",
        "queued", "bufferedBytes"};

    /** What to do when the queue is full (application side) or the sink has no room (publisher side). */
    public enum Overflow {
        DROP_NEWEST, DROP_OLDEST, BLOCK;

        static Overflow of(String option) {
            return valueOf(option.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    private final CaptureQueue queue;
    private final Sink sink;
    private final SinkCounters counters = new SinkCounters();
    private final EventEncoder encoder;
    private final Thread thread;
    private final Overflow overflow;
    private final long blockNanos;
    private final long heartbeatNanos;
    private final String producerId;
    private final LongAdder dropped = new LongAdder();
    /** Characters of large SQL held by queued captures; see {@link Capture#largeSqlChars()}. */
    private final AtomicLong queuedSqlChars = new AtomicLong();
    private final long maxQueuedSqlChars;
    private final LongAdder failed = new LongAdder();
    private final AtomicBoolean warnedFailure = new AtomicBoolean();
    private final AtomicBoolean warnedDrop = new AtomicBoolean();
    private ObjectName jmxName;

    private volatile boolean stopping;
    /** Connections using this publisher; -1 once it retired for idleness (it then takes none). */
    private final AtomicInteger users = new AtomicInteger();
    private volatile long idleSinceNanos = System.nanoTime();
    private final long idleNanos;
    private final long shutdownMillis;
    private final AtomicBoolean released = new AtomicBoolean();
    private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private long lastIdleCheckNanos; // publisher thread only
    private volatile long stopDeadlineNanos;
    private boolean closingHeartbeatSent; // publisher thread only
    /** The time the stop under way was given (for its log line); 0 when stopped by an interrupt. */
    private volatile long stopTimeoutMillis;
    private volatile boolean flushRequested;
    /** Queue position up to which every event has been delivered (or given up) by the sink. */
    private volatile long flushedPosition;
    private volatile long written;
    private volatile String lastError;

    // publisher-thread state for producer events
    private long producerSequence;
    private long lossesMarked;
    private long lossWindowStartMillis;
    private long lastMarkerNanos;

    Publisher(Sink sink, int capacity, long maxQueuedSqlChars, Overflow overflow, long blockMillis,
            long heartbeatMillis, String producerId, EventEncoder.CommandTextMode commandText) {
        this(sink, capacity, maxQueuedSqlChars, overflow, blockMillis, heartbeatMillis, producerId, commandText, 0,
                5_000);
    }

    /**
     * @param idleMillis     stop by itself after this long without a connection (0: never)
     * @param shutdownMillis how long a stop may take to deliver what is queued
     */
    Publisher(Sink sink, int capacity, long maxQueuedSqlChars, Overflow overflow, long blockMillis,
            long heartbeatMillis, String producerId, EventEncoder.CommandTextMode commandText, long idleMillis,
            long shutdownMillis) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.shutdownMillis = shutdownMillis;
        this.sink = sink;
        this.encoder = new EventEncoder(new io.jdbcactivity.event.WallClock(), commandText);
        this.maxQueuedSqlChars = maxQueuedSqlChars;
        this.queue = new CaptureQueue(capacity);
        this.overflow = overflow;
        this.blockNanos = TimeUnit.MILLISECONDS.toNanos(blockMillis);
        this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
        this.producerId = producerId;
        sink.bind(counters);
        this.thread = DriverThreads.newThread(this::run, "jdbc-activity-publisher-" + THREADS.incrementAndGet());
    }

    /** A publisher with the default policies, for tests of the queue-to-sink path. */
    Publisher(Sink sink, int capacity) {
        this(sink, capacity, Long.MAX_VALUE, Overflow.DROP_NEWEST, 0, TimeUnit.DAYS.toMillis(1), "test",
                EventEncoder.CommandTextMode.NORMALIZED);
    }

    void start() {
        thread.start();
        try {
            jmxName = new ObjectName("io.jdbcactivity:type=Publisher,id=" + producerId + ",sink="
                    + ObjectName.quote(sink.describe()));
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, jmxName);
        } catch (Exception | LinkageError e) {
            jmxName = null; // no JMX (restricted environment): the counters stay readable through stats()
        }
    }

    /**
     * Counts a connection in; false when this publisher is stopping or retired (take a new one).
     * Between a connection's acquire and its release the publisher never retires for idleness.
     */
    boolean acquire() {
        while (true) {
            int n = users.get();
            if (n < 0 || stopping) {
                return false;
            }
            if (users.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Counts a connection out (once per acquire). */
    public void release() {
        // the time first: whoever sees the count reach 0 must also see when it did, or a
        // publisher busy for longer than idleMs would retire the moment its last user left
        idleSinceNanos = System.nanoTime();
        users.decrementAndGet();
    }

    long shutdownMillis() {
        return shutdownMillis;
    }

    /** Hands a finished capture over. Never throws; blocks only with {@code activity.overflow=block}. */
    public void offer(Capture c) {
        c.sent = true;
        long weight = c.largeSqlChars();
        if (weight > 0 && queuedSqlChars.addAndGet(weight) > maxQueuedSqlChars) {
            queuedSqlChars.addAndGet(-weight);
            drop();
            return;
        }
        if (!stopping && queue.offer(c)) {
            return;
        }
        if (overflow == Overflow.BLOCK && !stopping) {
            long deadline = System.nanoTime() + blockNanos;
            while (System.nanoTime() < deadline && !stopping) {
                LockSupport.parkNanos(20_000);
                if (queue.offer(c)) {
                    return;
                }
            }
        }
        if (weight > 0) {
            queuedSqlChars.addAndGet(-weight);
        }
        drop();
    }

    private void drop() {
        dropped.increment();
        if (!warnedDrop.get() && warnedDrop.compareAndSet(false, true)) { // no CAS per drop once warned
            LOG.log(System.Logger.Level.WARNING, "jdbc-activity: events to " + sink.describe() + " are being dropped "
                    + "and counted (capture queue of " + queue.capacity() + " full, or publisher stopped); "
                    + "raise activity.queue.capacity (and for Kinesis activity.kinesis.maxBufferBytes)");
        }
    }

    /** Records a failure of the capture path on an application thread; the application's call goes on. */
    public void captureFailed(Throwable t) {
        failed(t);
    }

    private void run() {
        try {
            loop();
        } finally {
            try {
                releaseResources();
            } finally {
                Publishers.ended(this); // always: else the hook and the registry would pin the driver
            }
        }
    }

    private void loop() {
        int idleRounds = 0;
        long nextHeartbeat = System.nanoTime() + heartbeatNanos;
        while (true) {
            long now = System.nanoTime();
            if (Thread.interrupted()) {
                // close() gave up waiting (or something else wants the thread): stop now, and
                // clear the flag, which would otherwise make every parkNanos return at once
                stopDeadlineNanos = now;
                stopping = true;
            }
            if (stopping && now - stopDeadlineNanos > 0 && giveUp(now)) {
                return;
            }
            retireIfIdle(now);
            tickSink(now);
            if (now - nextHeartbeat >= 0) {
                producerEvent(true, 0, 0);
                nextHeartbeat = now + heartbeatNanos;
            }
            markLosses(now, false);
            // Drain in rounds: the timers above run once per round, not once per event.
            int drained = 0;
            Capture c;
            while (drained < DRAIN_ROUND && hasRoom() && (c = queue.poll()) != null) {
                long weight = c.largeSqlChars();
                if (weight > 0) {
                    queuedSqlChars.addAndGet(-weight);
                }
                publish(c);
                drained++;
            }
            if (drained == DRAIN_ROUND) {
                idleRounds = 0;
                continue; // more is waiting
            }
            if (drained > 0) {
                // The queue ran dry: let captures gather for a moment instead of reading each slot
                // right after the application thread wrote it (one cache-line transfer per event).
                idleRounds = 0;
            }
            if (stopping && !closingHeartbeatSent && queue.size() == 0
                    && (sink.idle() || now - stopDeadlineNanos > 0)) {
                // A clean stop ends with a heartbeat carrying the final counters, written once the
                // rest is delivered (so "delivered" is final too): a consumer can tell an application
                // that stopped from one that went silent, and sees its last tally.
                markLosses(now, true); // the last losses are said now, not a second later
                closingHeartbeatSent = producerEvent(true, 0, 0) || now - stopDeadlineNanos > 0;
            }
            if (flushRequested || stopping) {
                long position = queue.consumed();
                flushSink();
                if (sink.idle() && queue.size() == 0) {
                    flushedPosition = position;
                    flushRequested = false;
                }
            }
            if (stopping && queue.size() == 0 && closingHeartbeatSent && (sink.idle() || now - stopDeadlineNanos > 0)) {
                return;
            }
            long park = sink.idle() ? Math.min(MAX_IDLE_PARK_NANOS, MIN_IDLE_PARK_NANOS << Math.min(idleRounds++, 5))
                    : BUSY_PARK_NANOS;
            LockSupport.parkNanos(park);
        }
    }

    /**
     * Past the stop deadline: what is still queued is counted as dropped (the sink may be full for
     * minutes, with its stream unreachable), the losses and the final counters are said if the sink
     * still takes them, and the thread ends.
     *
     * @return true: the loop ends
     */
    private boolean giveUp(long now) {
        int given = 0;
        Capture c;
        while ((c = queue.poll()) != null) {
            long weight = c.largeSqlChars();
            if (weight > 0) {
                queuedSqlChars.addAndGet(-weight);
            }
            given++;
        }
        if (given > 0) {
            dropped.add(given);
            LOG.log(System.Logger.Level.WARNING, "jdbc-activity: " + given + " events to " + sink.describe()
                    + " not written within " + stopTimeoutMillis + " ms of the stop; counted as dropped");
        }
        if (!closingHeartbeatSent) {
            markLosses(now, true);
            closingHeartbeatSent = producerEvent(true, 0, 0);
        }
        flushSink();
        return true;
    }

    /** Room for one more event; with drop-oldest the sink makes room by giving up its oldest. */
    private boolean hasRoom() {
        if (sink.hasRoom()) {
            return true;
        }
        if (overflow == Overflow.DROP_OLDEST && queue.size() > 0) {
            // only when a newer event is waiting for the room
            while (!sink.hasRoom() && sink.evictOldest()) {
                // each call gives up the oldest record the sink may give up
            }
            return sink.hasRoom();
        }
        return false; // drop-newest and block: stop draining; the full queue refuses new captures
    }

    private void tickSink(long now) {
        try {
            sink.tick(now);
        } catch (Throwable t) {
            failed(t);
        }
    }

    private void publish(Capture c) {
        if (!sink.wantsEvents()) {
            written++;
            counters.delivered.increment();
            return;
        }
        try {
            String key = c.context.connectionId();
            long now = System.currentTimeMillis();
            int statements = encoder.statementCount(c); // a multi-statement text is one event per statement
            for (int i = 1; i <= statements; i++) {
                if (!sink.write(encoder.encode(c, now, false, i), key)
                        && !sink.write(encoder.encode(c, now, true, i), key)) {
                    throw new IllegalStateException("event " + key + "-" + c.sequence + " too large even trimmed");
                }
                written++;
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    /**
     * With no connection for {@code activity.shutdown.idleMs} (a pool that closed, a web
     * application that was undeployed), the publisher stops by itself: what is queued is
     * delivered, its threads end and its MBean goes, so nothing of the driver outlives its users.
     * A later connection starts a new publisher.
     */
    private void retireIfIdle(long now) {
        if (idleNanos == 0 || now - lastIdleCheckNanos < IDLE_CHECK_NANOS) {
            return; // a busy loop runs this often: look at the shared counters a few times a second only
        }
        lastIdleCheckNanos = now;
        if (!stopping && users.get() == 0 && now - idleSinceNanos > idleNanos && users.compareAndSet(0, -1)) {
            stopTimeoutMillis = shutdownMillis;
            stopDeadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(shutdownMillis);
            stopping = true;
        }
    }

    /** Every event lost since the last marker, said once a second at most. */
    /** @param now current nanoTime; {@code force} skips the once-a-second limit (at stop) */
    private void markLosses(long now, boolean force) {
        long lost = dropped.sum() + failed.sum() + counters.lost.sum();
        if (lost == lossesMarked) {
            return;
        }
        if (lossWindowStartMillis == 0) {
            lossWindowStartMillis = System.currentTimeMillis();
        }
        if ((force || now - lastMarkerNanos >= MARKER_INTERVAL_NANOS) && sink.wantsEvents()) {
            if (producerEvent(false, lost - lossesMarked, lossWindowStartMillis)) {
                lossesMarked = lost;
                lossWindowStartMillis = 0;
            }
            lastMarkerNanos = now;
        }
    }

    /** Writes a heartbeat or a loss marker; false when the sink could not take it (tried again later). */
    private boolean producerEvent(boolean heartbeat, long lostCount, long lostFromMillis) {
        if (!sink.wantsEvents()) {
            return true;
        }
        try {
            PublisherStats s = stats();
            long[] values = {s.accepted(), s.delivered(), s.dropped(), s.lost(), s.retried(), s.throttled(), s.queued(),
                s.bufferedBytes()};
            long now = System.currentTimeMillis();
            return sink.writeControl(encoder.encodeProducerEvent(producerId, ++producerSequence, heartbeat, values, STAT_NAMES,
                    lostCount, lostFromMillis, now, now), producerId);
        } catch (Throwable t) {
            lastError = t.toString(); // not counted as a loss: it would call for another marker
            return false;
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
     * Waits until every capture offered before this call has been delivered or given up by the sink.
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

    /** Stops intake, delivers what is queued within the timeout, ends the thread and closes the sink. */
    void close(long timeoutMillis) {
        beginStop(timeoutMillis);
        awaitStop();
    }

    /**
     * Stops intake; the thread goes on delivering what it holds until {@code timeoutMillis} from
     * now, then counts the rest as dropped, writes the closing heartbeat and ends, closing the sink.
     */
    void beginStop(long timeoutMillis) {
        if (!stopping) {
            stopTimeoutMillis = timeoutMillis;
            stopDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            stopping = true;
        }
        LockSupport.unpark(thread);
    }

    /**
     * Waits for the thread to end after {@link #beginStop}: until the deadline and a grace period,
     * then interrupts it and waits a little more. The sink is closed by the thread itself (it is
     * not safe to use from two threads); here only when the thread never ran.
     */
    void awaitStop() {
        long deadline = stopDeadlineNanos + STOP_GRACE_NANOS;
        boolean interrupted = false;
        for (int attempt = 0; thread.isAlive() && attempt < 2; attempt++) {
            long wait = attempt == 0 ? Math.max(1, deadline - System.nanoTime()) : STOP_GRACE_NANOS;
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (thread.isAlive() && attempt == 0) {
                thread.interrupt();
            }
        }
        if (thread.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "jdbc-activity: the publisher of " + sink.describe()
                    + " did not end after its stop; it ends as soon as its sink returns");
        } else if (thread.getState() == Thread.State.NEW) {
            releaseResources();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the sink (its client and threads) and unregisters the MBean, once. */
    private void releaseResources() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            sink.close();
        } catch (Throwable t) {
            failed(t);
        }
        if (jmxName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(jmxName);
            } catch (Throwable alreadyGone) {
                // gone already, or JMX unusable: nothing else holds the publisher
            }
        }
    }

    /** Whether intake stopped (shutdown, deregistration, idle retirement): a volatile read. */
    public boolean isStopping() {
        return stopping;
    }

    boolean isThreadAlive() {
        return thread.isAlive();
    }

    public PublisherStats stats() {
        return new PublisherStats(sink.describe(), queue.produced(), written, counters.delivered.sum(),
                dropped.sum(), counters.lost.sum() + failed.sum(), counters.retried.sum(), counters.throttled.sum(),
                queue.size(), counters.bufferedBytes, lastError != null ? lastError : counters.lastError);
    }

    // ---- JMX ----

    @Override
    public String getSink() {
        return sink.describe();
    }

    @Override
    public long getCaptured() {
        return queue.produced();
    }

    @Override
    public long getDelivered() {
        return counters.delivered.sum();
    }

    @Override
    public long getDropped() {
        return dropped.sum();
    }

    @Override
    public long getLost() {
        return counters.lost.sum() + failed.sum();
    }

    @Override
    public long getRetried() {
        return counters.retried.sum();
    }

    @Override
    public long getThrottled() {
        return counters.throttled.sum();
    }

    @Override
    public long getRequests() {
        return counters.requests.sum();
    }

    @Override
    public int getQueueDepth() {
        return queue.size();
    }

    @Override
    public long getBufferedBytes() {
        return counters.bufferedBytes;
    }

    @Override
    public int getInFlight() {
        return counters.inFlight;
    }

    @Override
    public int getAllowedInFlight() {
        return counters.allowedInFlight;
    }

    @Override
    public int getLowestAllowedInFlight() {
        int lowest = counters.lowestAllowedInFlight;
        return lowest == Integer.MAX_VALUE ? 0 : lowest;
    }

    @Override
    public long getLastRequestMillis() {
        return counters.lastRequestMillis;
    }

    @Override
    public String getLastError() {
        return lastError != null ? lastError : counters.lastError;
    }
}
