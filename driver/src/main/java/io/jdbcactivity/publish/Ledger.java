package io.jdbcactivity.publish;

import io.jdbcactivity.sink.SinkCounters;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One publisher's accounting, kept apart from the publisher so that its figures stay readable
 * after it stopped (it holds counters only: no sink, no client, no class of the application).
 *
 * <p>Every event is counted once, in one place: application threads count what they refuse and
 * the capture failures; the publisher thread owns everything after the queue and publishes it as
 * one immutable {@link Tally} at points where its own books balance. A reader combines that tally
 * with the application-side counters read once each, so {@code captured = delivered + filtered +
 * dropped + lost + pending} holds exactly in every snapshot, on any thread, at any time.
 */
final class Ledger {
    /**
     * The publisher thread's books at one instant: {@code consumed + extraEvents = givenUp + failed
     * + filtered + sink.delivered + sink.lost + sink.held}.
     *
     * @param consumed    captures taken from the queue
     * @param extraEvents events beyond one per capture (the further statements of multi-statement texts)
     * @param givenUp     captures taken from the queue and not published (the stop's deadline)
     * @param failed      events lost to failures of analysis, encoding or writing
     * @param filtered    events left out by the filters or sampling ({@code activity.filter.*}, {@code activity.sample.*})
     */
    record Tally(long consumed, long extraEvents, long givenUp, long failed, long filtered, long delivered,
            long sinkLost, long held, long producerDelivered, long producerLost, long recovered, long recoveredLost) {
        static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    final String producerId;
    final String sink;
    final SinkCounters sinkCounters = new SinkCounters();
    /** Captures refused on the application's side: full queue, too much large SQL, publisher stopping or stopped. */
    final LongAdder refused = new LongAdder();
    /** Executions whose capture itself failed on the application's thread: an event that never was. */
    final LongAdder captureFailures = new LongAdder();
    /** Executions that went on before their event was durable ({@code activity.delivery=sync} timed out). */
    final LongAdder syncTimeouts = new LongAdder();
    private final AtomicLong accepted;
    private volatile Tally tally = Tally.ZERO;
    private volatile String state = "running";
    private volatile String lastError;

    /** @param accepted the queue's count of captures ever accepted (its tail) */
    Ledger(String producerId, String sink, AtomicLong accepted) {
        this.producerId = producerId;
        this.sink = sink;
        this.accepted = accepted;
    }

    /** Publisher thread: the books balance now. */
    void publish(Tally t) {
        tally = t;
    }

    Tally tally() {
        return tally;
    }

    void state(String s) {
        state = s;
    }

    String state() {
        return state;
    }

    void error(String e) {
        lastError = e;
    }

    PublisherStats stats() {
        Tally t = tally;
        long accepted = this.accepted.get();
        long refused = this.refused.sum();
        long captureFailed = captureFailures.sum();
        long queued = accepted - t.consumed();
        long dropped = refused + t.givenUp();
        if (state.equals("stopped")) {
            // A capture that slipped into the queue as the publisher ended (its thread passed the
            // stopping check just before the stop) will never be read: it is dropped, not pending.
            dropped += queued;
            queued = 0;
        }
        SinkCounters s = sinkCounters;
        return new PublisherStats(producerId, sink, state, accepted + refused + t.extraEvents() + captureFailed,
                t.delivered(), t.filtered(), dropped, t.failed() + t.sinkLost() + captureFailed, queued + t.held(), queued,
                t.producerDelivered(), t.producerLost(), t.recovered(), t.recoveredLost(), syncTimeouts.sum(),
                s.retries(), s.throttles(), s.bufferedBytes, lastError != null ? lastError : s.lastError);
    }
}
