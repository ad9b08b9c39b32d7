package io.jdbcactivity.sink.kinesis;

import io.jdbcactivity.event.EncodedEvent;
import io.jdbcactivity.sink.Sink;
import io.jdbcactivity.sink.SinkCounters;
import io.jdbcactivity.spool.Frame;
import io.jdbcactivity.spool.RecoveryReport;
import io.jdbcactivity.spool.Spool;
import java.io.IOException;

/**
 * {@code activity.spool.dir}: the Kinesis sink behind a durable spool. Each application event is
 * appended to the spool first (it counts as held from then on), written to the file at every turn
 * of the publisher's loop (a killed process loses none of it) and forced to the disk by the fsync
 * policy; the Kinesis sink reads events back from the spool as its memory allows and reports each
 * acceptance, which retires the event from the disk. An outage therefore costs disk, not events:
 * records of a spool never expire, and what a stop could not deliver stays on disk for the next
 * publisher — of this process or the next — which sends what it adopted before its own.
 *
 * <p>The producer's own events (heartbeats, loss markers) describe this process and go to Kinesis
 * directly. Events adopted from a publisher that was gone are counted apart ({@code recovered}).
 *
 * <p>Spool tokens: a spooled event is known to the Kinesis sink by a token, its spool position for
 * this publisher's own events and the position's complement (negative) for adopted ones, so that
 * each outcome is counted on the right side even after the segment it came from was evicted.
 */
public final class SpooledSink implements Sink, KinesisSink.SpoolOutcome {
    private static final System.Logger LOG = System.getLogger("io.jdbcactivity");

    /** When the spool's files are forced to the disk. */
    public enum Fsync { INTERVAL, ALWAYS }

    private final Spool spool;
    private final KinesisSink kinesis;
    private final Fsync fsync;
    private final long fsyncIntervalNanos;
    private final long maxBytes;
    private SinkCounters counters = new SinkCounters();
    private boolean unsynced;
    private long lastSyncNanos;
    private long evictedOwnCounted;
    private long evictedCounted;
    private long damagedOwnCounted;
    private long damagedCounted;
    private boolean warnedRefusal;

    public SpooledSink(Spool spool, KinesisSink kinesis, Fsync fsync, long fsyncIntervalMillis, long maxBytes) {
        this.spool = spool;
        this.kinesis = kinesis;
        this.fsync = fsync;
        this.fsyncIntervalNanos = fsyncIntervalMillis * 1_000_000L;
        this.maxBytes = maxBytes;
        kinesis.spooledBy(this);
        RecoveryReport r = spool.recovery();
        if (r.ownersAdopted() > 0 || r.cuts() > 0) {
            LOG.log(r.cuts() > 0 ? System.Logger.Level.WARNING : System.Logger.Level.INFO, "jdbc-activity: the spool "
                    + spool.directory() + " adopted " + r.frames() + " undelivered events of " + r.ownersAdopted()
                    + " publishers that had gone; they are sent first"
                    + (r.cuts() > 0 ? ". " + r.cuts() + " damaged or torn tails were cut (" + r.damagedFrames()
                            + " events, " + r.bytesCut() + " bytes): a crash or power loss mid-write" : ""));
        }
    }

    @Override
    public void bind(SinkCounters counters) {
        this.counters = counters;
        kinesis.bind(counters);
        if (spool.recovery().damagedFrames() > 0) {
            counters.recovered((int) Math.min(Integer.MAX_VALUE, spool.recovery().damagedFrames()), false);
        }
    }

    @Override
    public boolean write(EncodedEvent event, String partitionKey) throws IOException {
        if (!kinesis.fitsARecord(event.length(), partitionKey)) {
            return false; // the publisher trims it and writes it again
        }
        long position = spool.append(partitionKey, (byte) 0, event.bytes(), 0, event.length());
        if (position < 0) {
            // a full disk or the bound: never the application's error; the publisher counts the event lost
            String why = "the spool " + spool.directory() + " refused an event (" + spool.lastRefusal()
                    + (spool.lastError() == null ? "" : ": " + spool.lastError()) + ")";
            if (!warnedRefusal) {
                warnedRefusal = true;
                LOG.log(System.Logger.Level.WARNING, "jdbc-activity: " + why
                        + "; such events are lost and counted (further refusals are counted silently)");
            }
            throw new IOException(why);
        }
        counters.taken(1, false);
        unsynced = true;
        return true;
    }

    @Override
    public boolean writeControl(EncodedEvent event, String partitionKey) {
        return kinesis.writeControl(event, partitionKey);
    }

    /** Room on disk for one more event of the largest size; past it the publisher's overflow policy applies. */
    @Override
    public boolean hasRoom() {
        return spool.bytes() + KinesisLimits.MAX_RECORD_BYTES <= maxBytes;
    }

