package io.jdbcactivity.publish;

import io.jdbcactivity.event.EncodedEvent;
import java.util.Arrays;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-process listeners of the application's events: a test kit records what the stream would
 * say without a file or Kinesis. Every publisher hands each application event it writes (after
 * filters and sampling, as the sink gets it) to every listener, on its own thread; with the
 * {@code none} sink it encodes events while a listener is registered. Producer events
 * (heartbeats, markers, summaries) are not handed over.
 *
 * <p>With no listener the publisher pays one volatile read per event.
 */
public final class Taps {
    /** Receives one event: its UTF-8 JSON (a copy the listener may keep) and the id of the thread that ran it. */
    public interface Listener {
        void event(long threadId, byte[] json);
    }

    private static final CopyOnWriteArrayList<Listener> LISTENERS = new CopyOnWriteArrayList<>();
    private static final AtomicLong FAILURES = new AtomicLong();
    private static volatile boolean active;

    private Taps() {
    }

    /** Registers a listener until the returned handle runs. */
    public static Runnable add(Listener listener) {
        synchronized (LISTENERS) { // the list and its flag change together: a remove cannot hide an add
            LISTENERS.add(listener);
            active = true;
        }
        return () -> {
            synchronized (LISTENERS) {
                LISTENERS.remove(listener);
                active = !LISTENERS.isEmpty();
            }
        };
    }

    static boolean active() {
        return active;
    }

    /** Listener calls that threw (the event still went to the sink). */
    public static long failures() {
        return FAILURES.get();
    }

    static void offer(long threadId, EncodedEvent e) {
        byte[] copy = Arrays.copyOf(e.bytes(), e.length());
        for (Listener l : LISTENERS) {
            try {
                l.event(threadId, copy);
            } catch (Throwable t) {
                FAILURES.incrementAndGet(); // a listener's fault must not cost the stream its event
            }
        }
    }
}
