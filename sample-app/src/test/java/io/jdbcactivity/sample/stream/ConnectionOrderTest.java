package io.jdbcactivity.sample.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The reorder stage: each connection's events released in sequence order, gaps waited for a bounded time. */
class ConnectionOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT = TimeUnit.SECONDS.toNanos(2);

    /** A clock that moves only when told: the bounds are about reading time, not about this machine's speed. */
    private long now = 1_000;
    private final ConnectionOrder order = new ConnectionOrder(WAIT, 100, () -> now);
    private final List<StreamEvent> out = new ArrayList<>();

    /** An event as the driver writes it: eventId {@code connection-sequence}, suffixed {@code .n} from the second statement of a text. */
    private static StreamEvent event(String connection, long sequence, int sub) {
        try {
            return new StreamEvent(JSON.readTree("""
                    {"type":"record","substatementId":%3$d,
                     "clientAuditFields":{"eventId":"%1$s-%2$d%4$s","connectionId":"%1$s","sequence":%2$d}}
                    """.formatted(connection, sequence, sub, sub == 1 ? "" : "." + sub)), "p1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event of statement {@code sub} of a text of {@code count} statements (the driver says the count). */
    private static StreamEvent event(String connection, long sequence, int sub, int count) {
        try {
            return new StreamEvent(JSON.readTree("""
                    {"type":"record","substatementId":%3$d,
                     "clientAuditFields":{"eventId":"%1$s-%2$d%4$s","connectionId":"%1$s","sequence":%2$d,
                      "substatementCount":%5$d}}
                    """.formatted(connection, sequence, sub, sub == 1 ? "" : "." + sub, count)), "p1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event after sequences the producer left out on purpose, from {@code leftOutFrom}. */
    private static StreamEvent afterLeftOut(String connection, long sequence, long leftOutFrom) {
        try {
            return new StreamEvent(JSON.readTree("""
                    {"type":"record","substatementId":1,
                     "clientAuditFields":{"eventId":"%1$s-%2$d","connectionId":"%1$s","sequence":%2$d,"leftOutFrom":%3$d}}
                    """.formatted(connection, sequence, leftOutFrom)), "p1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void add(String connection, long... sequences) {
        for (long s : sequences) {
            order.add(event(connection, s, 1), out);
        }
    }

    /** The event ids released so far, and forgets them. */
    private List<String> released() {
        List<String> ids = out.stream().map(StreamEvent::eventId).toList();
        out.clear();
        return ids;
    }

    @Test
    void eventsInOrderPassAtOnce() {
        add("A", 1, 2, 3);
        assertEquals(List.of("A-1", "A-2", "A-3"), released());
        assertEquals(0, order.held());
    }

    @Test
    void anEventIsHeldUntilTheOneBeforeItComes() {
        add("A", 1, 3, 5);
        assertEquals(List.of("A-1"), released());
        add("A", 4);
        assertEquals(List.of(), released(), "3 and 4 wait for 2; 5 for them");
        assertEquals(3, order.held());
        add("A", 2);
        assertEquals(List.of("A-2", "A-3", "A-4", "A-5"), released());
        assertEquals(0, order.held());
        assertEquals(0, order.gaps());
        assertEquals(0, order.late());
    }

    @Test
    void connectionsWaitIndependently() {
        add("A", 1, 3);
        add("B", 1, 2);
        assertEquals(List.of("A-1", "B-1", "B-2"), released());
    }

    @Test
    void aTextSplitOverTwoKeysIsWaitedForWhenItsEventsSayHowManyStatementsItHas() {
        add("A", 1);
        order.add(event("A", 2, 1, 3), out);
        add("A", 3); // came first, from another key: the text of 2 is not complete
        assertEquals(List.of("A-1", "A-2"), released(), "3 waits for 2.2 and 2.3");
        order.add(event("A", 2, 2, 3), out);
        order.add(event("A", 2, 3, 3), out);
        assertEquals(List.of("A-2.2", "A-2.3", "A-3"), released());
        assertEquals(0, order.late());
        assertEquals(0, order.gaps());
    }

    @Test
    void theStatementsOfATextStayTogetherInTheirOrder() {
        add("A", 1);
        order.add(event("A", 2, 3), out);
        order.add(event("A", 3, 1), out);
        order.add(event("A", 2, 1), out);
        assertEquals(List.of("A-1", "A-2"), released(), "2.3 waits for 2.2");
        order.add(event("A", 2, 2), out);
        assertEquals(List.of("A-2.2", "A-2.3", "A-3"), released());
    }

    @Test
    void aTextsStatementsThatComeAfterTheNextSequenceAreLate() {
        // a text's statement count is not in its events: the next sequence may follow the statements
        // that have come so far; one of the text coming after that is shown at once, as late
        add("A", 1);
        order.add(event("A", 2, 1), out);
        order.add(event("A", 2, 2), out);
        add("A", 3);
        assertEquals(List.of("A-1", "A-2", "A-2.2", "A-3"), released());
        order.add(event("A", 2, 3), out);
        assertEquals(List.of("A-2.3"), released());
        assertEquals(1, order.late());
        assertEquals(0, order.gaps());
    }

    @Test
    void sequencesLeftOutOnPurposeAreNeitherWaitedForNorGaps() {
        add("A", 1, 2);
        order.add(afterLeftOut("A", 6, 3), out); // 3..5 filtered by the producer
        assertEquals(List.of("A-1", "A-2", "A-6"), released());
        add("A", 7);
        assertEquals(List.of("A-7"), released());
        assertEquals(0, order.gaps());
        assertEquals(0, order.held());
    }

    @Test
    void aLossBeforeARunLeftOutOnPurposeIsStillAGap() {
        add("A", 1, 2);
        order.add(afterLeftOut("A", 6, 4), out); // 3 is missing; 4..5 were left out on purpose
        assertEquals(List.of("A-1", "A-2"), released(), "3 is waited for");
        now += WAIT;
        order.roundRead(true, out);
        assertEquals(List.of("A-6"), released());
        assertEquals(1, order.gaps(), "only 3");
    }

    @Test
    void aGapIsWaitedForTwoSecondsThenCounted() {
        add("A", 1, 3, 4);
        assertEquals(List.of("A-1"), released());
        now += WAIT - 1;
        order.roundRead(true, out);
        assertEquals(List.of(), released(), "not waited long enough");
        now += 1;
        order.roundRead(false, out); // every shard was read to its tip since 3 came: 2 was not there
        assertEquals(List.of("A-3", "A-4"), released());
        assertEquals(1, order.gaps());
        assertEquals(0, order.held());
    }

    @Test
    void whileABacklogIsReadAGapIsWaitedForUntilEveryShardWasReadToItsTip() {
        add("A", 1, 3);
        now += 10 * WAIT;
        order.roundRead(false, out);
        assertEquals(List.of("A-1"), released(), "2 may be further along a shard not read to its tip yet");
        order.roundRead(true, out);
        assertEquals(List.of("A-3"), released());
        assertEquals(1, order.gaps());
    }

    @Test
    void theWaitStartsWhenTheFirstEventBehindTheGapArrived() {
        add("A", 1, 3);
        now += WAIT / 2;
        add("A", 5);
        now += WAIT / 2;
        order.roundRead(true, out);
        // 3 waited long enough: 2 is given up; 5 came later, so 4 is waited for a while longer
        assertEquals(List.of("A-1", "A-3"), released());
        assertEquals(1, order.gaps());
        now += WAIT / 2;
        order.roundRead(true, out);
        assertEquals(List.of("A-5"), released());
        assertEquals(2, order.gaps());
    }

    @Test
    void aSkippedSequenceThatComesAfterAllIsShownLateAndNoLongerAGap() {
        // a query's event is written when its result set closes: after the statements run meanwhile
        add("A", 1, 2, 5, 6);
        now += WAIT;
        order.roundRead(true, out);
        assertEquals(List.of("A-1", "A-2", "A-5", "A-6"), released());
        assertEquals(2, order.gaps());
        add("A", 4);
        assertEquals(List.of("A-4"), released(), "shown at once: what it waited for is out already");
        assertEquals(1, order.gaps());
        assertEquals(1, order.late());
        add("A", 3);
        assertEquals(0, order.gaps());
        assertEquals(2, order.late());
    }

    @Test
    void aReadFromMidStreamStartsAtTheLowestSequenceHeldWithoutAGap() {
        add("A", 12);
        add("A", 11);
        assertEquals(List.of(), released(), "11 or 12 may not be the first this read holds of A");
        now += WAIT;
        order.roundRead(true, out);
        assertEquals(List.of("A-11", "A-12"), released());
        assertEquals(0, order.gaps());
        add("A", 13);
        assertEquals(List.of("A-13"), released());
    }

    @Test
    void aConnectionsFirstEventPassesAtOnce() {
        add("A", 1);
        assertEquals(List.of("A-1"), released(), "sequence 1 (CONNECT) is where every connection begins");
    }

    @Test
    void theEventsHeldAreBounded() {
        ConnectionOrder small = new ConnectionOrder(WAIT, 3, () -> now);
        small.add(event("A", 1, 1), out);
        now++;
        small.add(event("B", 1, 1), out);
        for (long s = 3; s <= 5; s++) {
            now++;
            small.add(event("A", s, 1), out);
        }
        now++;
        small.add(event("B", 3, 1), out);
        // four held, one more than allowed: A, which has waited longest, goes, without waiting for 2
        assertEquals(List.of("A-1", "B-1", "A-3", "A-4", "A-5"), released());
        assertEquals(1, small.held());
        assertEquals(1, small.gaps());
    }

    @Test
    void drainReleasesEverythingHeldInOrder() {
        add("A", 1, 4, 3);
        add("B", 7);
        order.drain(out);
        assertEquals(List.of("A-1", "A-3", "A-4", "B-7"), released());
        assertEquals(1, order.gaps(), "A's 2; B was met at 7: where this read began");
        assertEquals(0, order.held());
    }

    @Test
    void anEventWithoutASequencePassesUntouched() throws Exception {
        StreamEvent foreign = new StreamEvent(JSON.readTree("{\"type\":\"record\",\"clientAuditFields\":{}}"), null);
        order.add(foreign, out);
        assertEquals(List.of(foreign), out);
    }
}