    /** drop-oldest: the oldest segment goes; its events not yet read are lost (counted here). */
    @Override
    public boolean evictOldest() {
        if (spool.evictOldest() < 0) {
            return false;
        }
        countSpoolLosses();
        return true;
    }

    @Override
    public void tick(long nowNanos) {
        spool.flushToOs(); // from here a killed process loses none of what was appended
        if (unsynced && (fsync == Fsync.ALWAYS || nowNanos - lastSyncNanos >= fsyncIntervalNanos)) {
            sync(nowNanos);
        }
        feed();
        kinesis.tick(nowNanos);
        countSpoolLosses();
    }

    @Override
    public long nanosUntilDue(long nowNanos) {
        if (spool.unreadFrames() > 0 && kinesis.hasRoom()) {
            return 0; // events on disk to hand over
        }
        long due = kinesis.nanosUntilDue(nowNanos);
        if (unsynced) {
            due = Math.min(due, fsync == Fsync.ALWAYS ? 0 : lastSyncNanos + fsyncIntervalNanos - nowNanos);
        }
        return due;
    }

    /** Everything appended so far survives a power loss once this returns true (sync delivery). */
    @Override
    public boolean makeDurable() {
        return !unsynced || sync(System.nanoTime());
    }

    private boolean sync(long nowNanos) {
        lastSyncNanos = nowNanos;
        if (spool.sync()) {
            unsynced = false;
            return true;
        }
        counters.lastError = "cannot force the spool to disk: " + spool.lastError();
        return false;
    }

    /** Hands the Kinesis sink what it has room for, oldest first (adopted events before own ones). */
    private void feed() {
        while (kinesis.hasRoom()) {
            Frame f = spool.next();
            if (f == null) {
                return;
            }
            boolean own = spool.own(f.position());
            long token = own ? f.position() : ~f.position();
            if (!kinesis.writeSpooled(f.data(), f.data().length, f.key(), token)) {
                spool.ack(f.position()); // can never fit a record (a spool written by another version)
                if (own) {
                    counters.lost(1, false, "an event in the spool is too large for a Kinesis record");
                } else {
                    counters.recovered(1, false);
                }
            }
        }
    }

    /** Evicted or damaged frames that were never read: lost (own) or recovered-lost (adopted). */
    private void countSpoolLosses() {
        long evictedOwn = spool.evictedUnreadOwn() - evictedOwnCounted;
        long evictedOther = spool.evictedUnread() - evictedCounted - evictedOwn;
        long damagedOwn = spool.damagedOnReadOwn() - damagedOwnCounted;
        long damagedOther = spool.damagedOnRead() - damagedCounted - damagedOwn;
        if (evictedOwn > 0) {
            counters.lost((int) evictedOwn, false, "spool full (activity.spool.maxBytes): oldest events dropped");
        }
        if (damagedOwn > 0) {
            counters.lost((int) damagedOwn, false, "an event in the spool was damaged on disk");
        }
        if (evictedOther + damagedOther > 0) {
            counters.recovered((int) (evictedOther + damagedOther), false);
        }
        evictedOwnCounted = spool.evictedUnreadOwn();
        evictedCounted = spool.evictedUnread();
        damagedOwnCounted = spool.damagedOnReadOwn();
        damagedCounted = spool.damagedOnRead();
    }

    @Override
    public void delivered(long[] tokens) {
        for (long token : tokens) {
            boolean own = token >= 0;
            spool.ack(own ? token : ~token);
            if (own) {
                counters.delivered(1, false);
            } else {
                counters.recovered(1, true);
            }
        }
    }

    /**
     * The Kinesis sink closed with these in memory: those still in the spool stay there for the
     * next publisher (pending); those whose segment was evicted meanwhile are gone: lost.
     */
    @Override
    public void dropped(long[] tokens) {
        for (long token : tokens) {
            boolean own = token >= 0;
            if (!spool.holds(own ? token : ~token)) {
                if (own) {
                    counters.lost(1, false, "evicted from the spool while in memory, then not delivered");
                } else {
                    counters.recovered(1, false);
                }
            }
        }
    }

    @Override
    public void flush() {
        spool.flushToOs();
        feed();
        kinesis.flush();
    }

    @Override
    public boolean idle() {
        return spool.unackedFrames() == 0 && kinesis.idle();
    }

    /** What a stop did not deliver stays in the spool, held, for the next publisher: nothing is given up. */
    @Override
    public long abandonWaiting() {
        return 0;
    }

    @Override
    public void close() {
        try {
            kinesis.close();
        } finally {
            countSpoolLosses();
            spool.close();
        }
    }

    @Override
    public String describe() {
        return kinesis.describe();
    }

    /** The spool's directory, for logs. */
    public String spoolDirectory() {
        return spool.directory().toString();
    }
}
