package io.jdbcactivity.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.sink.Sink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublisherTest {
    private static final ConnectionContext CTX = new ConnectionContext("c", null, null, null, null, -1, null, null,
            null, null);

    private static Capture capture(long seq) {
        Capture c = new Capture(CTX, StatementKind.STATEMENT, "execute", "SELECT 1", seq, 1, true, "t", 0);
        c.endNanos = 1;
        return c;
    }

    /** A sink that records, optionally waiting for a gate before each write or failing every write. */
    private static final class TestSink implements Sink {
        final List<String> lines = new ArrayList<>();
        final CountDownLatch gate;
        final boolean fail;
        volatile boolean closed;

        TestSink(CountDownLatch gate, boolean fail) {
            this.gate = gate;
            this.fail = fail;
        }

        @Override
        public void write(CharSequence eventJson) throws IOException {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                throw new IOException("disk full");
            }
            lines.add(eventJson.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String describe() {
            return "test";
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() {
        CountDownLatch gate = new CountDownLatch(1);
        TestSink sink = new TestSink(gate, false);
        Publisher p = new Publisher(sink, 2);
        p.start();
        for (int i = 1; i <= 10; i++) {
            p.offer(capture(i)); // the sink is stuck: at most 2 queued + 1 in the sink's hands
        }
        PublisherStats s = p.stats();
        assertTrue(s.dropped() >= 7, s.toString());
        assertEquals(10, s.accepted() + s.dropped(), s.toString());
        gate.countDown();
        assertTrue(p.flush(10_000));
        assertEquals(s.accepted(), sink.lines.size());
        assertEquals(s.accepted(), p.stats().written());
        p.close(5_000);
        assertTrue(sink.closed);
    }

    @Test
    void aFailingSinkLosesOnlyWhatItWasGivenAndCountsIt() {
        CountDownLatch open = new CountDownLatch(0);
        Publisher p = new Publisher(new TestSink(open, true), 16);
        p.start();
        for (int i = 1; i <= 5; i++) {
            p.offer(capture(i));
        }
        assertTrue(p.flush(10_000));
        PublisherStats s = p.stats();
        assertEquals(5, s.failed(), s.toString());
        assertEquals(0, s.written());
        assertTrue(s.lastError().contains("disk full"), s.toString());
        p.close(5_000);
    }

    @Test
    void closeWritesWhatIsQueuedThenEndsTheThreadAndRefusesMore() {
        TestSink sink = new TestSink(new CountDownLatch(0), false);
        Publisher p = new Publisher(sink, 64);
        p.start();
        for (int i = 1; i <= 20; i++) {
            p.offer(capture(i));
        }
        p.close(5_000);
        assertEquals(20, sink.lines.size());
        assertFalse(p.isThreadAlive());
        p.offer(capture(21));
        assertEquals(1, p.stats().dropped());
    }
}
