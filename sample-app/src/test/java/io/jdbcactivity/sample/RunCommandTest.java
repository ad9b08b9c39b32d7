package io.jdbcactivity.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.ChildJvm;
import io.jdbcactivity.fixtures.FreePorts;
import io.jdbcactivity.fixtures.KinesisMock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code run} command's own behaviour: its sinks, its progress, and its errors. */
class RunCommandTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @AfterAll
    static void stopPublishers() {
        ShopRun.stopPublishers();
    }

    static CommandOutput run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        return CommandOutput.run(all);
    }

    @Test
    void writesToAFileWithJsonlAndReportsProgress(@TempDir Path dir) {
        Path file = dir.resolve("shop.jsonl");
        CommandOutput o = run("--url", "jdbc:h2:mem:run-jsonl;MODE=MySQL;DB_CLOSE_DELAY=-1", "--orders", "10",
                "--threads", "2", "--jsonl", file.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("on jdbc:activity:h2:mem:run-jsonl"), "the activity: prefix is added: " + o.out());
        for (String step : List.of("schema created", "orders 2/10", "orders 10/10", "registration refused, as expected",
                "report top customers: 5 rows")) {
            assertTrue(o.out().contains("[shop] " + step), step + " in\n" + o.out());
        }
        Matcher ran = Pattern.compile("ran (\\d+) statements: 9 orders placed").matcher(o.out());
        assertTrue(ran.find(), o.out());
        assertTrue(Activity.flush(Duration.ofSeconds(10)));
        List<JsonNode> events = ActivityEvents.read(file);
        // the publisher's first event says it started; the connections' events, the driver's own
        // calls (metadata, session settings) and the publisher's events are no statements
        assertEquals("heartbeat", events.get(0).path("type").asText(), events.get(0).toString());
        assertEquals("start", events.get(0).path("clientAuditFields").path("executeMethod").asText());
        List<JsonNode> statements = events.stream()
                .filter(e -> !Set.of("CONNECTION", "DRIVER", "PRODUCER")
                        .contains(e.path("clientAuditFields").path("statementKind").asText()))
                .toList();
        assertEquals(Long.parseLong(ran.group(1)), statements.size());
    }

    @Test
    void aMissingStreamIsSaidBeforeTheWorkloadStarts() {
        CommandOutput o = run("--stream", "absent", "--region", KinesisMock.REGION, "--endpoint", KINESIS.endpoint());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: stream 'absent' in us-east-1 at " + KINESIS.endpoint() + " does not exist"),
                o.err());
        assertTrue(!o.out().contains("[shop] schema created"), o.out());
    }

    @Test
    void withoutASinkTheDriversOwnErrorSaysWhatToSet() throws Exception {
        // This is about the driver's built-in default sink. The test kit, which the shop's own
        // tests use in this JVM, makes none the JVM-wide default (below every configured source):
        // set it aside for this run, as a JVM without the kit would be.
        String kitDefault = io.jdbcactivity.config.ActivityOptions.jvmDefault("activity.sink");
        io.jdbcactivity.Activity.setDefault("activity.sink", null);
        CommandOutput o;
        try {
            o = run("--url", "jdbc:h2:mem:run-nosink", "--orders", "1");
        } finally {
            io.jdbcactivity.Activity.setDefault("activity.sink", kitDefault);
        }
        assertEquals(2, o.code(), o.out());
        assertTrue(o.err().startsWith("error: cannot connect with jdbc:h2:mem:run-nosink: "), o.err());
        assertTrue(o.err().contains("activity.kinesis.stream"), o.err());
    }

    @Test
    void aFailedConnectionIsOneLineAndShowsNoPassword() {
        int closed = FreePorts.find();
        for (String url : List.of("jdbc:mysql://127.0.0.1:" + closed + "/shop?user=shop&password=s3cret",
                "jdbc:mysql://shop:s3cret@127.0.0.1:" + closed + "/shop")) {
            CommandOutput o = run("--mysql", url, "--jsonl", "-");
            assertEquals(2, o.code(), o.err());
            String masked = url.replace("s3cret", "***");
            assertTrue(o.err().startsWith("error: cannot connect with " + masked + ": "), o.err());
            assertEquals(1, o.err().lines().count(), "one line, not the driver's paragraphs: " + o.err());
            assertTrue(o.out().contains(" on jdbc:activity:" + masked.substring("jdbc:".length()) + "\n"), o.out());
            assertFalse(o.err().contains("s3cret") || o.out().contains("s3cret"), o.err() + o.out());
        }
    }

    @Test
    void aFailureOfTheViewerFailsTheRun() throws Exception {
        KINESIS.createStream("doomed", 1);
        // paced (a second at least), so that the shop is still at work when the stream goes
        // (a short shutdown: the driver's last events have no stream to go to, it need not wait 5 s for them)
        try (ChildJvm p = ChildJvm.of(SampleApp.class).jvmOptions("-Dactivity.shutdown.timeoutMs=500").args(
                "run", "--stream", "doomed", "--region", KinesisMock.REGION, "--endpoint", KINESIS.endpoint(),
                "--tail", "--orders", "200", "--pace-ms", "20").start()) {
            p.awaitOutput(o -> o.contains("[shop] schema created"), Duration.ofSeconds(60));
            KINESIS.client().deleteStream(b -> b.streamName("doomed"));
            int code = p.waitFor(Duration.ofSeconds(60));
            String out = p.output();
            assertEquals(2, code, out);
            // deleted (ResourceNotFound) or being deleted (ResourceInUse): said as it happens, and at the end
            Matcher stopped = Pattern.compile("\\(the viewer stopped: (" + Pattern.quote("stream 'doomed' in us-east-1 at "
                    + KINESIS.endpoint()) + " (does not exist|is in use)[^;]*);").matcher(out);
            assertTrue(stopped.find(), out);
            assertTrue(out.contains("\nerror: " + stopped.group(1) + "\n"), out);
            assertTrue(out.contains("[shop] ran "), "the shop went on: " + out);
            assertTrue(out.contains("\nread     stopped before the tip (reading failed): the stream may hold more\n"), out);
        }
    }

    @Test
    void theDriverInTheSameJvmKeepsSpeakingCborAndTheSettingIsLeftAlone() {
        // the viewer's client is built in this JVM before the pool makes the driver build its own
        assertNull(System.getProperty("aws.cborEnabled"));
        KINESIS.createStream("protocols", 1);
        CommandOutput o = run("--url", "jdbc:h2:mem:run-protocols;MODE=MySQL;DB_CLOSE_DELAY=-1;"
                + "activity.kinesis.interceptors=" + RequestRecorder.class.getName(), "--stream", "protocols",
                "--region", KinesisMock.REGION, "--endpoint", KINESIS.endpoint(), "--orders", "2");
        assertEquals(0, o.code(), o.err());
        assertNull(System.getProperty("aws.cborEnabled"), "after run");
        assertTrue(Activity.flush(Duration.ofSeconds(30)));
        List<String> puts = RequestRecorder.requests().stream().filter(r -> r.startsWith("PutRecords ")).toList();
        assertFalse(puts.isEmpty(), RequestRecorder.requests().toString());
        assertEquals(Set.of("PutRecords application/x-amz-cbor-1.1"), Set.copyOf(puts), "what users run");

        CommandOutput t = CommandOutput.run(List.of("tail", "--stream", "protocols", "--region", KinesisMock.REGION,
                "--endpoint", KINESIS.endpoint()));
        assertEquals(0, t.code(), t.err());
        assertNull(System.getProperty("aws.cborEnabled"), "after tail");
    }

    @Test
    void createStreamTakesAnArn() {
        String arn = "arn:aws:kinesis:" + KinesisMock.REGION + ":000000000000:stream/by-arn";
        CommandOutput o = CommandOutput.run(List.of("create-stream", "--stream", arn, "--endpoint", KINESIS.endpoint(),
                "--shards", "2"));
        assertEquals(0, o.code(), o.err());
        assertEquals("stream '" + arn + "' in us-east-1 at " + KINESIS.endpoint() + " created with 2 shard(s), ACTIVE\n",
                o.out());
        assertEquals(2, KINESIS.client().describeStreamSummary(b -> b.streamName("by-arn")).streamDescriptionSummary()
                .openShardCount());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, run("--orders", "many").code());
        assertTrue(run("--orders", "many").err().contains("--orders must be a number, not many"));
        assertTrue(run("--tail").err().contains("--tail reads a Kinesis stream: give --stream too"));
        assertTrue(run("--url", "mysql://x").err().contains("not a JDBC URL: mysql://x"));
        CommandOutput from = run("--jsonl", "-", "--from", "start");
        assertEquals(2, from.code());
        assertEquals("error: --from says where --tail starts reading: give --tail too\n", from.err());
        CommandOutput plain = run("--jsonl", "-", "--plain");
        assertEquals(2, plain.code());
        assertEquals("error: --plain leaves the Kinesis records uncompressed: give --stream too\n", plain.err());
        CommandOutput help = CommandOutput.run(List.of("help"));
        assertEquals(0, help.code());
        assertTrue(help.out().contains("tail            print the events of a stream"), help.out());
    }
}
