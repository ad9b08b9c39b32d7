package io.jdbcactivity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.FaultProxy;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.publish.PublisherStats;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stop while a PutRecords call hangs, with the {@code all} jar as deployed: its relocated Netty
 * and SDK log through java.util.logging, as an application server collects them. The call is cut
 * off and counted, and nothing of the driver's bundled libraries logs an error (a call still in
 * flight when the event loops shut down made Netty log a 25-line SEVERE RejectedExecutionException).
 */
class StopWithACallInFlightTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock("hanging");

    /** Every record at WARNING or above, from any logger. */
    private static final class Recorder extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theCallIsCutOffAndCountedAndNoBundledLibraryLogsAnError() throws Exception {
        Logger root = Logger.getLogger("");
        Recorder recorder = new Recorder();
        root.addHandler(recorder);
        try (FaultProxy proxy = FaultProxy.to(KINESIS.endpoint())) {
            Properties p = KINESIS.sinkProperties("hanging");
            p.setProperty("activity.kinesis.endpoint", proxy.endpoint());
            p.setProperty("activity.shutdown.timeoutMs", "500");
            p.setProperty("activity.kinesis.requestTimeoutMs", "60000");
            try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p);
                    Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1").close();
                assertTrue(Activity.flush(Duration.ofSeconds(20)), Activity.stats().toString()); // connected
                proxy.hang();
                for (int i = 0; i < 20; i++) {
                    s.executeQuery("SELECT " + i).close();
                }
                Thread.sleep(400); // past the linger time: the record is in a call that never answers
            }
            Activity.shutdown();
            Thread.sleep(1_500); // whatever the event loops would log on their way out
            PublisherStats last = Activity.stats().get(0);
            assertEquals("stopped", last.state());
            assertTrue(last.balanced(), last.toString());
            assertTrue(last.lost() >= 20, "the hanging call's events are counted: " + last);
            List<String> bundled = recorder.records.stream()
                    .filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("io.jdbcactivity.shaded"))
                    .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                            + (r.getThrown() == null ? "" : " " + r.getThrown()))
                    .toList();
            assertEquals(List.of(), bundled, "the bundled Netty and SDK log nothing at WARNING or above");
            assertTrue(recorder.records.stream().anyMatch(r -> r.getLoggerName().equals("io.jdbcactivity")
                    && r.getMessage().contains("in calls cut off")), "the driver says what the stop cut off");
        } finally {
            root.removeHandler(recorder);
        }
    }
}
