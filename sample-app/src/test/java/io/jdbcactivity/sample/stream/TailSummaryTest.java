package io.jdbcactivity.sample.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The summary's loss report and the viewer's lines for producer events, from events as the driver writes them. */
class TailSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode heartbeat(String producer, long captured, long dropped, long lost) throws Exception {
        return JSON.readTree("""
                {"type":"heartbeat","class":"MISC","command":"HEARTBEAT","exitCode":0,"statementId":3,"rowCount":-1,
                 "startTime":"2026-11-24T18:00:00.000000Z","endTime":"2026-11-24T18:00:00.000000Z",
                 "logTime":"2026-11-24T18:00:00.000000Z",
                 "clientAuditFields":{"eventId":"%1$s-3","connectionId":"%1$s","sequence":3,"statementKind":"PRODUCER",
                  "executeMethod":"heartbeat","producerStats":{"captured":%2$d,"delivered":%3$d,"dropped":%4$d,
                  "lost":%5$d,"retried":0,"throttled":0,"queued":0,"bufferedBytes":0}}}
                """.formatted(producer, captured, captured - dropped - lost, dropped, lost));
    }

    private static JsonNode marker(String producer, long count) throws Exception {
        return JSON.readTree("""
                {"type":"record","class":"MISC","command":"EVENTS_DROPPED","exitCode":0,"statementId":2,"rowCount":%2$d,
                 "startTime":"2026-11-24T18:00:01.000000Z","endTime":"2026-11-24T18:00:02.000000Z",
                 "logTime":"2026-11-24T18:00:02.000000Z",
                 "clientAuditFields":{"eventId":"%1$s-2","connectionId":"%1$s","sequence":2,"statementKind":"PRODUCER",
                  "executeMethod":"eventsDropped","dropped":{"count":%2$d,"from":"2026-11-24T18:00:01.000000Z",
                  "to":"2026-11-24T18:00:02.000000Z"},"producerStats":{"captured":10}}}
                """.formatted(producer, count));
    }

    private static String print(TailSummary s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void lossesAreReportedFromMarkersAndTheNewestHeartbeatOfEachProducer() throws Exception {
        TailSummary s = new TailSummary();
        s.event(heartbeat("pA", 100, 0, 0), true);
        s.event(marker("pA", 7), true);
        s.event(marker("pA", 5), false); // filtered out of the lines, still counted as a loss report
        s.event(heartbeat("pA", 200, 12, 1), true);
        s.event(heartbeat("pB", 50, 0, 0), true);
        String out = print(s);
        assertTrue(out.contains("producer pA: captured 200, delivered 187, dropped 12, lost 1 (last heartbeat)\n"), out);
        assertTrue(out.contains("producer pB: captured 50, delivered 50, dropped 0, lost 0 (last heartbeat)\n"), out);
        assertTrue(out.contains("losses   12 events in 2 EVENTS_DROPPED markers; heartbeats report 13 dropped or lost\n"),
                out);
        assertTrue(out.contains("events 5, shown 4; duplicates 0 skipped"), out);
        // the producers' own events are no database activity: counted apart from the classes
        assertTrue(out.contains("\nclass    -\nproducer events EVENTS_DROPPED 1, heartbeat 3 (not in the classes)\n"), out);
    }

    @Test
    void silenceIsOnlyNoLossWhenAHeartbeatSaysSo() throws Exception {
        TailSummary s = new TailSummary();
        assertTrue(print(s).contains("losses   none reported, but no heartbeat arrived to confirm it\n"));
        s.event(heartbeat("pA", 10, 0, 0), true);
        assertTrue(print(s).contains("losses   none reported\n"));
    }

    @Test
    void producerEventsHaveLinesOfTheirOwn() throws Exception {
        assertEquals("18:00:00.000  heartbeat  producer pA  captured=10 delivered=9 dropped=1 lost=0 retried=0 "
                + "throttled=0 queued=0 bufferedBytes=0", EventLine.format(heartbeat("pA", 10, 1, 0)));
        assertEquals("18:00:02.000  EVENTS_DROPPED  7 events lost 18:00:01.000 to 18:00:02.000  producer pA",
                EventLine.format(marker("pA", 7)));
    }
}
