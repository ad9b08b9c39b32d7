package io.jdbcactivity.capture;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Bounded multi-producer, single-consumer queue of captures (Vyukov's bounded queue). Producers
 * (application threads, any number of connections) never block and never take a lock: a full
 * queue answers {@code false} at once. No allocation per element.
 */
public final class CaptureQueue {
    private final AtomicReferenceArray<Capture> slots;
    /** Per slot: the position it may next be written at (== position) or read at (== position + 1). */
    private final AtomicLongArray turns;
    private final int mask;
    private final AtomicLong tail = new AtomicLong();
    /** Written only by the consumer; volatile so gauges and flush() can read it. */
    private volatile long head;

    /** @param capacity rounded up to a power of two */
    public CaptureQueue(int capacity) {
        int size = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        slots = new AtomicReferenceArray<>(size);
        turns = new AtomicLongArray(size);
        for (int i = 0; i < size; i++) {
            turns.set(i, i);
        }
        mask = size - 1;
    }

    public int capacity() {
        return mask + 1;
    }

    /** Adds a capture; false when the queue is full. Safe from any thread. */
    public boolean offer(Capture c) {
        return offerAt(c) >= 0;
    }

    /**
     * Adds a capture; its position in the queue (the count of captures accepted before it), or -1
     * when the queue is full. Safe from any thread.
     */
    public long offerAt(Capture c) {
        long t = tail.get();
        for (;;) {
            int i = (int) t & mask;
            long diff = turns.get(i) - t;
            if (diff == 0) {
                if (tail.compareAndSet(t, t + 1)) {
                    slots.lazySet(i, c);
                    // A release store is enough to publish the slot (the consumer's read is volatile);
                    // a full volatile write would add a second fence after the CAS on every capture.
                    turns.lazySet(i, t + 1);
                    return t;
                }
                t = tail.get();
            } else if (diff < 0) {
                return -1; // the consumer has not freed this slot yet: full
            } else {
                t = tail.get(); // another producer took this position
            }
        }
    }

    /** Removes the oldest capture, or returns null when none is ready. Consumer thread only. */
    public Capture poll() {
        long h = head;
        int i = (int) h & mask;
        if (turns.get(i) != h + 1) {
            return null;
        }
        Capture c = slots.get(i);
        slots.lazySet(i, null);
        turns.lazySet(i, h + mask + 1); // release: producers read the turn with a volatile load
        head = h + 1;
        return c;
    }

    /**
     * The count of captures ever accepted, as the live counter: what a publisher's accounting
     * keeps after the publisher (and this queue's slots) are gone.
     */
    public AtomicLong acceptedCounter() {
        return tail;
    }

    /** How many captures were ever accepted; a flush waits until {@link #consumed()} reaches it. */
    public long produced() {
        return tail.get();
    }

    public long consumed() {
        return head;
    }

    public int size() {
        return (int) Math.max(0, tail.get() - head);
    }
}
