package io.jdbcactivity.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.event.EncodedEvent;
import io.jdbcactivity.sink.Sink;
import io.jdbcactivity.sink.SinkCounters;
import java.io.IOException;
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

    /**
     * A sink that records and delivers at once, optionally waiting for a gate before each write or
     * failing every write of an application event.
     */
    private static final class TestSink implements Sink {
        final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch gate;
        final boolean fail;
        volatile boolean closed;
        private SinkCounters counters;

        TestSink(CountDownLatch gate, boolean fail) {
            this.gate = gate;
            this.fail = fail;
        }

        @Override
        public void bind(SinkCounters counters) {
            this.counters = counters;
        }

        @Override
        public boolean write(EncodedEvent event, String partitionKey) throws IOException {
            return write(event, false);
        }

        @Override
        public boolean writeControl(EncodedEvent event, String partitionKey) throws IOException {
            return write(event, true);
        }

        private boolean write(EncodedEvent event, boolean producer) throws IOException {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail && !producer) {
                throw new IOException("disk full");
            }
            lines.add(event.toString());
            counters.taken(1, producer);
            counters.delivered(1, producer);
            return true;
        }

        List<String> activity() {
            return lines.stream().filter(l -> !l.contains("\"PRODUCER\"")).toList();
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
        assertEquals(10, s.captured(), s.toString());
        assertTrue(s.balanced(), s.toString());
        try {
            gate.countDown();
            assertTrue(p.flush(10_000));
            assertEquals(s.captured() - s.dropped(), sink.activity().size());
            // the losses are marked in the stream itself (markers at most once a second), with their count
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long marked = 0;
            while (marked < s.dropped() && System.nanoTime() < deadline) {
                p.flush(1000);
                marked = sink.lines.stream().filter(l -> l.contains("EVENTS_DROPPED"))
                        .map(io.jdbcactivity.fixtures.ActivityEvents::parseAndValidate)
                        .mapToLong(m -> m.get("clientAuditFields").get("dropped").get("count").asLong()).sum();
            }
            assertEquals(s.dropped(), marked, sink.lines::toString);
        } finally {
            p.close(5_000);
        }
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
        try {
            assertTrue(p.flush(10_000));
            PublisherStats s = p.stats();
            assertEquals(5, s.lost(), s.toString());
            assertEquals(0, s.delivered());
            assertTrue(s.balanced(), s.toString());
            assertTrue(s.lastError().contains("disk full"), s.toString());
        } finally {
            p.close(5_000);
        }
    }

    @Test
    void largeSqlTextsAreBoundedByCharactersNotOnlyByCount() {
        CountDownLatch gate = new CountDownLatch(1);
        TestSink sink = new TestSink(gate, false);
        Publisher p = new Publisher(sink, 1024, 5_000, Publisher.Overflow.DROP_NEWEST, 0, 86_400_000, "t",
                io.jdbcactivity.event.EventEncoder.CommandTextMode.NORMALIZED);
        p.start();
        try {
            String large = "SELECT '" + "x".repeat(2_000) + "'";
            for (int i = 1; i <= 4; i++) {
                Capture c = new Capture(CTX, StatementKind.STATEMENT, "execute", large, i, 1, true, "t", 0);
                p.offer(c); // the sink is stuck: at most two 2 KB texts fit 5,000 characters
            }
            p.offer(capture(5)); // a small one still fits
            PublisherStats s = p.stats();
            assertTrue(s.dropped() >= 2 && s.dropped() <= 3, s.toString());
            gate.countDown();
            assertTrue(p.flush(10_000));
            Capture again = new Capture(CTX, StatementKind.STATEMENT, "execute", large, 6, 1, true, "t", 0);
            p.offer(again);
            assertTrue(p.flush(10_000));
            assertEquals(s.dropped(), p.stats().dropped(), "delivered texts free their characters");
        } finally {
            gate.countDown();
            p.close(5_000);
        }
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
        assertEquals(22, sink.lines.size(), "the starting heartbeat, 20 events and the closing heartbeat");
        assertTrue(sink.lines.get(0).contains("\"executeMethod\":\"start\""), sink.lines.get(0));
        assertTrue(sink.lines.subList(1, 21).stream().allMatch(l -> l.contains("\"command\":\"SELECT\"")));
        String last = sink.lines.get(21);
        assertTrue(last.contains("\"type\":\"heartbeat\"") && last.contains("\"executeMethod\":\"stop\"")
                && last.contains("\"captured\":20") && last.contains("\"delivered\":20"), last);
        assertFalse(p.isThreadAlive());
        p.offer(capture(21));
        PublisherStats after = p.stats();
        assertEquals(1, after.dropped(), "an event after the stop is counted, not silently ignored");
        assertEquals("stopped", after.state());
        assertTrue(after.balanced(), after.toString());
    }

    /** A summary the sink refuses is not written again: it is counted among the producer's events lost. */
    @Test
    void aSummaryTheSinkRefusesIsCountedLost() {
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        Sink refusesSummaries = new Sink() {
            private SinkCounters counters;

            @Override
            public void bind(SinkCounters c) {
                counters = c;
            }

            @Override
            public boolean write(EncodedEvent event, String partitionKey) {
                counters.taken(1, false);
                counters.delivered(1, false);
                return true;
            }

            @Override
            public boolean writeControl(EncodedEvent event, String partitionKey) throws IOException {
                String json = event.toString();
                if (json.contains("\"type\":\"summary\"")) {
                    throw new IOException("no room for summaries");
                }
                written.add(json);
                counters.delivered(1, true);
                return true;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }

            @Override
            public String describe() {
                return "refuses-summaries";
            }
        };
        Publisher p = new Publisher(refusesSummaries, 16);
        p.summaries(60_000, 10);
        p.start();
        for (int i = 1; i <= 3; i++) {
            p.offer(capture(i));
        }
        assertTrue(p.flush(10_000));
        p.close(5_000); // the stop writes the interval's summary, which the sink refuses
        PublisherStats s = p.stats();
        assertEquals(1, s.producerEventsLost(), s.toString());
        assertEquals(3, s.delivered(), s.toString());
        assertTrue(written.stream().anyMatch(l -> l.contains("\"stop\"")), written::toString);
    }
}
