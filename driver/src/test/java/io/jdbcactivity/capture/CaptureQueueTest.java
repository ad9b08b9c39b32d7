package io.jdbcactivity.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CaptureQueueTest {
    private static final ConnectionContext CTX = new ConnectionContext("c", null, null, null, null, -1, null, null,
            null, null);

    private static Capture capture(long seq) {
        return new Capture(CTX, StatementKind.STATEMENT, "execute", "x", seq, 1, true, "t", 0);
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwoAndAFullQueueRefusesAtOnce() {
        CaptureQueue q = new CaptureQueue(5);
        assertEquals(8, q.capacity());
        for (int i = 0; i < 8; i++) {
            assertTrue(q.offer(capture(i)));
        }
        assertFalse(q.offer(capture(99)));
        assertEquals(8, q.size());
        assertEquals(0, q.poll().sequence);
        assertTrue(q.offer(capture(8)), "a freed slot is usable again");
    }

    @Test
    void fifoForOneProducer() {
        CaptureQueue q = new CaptureQueue(4);
        for (int lap = 0; lap < 10; lap++) {
            Capture a = capture(lap);
            q.offer(a);
            assertSame(a, q.poll());
        }
        assertNull(q.poll());
        assertEquals(10, q.produced());
        assertEquals(10, q.consumed());
    }

    @Test
    void manyProducersOneConsumerLoseAndDuplicateNothing() throws Exception {
        int producers = 8;
        int each = 50_000;
        CaptureQueue q = new CaptureQueue(1024);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * each;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    Capture c = capture(base + i);
                    while (!q.offer(c)) {
                        refused.incrementAndGet();
                        Thread.onSpinWait();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        Set<Long> seen = new HashSet<>();
        long[] lastPerProducer = new long[producers];
        java.util.Arrays.fill(lastPerProducer, -1);
        while (seen.size() < producers * each) {
            Capture c = q.poll();
            if (c == null) {
                Thread.onSpinWait();
                continue;
            }
            assertTrue(seen.add(c.sequence), "duplicate " + c.sequence);
            int producer = (int) (c.sequence / each);
            assertTrue(c.sequence > lastPerProducer[producer], "one producer's captures stay in order");
            lastPerProducer[producer] = c.sequence;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertNull(q.poll());
        assertEquals(producers * each, q.consumed());
    }
}
