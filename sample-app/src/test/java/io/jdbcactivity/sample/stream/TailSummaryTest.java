package io.jdbcactivity.sample.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The summary's loss report and the viewer's lines for producer events, from events as the driver writes them. */
class TailSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A heartbeat as {@code EventEncoder.encodeProducerEvent} writes it; {@code kind} is start, heartbeat or stop. */
    private static StreamEvent heartbeat(String producer, String kind, long sequence, String at, long captured,
            long dropped, long lost, long pending) throws Exception {
        return new StreamEvent(JSON.readTree("""
                {"type":"heartbeat","class":"MISC","command":"HEARTBEAT","exitCode":0,"statementId":%3$d,"rowCount":-1,
                 "startTime":"2026-11-24T%4$sZ","endTime":"2026-11-24T%4$sZ","logTime":"2026-11-24T%4$sZ",
                 "clientAuditFields":{"eventId":"%1$s-%3$d","connectionId":"%1$s","sequence":%3$d,
                  "statementKind":"PRODUCER","executeMethod":"%2$s","producerStats":{"captured":%5$d,
                  "delivered":%6$d,"dropped":%7$d,"lost":%8$d,"pending":%9$d,"queued":0,"retried":0,"throttled":0,
                  "bufferedBytes":0,"producerEventsDelivered":%10$d,"producerEventsLost":0}}}
                """.formatted(producer, kind, sequence, at, captured, captured - dropped - lost - pending, dropped,
                lost, pending, sequence - 1)), producer);
    }

    private static StreamEvent heartbeat(String producer, long captured, long dropped, long lost) throws Exception {
        return heartbeat(producer, "heartbeat", 3, "18:00:00.000000", captured, dropped, lost, 0);
    }

    private static StreamEvent marker(String producer, long count) throws Exception {
        return new StreamEvent(JSON.readTree("""
                {"type":"record","class":"MISC","command":"EVENTS_DROPPED","exitCode":0,"statementId":2,"rowCount":%2$d,
                 "startTime":"2026-11-24T18:00:01.000000Z","endTime":"2026-11-24T18:00:02.000000Z",
                 "logTime":"2026-11-24T18:00:02.000000Z",
                 "clientAuditFields":{"eventId":"%1$s-2","connectionId":"%1$s","sequence":2,"statementKind":"PRODUCER",
                  "executeMethod":"eventsDropped","dropped":{"count":%2$d,"from":"2026-11-24T18:00:01.000000Z",
                  "to":"2026-11-24T18:00:02.000000Z"},"producerStats":{"captured":10}}}
                """.formatted(producer, count)), producer);
    }

    /** An application event the producer wrote at {@code at} (its logTime). */
    private static StreamEvent statement(String producer, long sequence, String at) throws Exception {
        return new StreamEvent(JSON.readTree("""
                {"type":"record","class":"READ","command":"SELECT","exitCode":0,"statementId":%2$d,
                 "startTime":"2026-11-24T%3$sZ","logTime":"2026-11-24T%3$sZ",
                 "clientAuditFields":{"eventId":"c1-%2$d","connectionId":"c1","sequence":%2$d,
                  "statementKind":"PREPARED","tables":[{"name":"orders","access":"READ"}],"risk":[]}}
                """.formatted(producer, sequence, at)), producer);
    }

    /** A summary event as {@code EventEncoder.encodeSummary} writes it. */
    private static StreamEvent summary(String digest, String text, long count, long totalNanos, long errors)
            throws Exception {
        return new StreamEvent(JSON.readTree("""
                {"type":"summary","class":"READ","command":"SUMMARY","commandText":"%2$s","exitCode":0,"statementId":9,
                 "startTime":"2026-11-24T18:00:00.000000Z","endTime":"2026-11-24T18:01:00.000000Z",
                 "logTime":"2026-11-24T18:01:00.000000Z",
                 "clientAuditFields":{"eventId":"p1-9","connectionId":"p1","sequence":9,"statementKind":"PRODUCER",
                  "executeMethod":"summary","sqlDigest":"%1$s","summary":{"command":"SELECT","count":%3$d,
                  "errors":%5$d,"rowsAffected":0,"rowsReturned":0,"totalNanos":%4$d,"minNanos":1000,"maxNanos":90000,
                  "latencyMicros":[[2,1],[128,2]]},"tables":[]}}
                """.formatted(digest, text, count, totalNanos, errors)), "p1");
    }

    @Test
    void summariesGiveTheTopShapesByTimeCountAndErrors() throws Exception {
        TailSummary s = new TailSummary();
        s.event(summary("a", "SELECT * FROM orders WHERE id = ?", 100, 5_000_000, 0), true);
        s.event(summary("b", "SELECT * FROM customer WHERE name LIKE ?", 3, 90_000_000, 2), true);
        s.event(summary("a", "SELECT * FROM orders WHERE id = ?", 50, 2_500_000, 0), true); // the next interval
        String printed = print(s);
        assertTrue(printed.contains("summaries 3 events over 2 statement shapes"), printed);
        int byTime = printed.indexOf("top by time");
        int byCount = printed.indexOf("top by count");
        assertTrue(printed.indexOf("90.0 ms  SELECT * FROM customer") > byTime
                && printed.indexOf("7.5 ms  SELECT * FROM orders") > printed.indexOf("90.0 ms"), printed);
        assertTrue(printed.indexOf("150×  SELECT * FROM orders") > byCount
                && printed.indexOf("3×  SELECT * FROM customer") > printed.indexOf("150×"), printed);
        assertTrue(printed.contains("2 errors  SELECT * FROM customer"), printed);
        assertTrue(printed.contains("class    -"), "summaries are not database activity of their own: " + printed);
        String line = EventLine.format(summary("b", "SELECT 1", 4, 2_000_000, 1).json());
        assertTrue(line.startsWith("18:01:00.000  summary    4× total 2.0 ms, mean 500.0 µs, max 90.0 µs, errors 1  SELECT 1"),
                line);
    }

    private static String print(TailSummary s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String line(String summary, String label) {
        return summary.lines().filter(l -> l.startsWith(label + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " line in\n" + summary));
    }

    @Test
    void lossesAreReportedFromMarkersAndTheNewestHeartbeatOfEachProducer() throws Exception {
        TailSummary s = new TailSummary();
        s.event(heartbeat("pA", "start", 1, "17:59:00.000000", 0, 0, 0, 0), true);
        s.event(heartbeat("pA", 100, 0, 0), true);
        s.event(marker("pA", 7), true);
        s.event(marker("pA", 5), false); // filtered out of the lines, still counted as a loss report
        s.event(heartbeat("pA", "stop", 4, "18:00:10.000000", 200, 12, 1, 0), true);
        s.event(heartbeat("pB", "heartbeat", 2, "18:00:05.000000", 50, 0, 0, 3), true);
        String out = print(s);
        assertTrue(out.contains("producer pA: captured 200, delivered 187, dropped 12, lost 1 (final heartbeat "
                + "18:00:10.000: it stopped)\n"), out);
        assertTrue(out.contains("producer pB: captured 50, delivered 47, dropped 0, lost 0, pending 3 (heartbeat "
                + "18:00:05.000: still running)\n"), out);
        assertTrue(out.contains("losses   12 events in 2 EVENTS_DROPPED markers; heartbeats report 13 dropped or lost\n"),
                out);
        assertTrue(out.contains("events 6, shown 5; duplicates 0 skipped"), out);
        // the producers' own events are no database activity: counted apart from the classes, the
        // start and the closing heartbeat said apart
        assertTrue(out.contains("\nclass    -\nproducer events heartbeat 4 (start 1, stop 1), EVENTS_DROPPED 1 (not in "
                + "the classes)\n"), out);
    }

    @Test
    void silenceIsOnlyNoLossWhenAHeartbeatsCountersCoverTheEvents() throws Exception {
        TailSummary s = new TailSummary();
        assertEquals("losses   none reported, but no heartbeat arrived to confirm it", line(print(s), "losses"));
        assertTrue(print(s).contains("\nproducer no heartbeat seen (one comes when a producer starts"), print(s));

        s.event(heartbeat("pA", "start", 1, "18:00:00.000000", 0, 0, 0, 0), true);
        s.event(statement("pA", 1, "18:00:00.100000"), true);
        String started = print(s);
        assertEquals("losses   none reported, but only start heartbeats arrived: nothing confirms it yet",
                line(started, "losses"), "a start heartbeat counted nothing yet");
        assertTrue(started.contains("\nproducer pA: started 18:00:00.000, no heartbeat with counters yet"), started);

        s.event(heartbeat("pA", "heartbeat", 2, "18:00:30.000000", 1, 0, 0, 0), true);
        assertEquals("losses   none reported", line(print(s), "losses"), "the heartbeat covers the event written before it");

        s.event(statement("pA", 2, "18:00:31.000000"), true);
        s.event(statement("pA", 3, "18:00:32.000000"), true);
        assertEquals("losses   none reported, but 2 events came after their producer's last heartbeat: nothing "
                + "confirms it for them yet", line(print(s), "losses"));

        s.event(heartbeat("pA", "stop", 3, "18:00:33.000000", 3, 0, 0, 0), true);
        assertEquals("losses   none reported", line(print(s), "losses"), "the closing heartbeat covers everything");
    }

    @Test
    void eventsWrittenInTheHeartbeatsOwnMillisecondAreNotTakenAsCovered() throws Exception {
        // the publisher writes both on one thread: such an event may have been written just after it
        TailSummary s = new TailSummary();
        s.event(heartbeat("pA", "heartbeat", 2, "18:00:30.000000", 5, 0, 0, 0), true);
        s.event(statement("pA", 1, "18:00:30.000000"), true);
        s.event(statement("pA", 2, "18:00:29.999000"), true); // came later from another shard: covered
        assertEquals("losses   none reported, but 1 events came after their producer's last heartbeat: nothing "
                + "confirms it for them yet", line(print(s), "losses"));
    }

    @Test
    void aStoppedProducerWithPendingEventsIsPointedOut() throws Exception {
        TailSummary s = new TailSummary();
        s.event(heartbeat("pA", "stop", 5, "18:00:10.000000", 10, 0, 0, 2), true);
        assertEquals("producer pA: captured 10, delivered 8, dropped 0, lost 0, pending 2 (final heartbeat "
                + "18:00:10.000, yet pending should be 0 after a stop)", line(print(s), "producer pA:"));
    }

    @Test
    void theOrderLineSaysGapsLateAndHeldEvents() {
        TailSummary s = new TailSummary();
        assertEquals("order    per connection by sequence; gaps 0", line(print(s), "order"));
        s.order(2, 1, 3);
        assertEquals("order    per connection by sequence; gaps 2 (sequences that never came: lost, or from before "
                + "where reading began); 1 late (came after events that follow them); 3 still held, not shown",
                line(print(s), "order"));
    }

    @Test
    void producerEventsHaveLinesOfTheirOwn() throws Exception {
        assertEquals("18:00:00.000  heartbeat  producer pA  captured=10 delivered=9 dropped=1 lost=0 pending=0 "
                + "queued=0 retried=0 throttled=0 bufferedBytes=0 producerEventsDelivered=2 producerEventsLost=0",
                EventLine.format(heartbeat("pA", 10, 1, 0).json()));
        assertTrue(EventLine.format(heartbeat("pA", "start", 1, "18:00:00.000000", 0, 0, 0, 0).json())
                .startsWith("18:00:00.000  heartbeat  producer pA (start)  captured=0 "));
        assertTrue(EventLine.format(heartbeat("pA", "stop", 9, "18:00:00.000000", 0, 0, 0, 0).json())
                .startsWith("18:00:00.000  heartbeat  producer pA (final)  captured=0 "));
        assertEquals("18:00:02.000  EVENTS_DROPPED  7 events lost 18:00:01.000 to 18:00:02.000  producer pA",
                EventLine.format(marker("pA", 7).json()));
    }
}
