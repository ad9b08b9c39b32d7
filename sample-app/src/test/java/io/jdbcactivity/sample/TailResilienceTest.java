package io.jdbcactivity.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.fixtures.ChildJvm;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.KinesisMock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The viewer in its own JVM when the endpoint misbehaves (through a {@link FaultyRelay}): passing
 * errors while following are retried and reading goes on; a signal always ends with the summary,
 * promptly, whether the viewer was reading to the tip, retrying, or stuck in a call that never
 * returns.
 */
class TailResilienceTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @AfterAll
    static void stopPublishers() {
        ShopRun.stopPublishers();
    }

    private static ChildJvm tail(FaultyRelay relay, String... args) {
        return ChildJvm.of(SampleApp.class).args("tail", "--region", KinesisMock.REGION, "--endpoint", relay.endpoint())
                .args(args).start();
    }

    /** {@code tail --follow --from now} of a new stream through {@code relay}, once it follows. */
    private static ChildJvm following(FaultyRelay relay, String stream) throws Exception {
        KINESIS.createStream(stream, 2);
        ChildJvm p = tail(relay, "--stream", stream, "--follow", "--from", "now");
        try {
            p.awaitOutput(o -> o.contains("(following stream '" + stream + "'"), Duration.ofSeconds(60));
        } catch (RuntimeException | Error e) {
            p.close(); // the caller never gets it to close
            throw e;
        }
        return p;
    }

    private static long eventLines(String output) {
        return output.lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  .*")).count();
    }

    @Test
    void passingErrorsWhileFollowingAreRetriedAndReadingGoesOn() throws Exception {
        try (FaultyRelay relay = new FaultyRelay(KINESIS.endpoint()); ChildJvm p = following(relay, "outage")) {
            relay.fail("GetRecords", FaultyRelay.Fault.UNAVAILABLE);
            p.awaitOutput(o -> o.contains("failed: injected by the test") && o.contains("; retrying"),
                    Duration.ofSeconds(60));
            // the shop writes meanwhile (straight to the emulator): the viewer must show it once back
            int expected = ShopRun.into(KINESIS, "outage", "jdbc:activity:h2:mem:" + H2Databases.newName()
                    + ";MODE=MySQL;DB_CLOSE_DELAY=-1", null, null, 4).events.size();
            relay.fail("GetRecords", FaultyRelay.Fault.NONE);
            p.awaitOutput(o -> eventLines(o) >= expected, Duration.ofSeconds(60));
            assertTrue(p.output().contains("(reading again after "), p.output());

            p.terminate();
            assertEquals(143, p.waitFor(Duration.ofSeconds(30)));
            String out = p.output();
            assertEquals(expected, eventLines(out), out);
            assertTrue(out.contains("; events " + expected + ", shown " + expected + "; duplicates 0 skipped\n"), out);
        }
    }

    @Test
    void aSignalDuringAPlainReadPrintsTheSummaryOfWhatWasRead() throws Exception {
        KINESIS.createStream("stalled", 1);
        try (FaultyRelay relay = new FaultyRelay(KINESIS.endpoint())) {
            relay.fail("GetRecords", FaultyRelay.Fault.UNAVAILABLE); // the read to the tip retries, for a minute
            try (ChildJvm p = tail(relay, "--stream", "stalled")) {
                p.awaitOutput(o -> o.contains("; retrying"), Duration.ofSeconds(60));
                p.terminate();
                assertEquals(143, p.waitFor(Duration.ofSeconds(30))); // a safety limit: the viewer's own is 3 s
                String out = p.output();
                assertTrue(out.contains("---- summary ----\nrecords  0; events 0, shown 0; duplicates 0 skipped\n"), out);
                assertTrue(out.contains("\nread     stopped before the tip (stopped 3 s after the signal): "
                        + "the stream may hold more\n"), out);
            }
        }
    }

    @Test
    void aCallThatNeverReturnsDoesNotHoldTheSummaryBack() throws Exception {
        try (FaultyRelay relay = new FaultyRelay(KINESIS.endpoint()); ChildJvm p = following(relay, "hung")) {
            relay.fail("GetRecords", FaultyRelay.Fault.HANG); // the next read waits for an answer that never comes
            relay.awaitHangingCall(Duration.ofSeconds(30)); // the reader waits in it (its socket timeout is 30 s)

            p.terminate();
            assertEquals(143, p.waitFor(Duration.ofSeconds(25))); // a safety limit, under that socket timeout
            String out = p.output();
            assertTrue(out.contains("---- summary ----\n"), out);
            assertTrue(out.contains("\nread     stopped before the tip (the reader did not stop within 5 s): "
                    + "the stream may hold more\n"), out);
            assertFalse(out.contains("error:"), out);
        }
    }
}
