package io.jdbcactivity.publish;

import io.jdbcactivity.allowlist.AllowlistRecorder;
import io.jdbcactivity.analyze.Analysis;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.CaptureQueue;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.event.EncodedEvent;
import io.jdbcactivity.event.EventEncoder;
import io.jdbcactivity.filter.DigestSummaries;
import io.jdbcactivity.filter.Facts;
import io.jdbcactivity.filter.Selection;
import io.jdbcactivity.sink.Sink;
import io.jdbcactivity.sink.SinkCounters;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.management.ObjectName;

/**
 * Drains one capture queue on its own daemon thread: encodes each capture and hands it to the
 * sink, drives the sink's timers, applies the overflow policy, and emits the producer's own
 * events (heartbeats with the counters, {@code EVENTS_DROPPED} loss markers). Application threads
 * only call {@link #offer}, which never throws and never blocks (unless the user chose
 * {@code activity.overflow=block}, and then only up to its timeout). One publisher serves every
 * connection with the same sink configuration.
 *
 * <p>A stop (public API, driver deregistration, JVM shutdown hook, idle retirement) goes through
 * the same steps: intake stops; what is queued and held is delivered until the stop's deadline;
 * then what is still waiting is counted as given up <em>first</em>, the loss marker and the
 * closing heartbeat carrying those counts get a short deadline of their own, and only then does
 * the sink close (what is still in a call is counted then). Whatever could not be said in the
 * stream is one WARN line in the log; the figures stay readable through {@code Activity.stats()}.
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
    /** How long {@link #awaitStop} waits beyond the stop's last deadline before interrupting the thread. */
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Sleep when the sink's timers cannot be read. */
    private static final long BUSY_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * Sleep after a turn that drained captures: the queue holds 16 k captures, 4 ms of a million a
     * second, so a few milliseconds between drains lose nothing and let captures gather.
     */
    private static final long ACTIVE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Shortest sleep: a sink that says it is due at once is not spun on. */
    private static final long MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** Captures published between two runs of the timers (sink ticks, heartbeats, loss markers). */
    private static final int DRAIN_ROUND = 256;
    /** Loss markers are at most this frequent; each covers every loss since the previous one. */
    private static final long MARKER_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final String[] STAT_NAMES = {"captured", "delivered", "filtered", "sampledOut", "dropped", "lost",
        "pending", "queued", "retried", "throttled", "bufferedBytes", "producerEventsDelivered", "producerEventsLost",
        "recovered", "recoveredLost", "syncTimeouts"};

    /** What to do when the queue is full (application side) or the sink has no room (publisher side). */
    public enum Overflow {
        DROP_NEWEST, DROP_OLDEST, BLOCK;

        static Overflow of(String option) {
            return valueOf(option.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** Where a stop is: delivering what is held until the deadline, then saying the losses. */
    private enum Phase { RUNNING, DELIVERING, FINAL }

    private final CaptureQueue queue;
    private final Sink sink;
    private final Ledger ledger;
    private final SinkCounters counters;
    private final EventEncoder encoder;
    private final Thread thread;
    private final Overflow overflow;
    private final long blockNanos;
    private final long heartbeatNanos;
    private final String producerId;
    /** Characters of large SQL held by queued captures; see {@link Capture#largeSqlChars()}. */
    private final AtomicLong queuedSqlChars = new AtomicLong();
    private final long maxQueuedSqlChars;
    private final AtomicBoolean warnedFailure = new AtomicBoolean();
    private final AtomicBoolean warnedDrop = new AtomicBoolean();
    private final AtomicBoolean warnedLate = new AtomicBoolean();
    private ObjectName jmxName;

    private volatile boolean stopping;
    /** Connections using this publisher; -1 once it retired for idleness (it then takes none). */
    private final AtomicInteger users = new AtomicInteger();
    private volatile long idleSinceNanos = System.nanoTime();
    private final long idleNanos;
    private final long shutdownMillis;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile long stopDeadlineNanos;
    /** The time the stop under way was given (for its log line); 0 when stopped by an interrupt. */
    private volatile long stopTimeoutMillis;
    private volatile boolean flushRequested;
    /** {@code activity.delivery=sync}: an offer returns once the sink made its event durable. */
    private final boolean syncDelivery;
    private final long syncTimeoutNanos;
    /** Queue position below which every capture is durable in the sink, or settled otherwise (sync delivery). */
    private volatile long durablePosition;
    private final AtomicBoolean warnedSyncTimeout = new AtomicBoolean();
    /** Executions sleeping until their event is durable; the publisher wakes them after each write and fsync. */
    private final java.util.Queue<Thread> syncWaiters = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicBoolean warnedSyncFull = new AtomicBoolean();
    /** Queue position up to which every event has been delivered (or given up) by the sink. */
    private volatile long flushedPosition;
    /** Queue position up to which every capture has been published: encoded, handed to the sink and to {@link Taps}. */
    private volatile long processedPosition;

    // ---- publisher thread only ----
    private Phase phase = Phase.RUNNING;
    private long finalDeadlineNanos;
    private long lastIdleCheckNanos;
    private long consumed;
    private long extraEvents;
    private long givenUp;
    private long failedEvents;
    private long producerSequence;
    private long lossesMarked;
    private long lossWindowStartMillis;
    private long lastMarkerNanos;
    /** What the stop itself gave up: queued captures, and events waiting in the sink. */
    private long stopGivenUp;
    private long stopAbandoned;
    private boolean closingHeartbeatWritten;
    /** awaitStop() ran out of patience: no more waiting for anything. */
    private boolean interruptedStop;

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
        this(sink, capacity, maxQueuedSqlChars, overflow, blockMillis, heartbeatMillis, producerId, commandText,
                idleMillis, shutdownMillis, 0);
    }

    /**
     * @param syncTimeoutMillis {@code activity.delivery=sync}: how long an offer waits for its event
     *                          to be durable (0: asynchronous delivery, offers never wait)
     */
    Publisher(Sink sink, int capacity, long maxQueuedSqlChars, Overflow overflow, long blockMillis,
            long heartbeatMillis, String producerId, EventEncoder.CommandTextMode commandText, long idleMillis,
            long shutdownMillis, long syncTimeoutMillis) {
        this.syncDelivery = syncTimeoutMillis > 0;
        this.syncTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(syncTimeoutMillis);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.shutdownMillis = shutdownMillis;
        this.sink = sink;
        this.encoder = new EventEncoder(new io.jdbcactivity.event.WallClock(), commandText);
        this.maxQueuedSqlChars = maxQueuedSqlChars;
        this.queue = new CaptureQueue(capacity);
        this.ledger = new Ledger(producerId, sink.describe(), queue.acceptedCounter());
        this.counters = ledger.sinkCounters;
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

    /** Connections using this publisher now. */
    int users() {
        return Math.max(0, users.get());
    }

    /** Captures ever accepted: a shutdown that waits for the application watches it move. */
    long accepted() {
        return queue.produced();
    }

    long shutdownMillis() {
        return shutdownMillis;
    }

    /** {@code activity.shutdown.quietMs}: see {@code Publishers.awaitApplication}. */
    private volatile long quietMillis = 1_000;
    /** What is published ({@code activity.filter.*}, {@code activity.sample.*}); publisher thread only after start. */
    private Selection selection = Selection.everything();
    /** The selection publishes everything: the decision is skipped (no facts built per event). */
    private boolean everything = true;
    private final LeftOutRuns leftOut = new LeftOutRuns();
    /** Per-digest summaries ({@code activity.summary.intervalMs}); null when off. */
    private DigestSummaries summaries;

    /** {@code activity.allowlist.record}; null when off. Publisher thread only after start. */
    private AllowlistRecorder recorder;

    /** Records every statement shape into an allowlist file, before {@link #start()}. */
    void recorder(AllowlistRecorder r) {
        this.recorder = r;
    }

    /** Turns per-digest summaries on, before {@link #start()}. */
    void summaries(long intervalMillis, int maxDigests) {
        this.summaries = intervalMillis <= 0 ? null
                : new DigestSummaries(intervalMillis, maxDigests, System.currentTimeMillis());
    }

    /** {@code activity.sensitive}: before the thread starts. */
    void sensitive(io.jdbcactivity.analyze.SensitiveColumns columns) {
        encoder.sensitive(columns);
    }

    /** Sets the filters and sampling, before {@link #start()}. */
    void selection(Selection s) {
        this.selection = s;
        this.everything = s.publishesEverything();
    }

    void quietMillis(long millis) {
        this.quietMillis = millis;
    }

    long quietMillis() {
        return quietMillis;
    }

    /** Hands a finished capture over. Never throws; blocks only with {@code activity.overflow=block}. */
    public void offer(Capture c) {
        c.sent = true;
        long weight = c.largeSqlChars();
        if (weight > 0 && queuedSqlChars.addAndGet(weight) > maxQueuedSqlChars) {
            queuedSqlChars.addAndGet(-weight);
            refuse();
            return;
        }
        long position;
        if (!stopping && (position = queue.offerAt(c)) >= 0) {
            if (syncDelivery) {
                awaitDurable(position);
            }
            return;
        }
        if (overflow == Overflow.BLOCK && !stopping) {
            long deadline = System.nanoTime() + blockNanos;
            while (System.nanoTime() < deadline && !stopping) {
                LockSupport.parkNanos(20_000);
                if ((position = queue.offerAt(c)) >= 0) {
                    if (syncDelivery) {
                        awaitDurable(position);
                    }
                    return;
                }
            }
        }
        if (weight > 0) {
            queuedSqlChars.addAndGet(-weight);
        }
        refuse();
    }

    /**
     * Sync delivery: the application's thread waits until the publisher made its event durable (it
     * writes and forces the spool once per drain round, for every capture of the round: a group
     * commit), at most {@code activity.delivery.syncTimeoutMs}; then it goes on, and the wait is
     * counted and said once — the audit trail must not become the outage.
     */
    private void awaitDurable(long position) {
        if (durablePosition > position) {
            return;
        }
        LockSupport.unpark(thread); // the publisher may be sleeping: this capture is waited for
        long deadline = System.nanoTime() + syncTimeoutNanos;
        for (int spins = 0; spins < 64 && durablePosition <= position; spins++) {
            Thread.onSpinWait(); // an fsync takes longer: a few spins only, then sleep until woken
        }
        Thread self = Thread.currentThread();
        while (durablePosition <= position) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                ledger.syncTimeouts.increment();
                if (!warnedSyncTimeout.get() && warnedSyncTimeout.compareAndSet(false, true)) {
                    Say.warning("jdbc-activity: an execution waited " + TimeUnit.NANOSECONDS.toMillis(syncTimeoutNanos)
                            + " ms (activity.delivery.syncTimeoutMs) for its event to be durable in the spool of "
                            + sink.describe() + " and went on without it; such waits are counted (syncTimeouts)");
                }
                return;
            }
            syncWaiters.add(self);
            if (durablePosition <= position) { // checked after joining: a wake-up between is not missed
                LockSupport.parkNanos(left);
            }
        }
    }

    /** Wakes the executions waiting for durability (they look again whether theirs is). */
    private void wakeSyncWaiters() {
        for (Thread t; (t = syncWaiters.poll()) != null;) {
            LockSupport.unpark(t);
        }
    }

    private void refuse() {
        ledger.refused.increment();
        if (stopping) {
            if (!warnedLate.get() && warnedLate.compareAndSet(false, true)) {
                Say.warning("jdbc-activity: an event reached the publisher of " + sink.describe()
                        + " after its stop began; it and any later ones are counted as dropped, not sent "
                        + "(Activity.stats(), producer " + producerId + "). If the application still runs statements "
                        + "while the JVM exits, raise activity.shutdown.quietMs (and activity.shutdown.timeoutMs)");
            }
        } else if (!warnedDrop.get() && warnedDrop.compareAndSet(false, true)) { // no CAS per drop once warned
            Say.warning("jdbc-activity: events to " + sink.describe() + " are being dropped "
                    + "and counted (capture queue of " + queue.capacity() + " full); "
                    + "raise activity.queue.capacity (and for Kinesis activity.kinesis.maxBufferBytes)");
        }
    }

    /** Records a failure of the capture path on an application thread; the application's call goes on. */
    public void captureFailed(Throwable t) {
        ledger.captureFailures.increment();
        failed(t);
    }

    private void run() {
        try {
            loop();
        } finally {
            try {
                if (recorder != null) {
                    recorder.write(); // on this thread: the recorder is its own
                }
                releaseResources();
            } finally {
                Publishers.ended(this); // always: else the hook and the registry would pin the driver
            }
        }
    }

    private void loop() {
        int idleRounds = 0;
        long nextHeartbeat = System.nanoTime() + heartbeatNanos;
        // The first event goes out at once: it builds the client's connection, signer and
        // marshallers while the application starts, so that its own first events do not wait for
        // them (a cold first call took seconds), and it tells consumers the producer started.
        producerEvent("start", 0, 0);
        flushSink();
        while (true) {
            long now = System.nanoTime();
            if (Thread.interrupted()) {
                // awaitStop() gave up waiting (or something else wants the thread): stop now, and
                // clear the flag, which would otherwise make every parkNanos return at once
                beginStop(0);
                stopDeadlineNanos = now;
                finalDeadlineNanos = now;
                interruptedStop = true;
            }
            retireIfIdle(now);
            tickSink(now);
            if (phase == Phase.RUNNING && now - nextHeartbeat >= 0) {
                producerEvent("heartbeat", 0, 0);
                nextHeartbeat = now + heartbeatNanos;
            }
            if (summaries != null && phase == Phase.RUNNING && summaries.due(System.currentTimeMillis())) {
                writeSummaries();
            }
            if (phase != Phase.FINAL) {
                markLosses(now, false);
            }
            if (recorder != null) {
                recorder.tick(now);
            }
            // Drain in rounds: the timers above run once per round, not once per event.
            int drained = 0;
            Capture c;
            while (phase != Phase.FINAL && drained < DRAIN_ROUND && hasRoom() && (c = queue.poll()) != null) {
                consumed++;
                unweigh(c);
                publish(c);
                drained++;
            }
            processedPosition = queue.consumed();
            if (syncDelivery && drained < DRAIN_ROUND && queue.size() > 0 && !hasRoom()) {
                drained += dropForSync(); // no room: the waiting executions must not all time out
            }
            if (syncDelivery && drained > 0) {
                makeDurable();
            }
            if (drained == DRAIN_ROUND) {
                idleRounds = 0;
                publishTally();
                continue; // more is waiting
            }
            if (drained > 0) {
                // The queue ran dry: let captures gather for a moment instead of reading each slot
                // right after the application thread wrote it (one cache-line transfer per event).
                idleRounds = 0;
            }
            if (flushRequested || phase == Phase.DELIVERING) {
                long position = queue.consumed();
                flushSink();
                if (flushRequested && sink.idle() && queue.size() == 0) {
                    flushedPosition = position;
                    flushRequested = false;
                }
            }
            if (stopping) {
                if (phase == Phase.RUNNING) {
                    phase = Phase.DELIVERING;
                }
                if (phase == Phase.DELIVERING && (queue.size() == 0 && sink.idle() || now - stopDeadlineNanos >= 0)) {
                    finalPhase(now);
                }
                if (phase == Phase.FINAL && (sink.idle() || now - finalDeadlineNanos >= 0)) {
                    publishTally();
                    return;
                }
            }
            publishTally();
            LockSupport.parkNanos(parkNanos(now, drained > 0 ? 0 : idleRounds++));
        }
    }

    /**
     * The stop's deadline passed, or everything was delivered: what is still queued or waiting in
     * the sink is counted as given up now, before the loss marker and the closing heartbeat are
     * written, so that they carry it; they then get a short deadline of their own.
     */
    private void finalPhase(long now) {
        Capture c;
        while ((c = queue.poll()) != null) {
            consumed++;
            givenUp++;
            stopGivenUp++;
            unweigh(c);
        }
        try {
            stopAbandoned += sink.abandonWaiting();
        } catch (Throwable t) {
            failed(t);
        }
        durablePosition = Long.MAX_VALUE; // no one waits for a stopped publisher: what is left is counted
        wakeSyncWaiters();
        publishTally();
        if (summaries != null) {
            writeSummaries(); // the last, partial interval: before the closing heartbeat
        }
        markLosses(now, true);
        closingHeartbeatWritten = producerEvent("stop", 0, 0);
        flushSink();
        phase = Phase.FINAL;
        finalDeadlineNanos = interruptedStop ? now : now + finalGraceNanos();
    }

    /**
     * How long to sleep: until the sink's next timer (a record's linger time, a retry, a file's
     * flush), and no longer than it takes the queue to need draining. Answers from Kinesis and
     * flush() or a stop wake the thread at once. Waking every millisecond while anything was
     * held, as before, cost about 20 µs of CPU per wake-up, more than the events of a wake-up
     * at a few thousand events a second.
     *
     * @param idleRounds turns in a row that found the queue empty (0: it had captures)
     */
    private long parkNanos(long now, int idleRounds) {
        long park = idleRounds == 0 ? ACTIVE_PARK_NANOS
                : Math.min(MAX_IDLE_PARK_NANOS, MIN_IDLE_PARK_NANOS << Math.min(idleRounds, 5));
        long due;
        try {
            due = sink.nanosUntilDue(now);
        } catch (Throwable t) {
            failed(t);
            due = BUSY_PARK_NANOS;
        }
        if (stopping) {
            due = Math.min(due, (phase == Phase.FINAL ? finalDeadlineNanos : stopDeadlineNanos) - now);
        }
        return Math.max(MIN_PARK_NANOS, Math.min(park, due));
    }

    /**
     * Sync delivery with no room in the sink (the spool's disk bound reached): the captures waiting
     * are given up now, counted, and said once, so that their executions go on at once instead of
     * each waiting out its timeout while the queue does not move.
     */
    private int dropForSync() {
        int n = 0;
        Capture c;
        while ((c = queue.poll()) != null) {
            consumed++;
            givenUp++;
            unweigh(c);
            n++;
        }
        if (n > 0 && !warnedSyncFull.get() && warnedSyncFull.compareAndSet(false, true)) {
            Say.warning("jdbc-activity: the spool of " + sink.describe() + " is full (activity.spool.maxBytes): "
                    + "with activity.delivery=sync the events it cannot take are dropped and counted at once, "
                    + "so executions do not wait for room");
        }
        return n;
    }

    /**
     * Sync delivery: one write and fsync for every capture of the round, then their threads go on.
     * Captures that failed or were refused count as settled too (they are counted, not waited for).
     */
    private void makeDurable() {
        long position = queue.consumed();
        boolean durable;
        try {
            durable = sink.makeDurable();
        } catch (Throwable t) {
            failed(t);
            durable = false;
        }
        if (durable) {
            durablePosition = position; // a failed fsync leaves the waiting threads to their timeout
            wakeSyncWaiters();
        }
    }

    /**
     * The closing heartbeat's own deadline: long enough for a call on a slow link, short enough
     * not to double a short stop, whatever the stop's timeout.
     */
    private long finalGraceNanos() {
        long half = TimeUnit.MILLISECONDS.toNanos(stopTimeoutMillis) / 2;
        return Math.max(TimeUnit.MILLISECONDS.toNanos(250), Math.min(TimeUnit.SECONDS.toNanos(2), half));
    }

    private void unweigh(Capture c) {
        long weight = c.largeSqlChars();
        if (weight > 0) {
            queuedSqlChars.addAndGet(-weight);
        }
    }

    /** Publishes the publisher thread's books at a point where they balance. */
    private void publishTally() {
        Ledger.Tally t = ledger.tally();
        SinkCounters s = counters;
        long filtered = selection.filtered() + selection.sampledOut();
        if (t.consumed() != consumed || t.extraEvents() != extraEvents || t.givenUp() != givenUp
                || t.failed() != failedEvents || t.filtered() != filtered || t.delivered() != s.delivered()
                || t.sinkLost() != s.lost()
                || t.held() != s.held() || t.producerDelivered() != s.producerDelivered()
                || t.producerLost() != s.producerLost() || t.recovered() != s.recoveredDelivered()
                || t.recoveredLost() != s.recoveredLost()) {
            ledger.publish(new Ledger.Tally(consumed, extraEvents, givenUp, failedEvents, filtered, s.delivered(), s.lost(),
                    s.held(), s.producerDelivered(), s.producerLost(), s.recoveredDelivered(), s.recoveredLost()));
        }
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
        if (recorder != null) {
            record(c); // whatever is published: the allowlist is of what the application runs
        }
        boolean toSink = sink.wantsEvents();
        boolean tapped = Taps.active();
        if (!toSink && !tapped) {
            counters.taken(1, false);
            counters.delivered(1, false);
            return;
        }
        String key = c.context.connectionId();
        long now = System.currentTimeMillis();
        int statements;
        try {
            statements = encoder.statementCount(c); // a multi-statement text is one event per statement
        } catch (Throwable t) {
            failedEvents++;
            failed(t);
            return;
        }
        extraEvents += statements - 1;
        // with filters or sampling, the first event written of a capture says which sequences
        // before it were left out on purpose (see LeftOutRuns)
        long leftOutFrom = everything ? 0 : leftOut.before(key, c.sequence);
        // whether any statement of the capture was written or failed: either way it was not left
        // out on purpose, and a run of left-out sequences must not cover it
        boolean published = false;
        for (int i = 1; i <= statements; i++) {
            try {
                Facts facts = everything && summaries == null ? null : encoder.facts(c, i);
                if (summaries != null) {
                    summaries.add(facts); // every statement, before filters and sampling
                }
                double rate = everything ? 1 : selection.decide(facts);
                if (rate == 0) {
                    continue; // left out by choice: counted by the selection, per rule
                }
                published = true;
                long from = leftOutFrom;
                leftOutFrom = 0;
                EncodedEvent event = encoder.encode(c, now, false, i, rate, from);
                if (tapped) {
                    Taps.offer(c.threadId, event);
                }
                if (!toSink) {
                    counters.taken(1, false); // the none sink: delivered to nowhere, as asked
                    counters.delivered(1, false);
                } else if (!sink.write(event, key) && !sink.write(encoder.encode(c, now, true, i, rate, from), key)) {
                    throw new IllegalStateException("event " + key + "-" + c.sequence + " too large even trimmed");
                }
            } catch (Throwable t) {
                failedEvents++; // this statement's event only: the others of the text go on
                published = true; // lost, not left out: the consumer must see a gap
                failed(t);
            }
        }
        if (!everything) {
            leftOut.after(key, c.sequence, published,
                    c.kind == StatementKind.CONNECTION && (c.method.equals("close") || c.method.equals("abort")));
        }
    }

    /**
     * Adds the shapes of what {@code c} ran to the allowlist being recorded: every statement of a
     * text, every entry of a plain batch; not connection events, the driver's own statements, nor
     * a statement protect mode refused (it never ran).
     */
    private void record(Capture c) {
        if (c.refused || c.kind == StatementKind.CONNECTION || c.kind == StatementKind.DRIVER) {
            return;
        }
        try {
            if (c.sql != null) {
                record(encoder.analyze(c.sql, c.context.quoteRule()));
            }
            if (c.batchSql != null) {
                for (String entry : c.batchSql) {
                    record(encoder.analyze(entry, c.context.quoteRule()));
                }
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    private void record(Analysis a) {
        for (Analysis.Statement st : a.statements()) {
            recorder.add(st.digest(), st.normalized());
        }
    }

    /**
     * With no connection for {@code activity.shutdown.idleMs} (a pool that closed, a web
     * application that was undeployed), the publisher stops by itself: what is queued is
     * delivered, its threads end and its MBean goes, so nothing of the driver outlives its users.
     * It never retires while it holds events or a flush waits, however long the stream is
     * unreachable: an idle timer must not turn a slow delivery into a loss. A later connection
     * starts a new publisher.
     */
    private void retireIfIdle(long now) {
        if (idleNanos == 0 || now - lastIdleCheckNanos < IDLE_CHECK_NANOS) {
            return; // a busy loop runs this often: look at the shared counters a few times a second only
        }
        lastIdleCheckNanos = now;
        if (!stopping && users.get() == 0 && now - idleSinceNanos > idleNanos && !flushRequested
                && queue.size() == 0 && sink.idle() && users.compareAndSet(0, -1)) {
            beginStop(shutdownMillis);
        }
    }

    /** Every event lost since the last marker, said once a second at most. */
    /** @param now current nanoTime; {@code force} skips the once-a-second limit (at stop) */
    private void markLosses(long now, boolean force) {
        // what ledger.stats() reports as dropped + lost, without building a snapshot each turn
        long lost = ledger.refused.sum() + ledger.captureFailures.sum() + givenUp + failedEvents + counters.lost();
        if (lost == lossesMarked) {
            return;
        }
        if (lossWindowStartMillis == 0) {
            lossWindowStartMillis = System.currentTimeMillis();
        }
        if ((force || now - lastMarkerNanos >= MARKER_INTERVAL_NANOS) && sink.wantsEvents()) {
            if (producerEvent("eventsDropped", lost - lossesMarked, lossWindowStartMillis)) {
                lossesMarked = lost;
                lossWindowStartMillis = 0;
            }
            lastMarkerNanos = now;
        }
    }

    /**
     * Writes a producer event: {@code start}, {@code heartbeat}, {@code stop} (heartbeats carrying
     * the counters) or {@code eventsDropped} (a loss marker).
     *
     * @return false when the sink could not take it (tried again later)
     */
    private boolean producerEvent(String method, long lostCount, long lostFromMillis) {
        if (!sink.wantsEvents()) {
            return true;
        }
        try {
            publishTally();
            PublisherStats s = ledger.stats();
            long[] values = {s.captured(), s.delivered(), s.filtered(), selection.sampledOut(), s.dropped(), s.lost(),
                s.pending(), s.queued(), s.retried(), s.throttled(), s.bufferedBytes(), s.producerEventsDelivered(),
                s.producerEventsLost(), s.recovered(), s.recoveredLost(), s.syncTimeouts()};
            long now = System.currentTimeMillis();
            long sequence = producerSequence + 1; // taken only when written: a refused write leaves no hole
            boolean written = sink.writeControl(encoder.encodeProducerEvent(producerId, sequence, method, values,
                    STAT_NAMES, lostCount, lostFromMillis, now, now, everything ? null : selection.ruleNames(),
                    everything ? null : selection.ruleCounts()), producerId);
            if (written) {
                producerSequence = sequence;
            }
            return written;
        } catch (Throwable t) {
            ledger.error(t.toString()); // not counted as a loss: it would call for another marker
            return false;
        }
    }

    /** Writes the interval's summaries, each as a producer event, and starts the next interval. */
    private void writeSummaries() {
        long now = System.currentTimeMillis();
        long from = summaries.fromMillis();
        for (DigestSummaries.Summary sum : summaries.drain(now)) {
            try {
                long sequence = producerSequence + 1;
                if (sink.writeControl(encoder.encodeSummary(producerId, sequence, sum, from, now, now), producerId)) {
                    producerSequence = sequence;
                } else {
                    counters.lost(1, true, "a summary the sink could not take"); // not retried: counted
                }
            } catch (Throwable t) {
                // unlike a heartbeat, which the next one replaces, a summary is not written again:
                // it is counted among the producer's events lost
                counters.lost(1, true, t.toString());
                failed(t);
            }
        }
    }

    private void flushSink() {
        try {
            sink.flush();
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** A failure worth reporting; the events it cost (if any) are counted where they were lost. */
    private void failed(Throwable t) {
        ledger.error(t.toString());
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

    /**
     * Waits until every capture offered before this call has been published (encoded, handed to
     * the sink and to {@link Taps}), without waiting for the sink to deliver it.
     *
     * @return false when the timeout passed first
     */
    public boolean awaitProcessed(long timeoutMillis) {
        long target = queue.produced();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (processedPosition < target) {
            if (!thread.isAlive() || System.nanoTime() > deadline) {
                return processedPosition >= target || !thread.isAlive();
            }
            LockSupport.unpark(thread);
            LockSupport.parkNanos(100_000);
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
     * now, then counts the rest as given up, writes the loss marker and the closing heartbeat,
     * and ends, closing the sink.
     */
    void beginStop(long timeoutMillis) {
        if (!stopping) {
            stopTimeoutMillis = timeoutMillis;
            stopDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            stopping = true;
            ledger.state("stopping");
        }
        LockSupport.unpark(thread);
    }

    /**
     * Waits for the thread to end after {@link #beginStop}: until the deadline, the closing
     * heartbeat's own and a grace period, then interrupts it and waits a little more. The sink is
     * closed by the thread itself (it is not safe to use from two threads); here only when the
     * thread never ran.
     */
    void awaitStop() {
        long deadline = stopDeadlineNanos + finalGraceNanos() + STOP_GRACE_NANOS;
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
            Say.warning("jdbc-activity: the publisher of " + sink.describe()
                    + " did not end after its stop; it ends as soon as its sink returns");
        } else if (thread.getState() == Thread.State.NEW) {
            releaseResources();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the sink (its client and threads; what is still in a call is counted lost there),
     * unregisters the MBean, and says in one line what the stop could not deliver, once.
     */
    private void releaseResources() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        long producerLostBefore = counters.producerLost();
        long lostBefore = counters.lost();
        try {
            sink.close();
        } catch (Throwable t) {
            failed(t);
        }
        long cutOff = counters.lost() - lostBefore;
        boolean producerEventsLost = counters.producerLost() > producerLostBefore;
        publishTally();
        ledger.state("stopped");
        if (jmxName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(jmxName);
            } catch (Throwable alreadyGone) {
                // gone already, or JMX unusable: nothing else holds the publisher
            }
        }
        long leftInSpool = ledger.stats().pending();
        if (leftInSpool > 0) {
            // only a durable spool holds events past its sink's close: they are not lost
            LOG.log(System.Logger.Level.INFO, "jdbc-activity: the publisher of " + sink.describe() + " (producer "
                    + producerId + ") stopped with " + leftInSpool + " events not yet delivered, kept in its spool: "
                    + "the next publisher started with the same activity.spool.dir sends them");
        }
        long lostAtStop = stopGivenUp + stopAbandoned + cutOff;
        boolean heartbeatMissing = producerEventsLost || stopping && !closingHeartbeatWritten && sink.wantsEvents();
        if (lostAtStop > 0 || heartbeatMissing) {
            PublisherStats s = ledger.stats();
            String totals = ". Totals: captured " + s.captured() + ", delivered " + s.delivered() + ", dropped "
                    + s.dropped() + ", lost " + s.lost() + (leftInSpool > 0 ? ", kept in the spool " + leftInSpool : "")
                    + (s.lastError() == null ? "" : "; last error: " + s.lastError());
            if (lostAtStop > 0) {
                Say.warning("jdbc-activity: the publisher of " + sink.describe() + " (producer " + producerId
                        + ") stopped without delivering " + lostAtStop + " events: " + stopGivenUp
                        + " still queued and " + stopAbandoned + " waiting in the sink at the stop's deadline ("
                        + stopTimeoutMillis + " ms, activity.shutdown.timeoutMs), " + cutOff
                        + " in calls cut off when it closed; "
                        + (heartbeatMissing ? "its closing heartbeat and loss marker did not all reach the destination"
                                : "its closing heartbeat said so in the stream")
                        + totals);
            } else {
                Say.warning("jdbc-activity: the publisher of " + sink.describe() + " (producer " + producerId
                        + ") stopped, but its closing heartbeat did not reach the destination: the stream does not "
                        + "have its final counters" + totals);
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

    /** The accounting that outlives the publisher (see {@code Activity.stats()}). */
    Ledger ledger() {
        return ledger;
    }

    public PublisherStats stats() {
        return ledger.stats();
    }

    // ---- JMX ----

    @Override
    public String getSink() {
        return sink.describe();
    }

    @Override
    public String getState() {
        return ledger.state();
    }

    @Override
    public long getCaptured() {
        return stats().captured();
    }

    @Override
    public long getDelivered() {
        return stats().delivered();
    }

    @Override
    public long getFiltered() {
        return stats().filtered();
    }

    @Override
    public long getDropped() {
        return stats().dropped();
    }

    @Override
    public long getLost() {
        return stats().lost();
    }

    @Override
    public long getPending() {
        return stats().pending();
    }

    @Override
    public long getProducerEventsDelivered() {
        return counters.producerDelivered();
    }

    @Override
    public long getRetried() {
        return counters.retries();
    }

    @Override
    public long getThrottled() {
        return counters.throttles();
    }

    @Override
    public long getRequests() {
        return counters.requests();
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
        return stats().lastError();
    }
}
