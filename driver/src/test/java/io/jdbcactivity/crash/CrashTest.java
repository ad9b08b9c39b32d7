package io.jdbcactivity.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ChildJvm;
import io.jdbcactivity.fixtures.ChildProcess;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.publish.PublisherStats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with SIGKILL mid-workload ({@link CrashChild}), the stream read afterwards: with a
 * spool and {@code activity.delivery=sync}, every execution that returned is in the stream; with
 * the spool's interval fsync, at most one interval's events are missing (a SIGKILL leaves the page
 * cache, so none are in practice); with no spool, only what the last linger time and the calls
 * under way held. Spooled events reach the stream through the next publisher that opens the same
 * directory, which adopts what the dead process left.
 */
class CrashTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    private static final AtomicInteger STREAMS = new AtomicInteger();
    private static final int RATE = 2_000;
    private static final long LINGER_MS = 100;
    private static final long FSYNC_INTERVAL_MS = 1_000;

    @TempDir
    Path spool;

    @AfterEach
    void tearDown() {
        Activity.shutdown();
    }

    /** What the child printed before it died, the events the stream holds of it, and when it was killed. */
    private record Outcome(TreeSet<Long> returned, Set<Long> inStream, List<ChildProcess.Line> lines, long killedNanos) {
        TreeSet<Long> missing() {
            TreeSet<Long> m = new TreeSet<>(returned);
            m.removeAll(inStream);
            return m;
        }

        /** When the parent read the line of {@code sequence}: no earlier than the execution returned. */
        long returnedNanos(long sequence) {
            return lines.stream().filter(l -> l.text().equals("done " + sequence)).findFirst().orElseThrow().nanoTime();
        }
    }

    private Outcome crash(String mode) throws Exception {
        String stream = "crash-" + STREAMS.incrementAndGet();
        KINESIS.createStream(stream, 1);
        long killed;
        List<ChildProcess.Line> lines;
        try (ChildJvm child = ChildJvm.of(CrashChild.class)
                .args(stream, KINESIS.endpoint(), mode, spool.toString(), Integer.toString(RATE)).start()) {
            child.awaitLine("connected"::equals, Duration.ofSeconds(60));
            child.awaitLine("done 4000"::equals, Duration.ofSeconds(60)); // two seconds of work
            killed = System.nanoTime();
            child.kill();
            assertEquals(137, child.waitFor(Duration.ofSeconds(30)), "killed by SIGKILL");
            lines = child.lines();
        }
        TreeSet<Long> returned = new TreeSet<>();
        for (ChildProcess.Line l : lines) {
            if (l.text().startsWith("done ")) {
                returned.add(Long.parseLong(l.text().substring(5)));
            }
        }
        if (!mode.equals("none")) {
            // the next start with the same directory adopts what the dead process left and sends it
            Properties p = KINESIS.sinkProperties(stream);
            p.setProperty("activity.spool.dir", spool.toString());
            p.setProperty("activity.kinesis.gzip", "true");
            try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p)) {
                assertTrue(c.isValid(1));
            }
            assertTrue(Activity.flush(Duration.ofSeconds(60)), Activity.stats().toString());
            PublisherStats next = Activity.stats().get(0);
            assertEquals(0, next.recoveredLost(), next.toString());
        }
        Set<Long> inStream = new HashSet<>();
        for (JsonNode e : KINESIS.reader(stream).await(events -> true, Duration.ofSeconds(5))) {
            if (e.path("clientApplication").asText().equals("crash-child")) {
                inStream.add(e.at("/clientAuditFields/sequence").asLong());
            }
        }
        Outcome o = new Outcome(returned, inStream, lines, killed);
        // the measured figure, for the record (the assertions bound it)
        System.out.println("crash " + mode + ": " + returned.size() + " executions returned, " + o.missing().size()
                + " of them missing from the stream" + (o.missing().isEmpty() ? ""
                        : " (" + o.missing().first() + ".." + o.missing().last() + ")"));
        return o;
    }

    @Test
    void withSyncDeliveryEveryExecutionThatReturnedIsInTheStream() throws Exception {
        Outcome o = crash("sync");
        assertTrue(o.returned().size() >= 3_999, "the child ran: " + o.returned().size());
        assertEquals(new TreeSet<>(), o.missing(), "executions that returned but have no event");
    }

    @Test
    void withTheSpoolsIntervalFsyncAtMostOneIntervalIsMissing() throws Exception {
        Outcome o = crash("interval");
        TreeSet<Long> missing = o.missing();
        assertTrue(missing.size() <= RATE * FSYNC_INTERVAL_MS / 1000, "missing " + missing.size() + ": " + missing);
        // a SIGKILL keeps what reached the page cache: the spool writes at every turn of the
        // publisher's loop, so only the last milliseconds' captures can be missing
        for (long seq : missing) {
            long before = o.killedNanos() - o.returnedNanos(seq);
            assertTrue(before < TimeUnit.MILLISECONDS.toNanos(FSYNC_INTERVAL_MS),
                    "sequence " + seq + " returned " + before / 1_000_000 + " ms before the kill and is missing");
        }
    }

    @Test
    void withoutASpoolOnlyTheLastLingerAndTheCallsUnderWayAreMissing() throws Exception {
        Outcome o = crash("none");
        TreeSet<Long> missing = o.missing();
        // what a record held while it filled (the linger time, or a round trip while the key's
        // previous record was in a call) plus the call under way; a second is generous on loopback
        long window = TimeUnit.MILLISECONDS.toNanos(LINGER_MS + 1_000);
        for (long seq : missing) {
            long before = o.killedNanos() - o.returnedNanos(seq);
            assertTrue(before < window, "sequence " + seq + " returned " + before / 1_000_000
                    + " ms before the kill and is missing (" + missing.size() + " missing)");
        }
        assertTrue(missing.size() <= RATE * (LINGER_MS + 1_000) / 1000, "missing " + missing.size());
    }
}
