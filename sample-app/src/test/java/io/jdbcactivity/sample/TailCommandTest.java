package io.jdbcactivity.sample;

import io.jdbcactivity.fixtures.ActivityEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdbcactivity.fixtures.ChildJvm;
import io.jdbcactivity.fixtures.ChildProcess;
import io.jdbcactivity.fixtures.FreePorts;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.StreamReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** The viewer against a stream filled by the shop (gzipped records): its lines, its JSON, its filters, its summary, its errors. */
class TailCommandTest {
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    @AfterAll
    static void stopPublishers() {
        ShopRun.stopPublishers();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ShopRun run;

    @BeforeAll
    static void fill() throws Exception {
        KINESIS.createStream("viewer", 2);
        // heartbeats hourly: the stream holds only what this run wrote (its start heartbeat included)
        // however long the tests take, as the tests that compare the viewer with run.events need
        run = ShopRun.into(KINESIS, "viewer", "jdbc:activity:h2:mem:" + H2Databases.newName()
                + ";MODE=MySQL;DB_CLOSE_DELAY=-1", null, null, 30, Map.of("activity.kinesis.gzip", "true",
                        "activity.heartbeat.intervalMs", "3600000"));
    }

    static CommandOutput tail(String... args) {
        List<String> all = new ArrayList<>(List.of("tail", "--endpoint", KINESIS.endpoint(), "--region",
                KinesisMock.REGION));
        all.addAll(List.of(args));
        return CommandOutput.run(all);
    }

    @Test
    void oneReadableLinePerEventAndASummary() {
        CommandOutput o = tail("--stream", "viewer");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.eventLines();
        assertEquals(run.events.size(), lines.size(), o.out());

        String refused = single(lines, l -> l.contains("customer:INSERT") && l.contains("ERROR"));
        assertTrue(refused.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  shop\\s+\\S+\\s+WRITE\\s+INSERT\\s+customer:INSERT"
                + "\\s+\\d+\\.\\d{3} ms\\s+ERROR \\d+ .*"), refused);
        String risky = single(lines, l -> l.contains("RISK UPDATE_WITHOUT_WHERE"));
        assertTrue(risky.contains("product:UPDATE") && risky.contains("40 rows"), risky);
        String catalogue = single(lines, l -> l.contains("batch 40"));
        assertTrue(catalogue.contains("WRITE") && catalogue.contains("product:INSERT"), catalogue);
        assertEquals(4, lines.stream().filter(l -> l.contains("DROP TABLE") && l.contains("RISK DROP")).count());
        assertTrue(lines.stream().anyMatch(l -> l.contains("SELECT") && l.contains("customer:READ orders:READ")
                && l.contains("5 rows")), "the top-customers report");

        // the summary agrees with the events; the producer's own (its start heartbeat) are counted apart
        List<JsonNode> producerEvents = run.events.stream().filter(TailCommandTest::fromProducer).toList();
        assertFalse(producerEvents.isEmpty(), "the publisher says it started");
        Map<String, Long> byClass = new TreeMap<>(run.events.stream().filter(e -> !fromProducer(e))
                .collect(Collectors.groupingBy(e -> e.path("class").asText(), Collectors.counting())));
        assertEquals("class    " + byClass.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")), o.summaryLine("class"));
        assertEquals("errors   1", o.summaryLine("errors"));
        assertEquals("risks    DROP 4, UPDATE_WITHOUT_WHERE 1", o.summaryLine("risks"));
        long records = KINESIS.reader("viewer").envelopes().size();
        assertEquals("records  " + records + " (" + records + " gzip); events " + run.events.size() + ", shown "
                + run.events.size() + "; duplicates 0 skipped", o.summaryLine("records"));
        assertEquals("order    per connection by sequence; gaps 0", o.summaryLine("order"));
        assertEquals("producer events " + producerEventCounts(producerEvents) + " (not in the classes)",
                o.summaryLine("producer events"));
        long orderLineEvents = run.events.stream().filter(e -> ActivityEvents.tables(e).contains("order_line:")).count();
        assertTrue(o.out().contains("\n  order_line  " + orderLineEvents + "  ("), o.out());
        // the stream was flushed, not shut down: the publisher runs on, and has said only that it
        // started, which counted nothing; silence is not proof until a heartbeat covers the events
        assertEquals(List.of("start"), producerEvents.stream().map(TailCommandTest::kind).toList());
        assertEquals("losses   none reported, but only start heartbeats arrived: nothing confirms it yet",
                o.summaryLine("losses"));
        String producer = producerEvents.get(0).path("clientAuditFields").path("connectionId").asText();
        assertTrue(o.summaryLine("producer " + producer + ":").startsWith("producer " + producer + ": started "),
                o.out());
    }

    static boolean fromProducer(JsonNode e) {
        return e.path("clientAuditFields").path("statementKind").asText().equals("PRODUCER");
    }

    /** A heartbeat's kind: start, heartbeat or stop; eventsDropped for a loss marker. */
    static String kind(JsonNode e) {
        return e.path("clientAuditFields").path("executeMethod").asText();
    }

    /** The summary's count of producer events, as the stream holds them: heartbeats by kind, then loss markers. */
    static String producerEventCounts(List<JsonNode> producerEvents) {
        Map<String, Long> kinds = producerEvents.stream().collect(Collectors.groupingBy(TailCommandTest::kind,
                TreeMap::new, Collectors.counting()));
        long markers = kinds.getOrDefault("eventsDropped", 0L);
        long heartbeats = producerEvents.size() - markers;
        String named = kinds.entrySet().stream().filter(k -> k.getKey().equals("start") || k.getKey().equals("stop"))
                .map(k -> k.getKey() + " " + k.getValue()).collect(Collectors.joining(", "));
        String h = heartbeats == 0 ? null : "heartbeat " + heartbeats + (named.isEmpty() ? "" : " (" + named + ")");
        String m = markers == 0 ? null : "EVENTS_DROPPED " + markers;
        return h == null ? m : m == null ? h : h + ", " + m;
    }

    @Test
    void jsonPrintsEachEventAndKeepsTheSummaryOffStandardOutput() throws Exception {
        CommandOutput o = tail("--stream", "viewer", "--json");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals(run.events.size(), lines.size());
        Set<String> ids = new java.util.HashSet<>();
        for (String line : lines) {
            ids.add(JSON.readTree(line).path("clientAuditFields").path("eventId").asText());
        }
        assertEquals(run.events.stream().map(e -> e.path("clientAuditFields").path("eventId").asText())
                .collect(Collectors.toSet()), ids);
        assertTrue(o.err().contains("---- summary ----"), o.err());

        // the stream is read in one round (two shards, a page each): its events come out in time order,
        // connections interleaved as they ran, each connection's in its own order
        List<JsonNode> shown = new ArrayList<>();
        for (String line : lines) {
            shown.add(JSON.readTree(line));
        }
        for (int i = 1; i < shown.size(); i++) {
            assertTrue(Instant.parse(shown.get(i - 1).path("startTime").asText())
                    .compareTo(Instant.parse(shown.get(i).path("startTime").asText())) <= 0, lines.get(i));
        }
        assertEachConnectionWhole(shown);
    }

    /** Each connection's events (as a read from the start shows them): sequences 1, 2, 3, … in this order, none missing. */
    static void assertEachConnectionWhole(List<JsonNode> shown) {
        Map<String, Long> lastSequence = new HashMap<>();
        for (JsonNode e : shown) {
            if (fromProducer(e)) {
                continue;
            }
            long sequence = e.path("clientAuditFields").path("sequence").asLong();
            Long previous = lastSequence.put(e.path("clientAuditFields").path("connectionId").asText(), sequence);
            assertEquals(previous == null ? 1 : previous + 1, sequence, e.toString());
        }
    }

    @Test
    void aConnectionSpreadOverSeveralKeysIsShownWhole() throws Exception {
        // a key is given 1 KiB a second here, and the paced shop lasts over a second (the rate is
        // measured per second): each connection's records go round several partition keys
        KINESIS.createStream("spread", 4);
        ShopRun spread = ShopRun.into(KINESIS, "spread", "jdbc:activity:h2:mem:" + H2Databases.newName()
                + ";MODE=MySQL;DB_CLOSE_DELAY=-1", null, null, 60, Duration.ofMillis(80),
                Map.of("activity.kinesis.keyBytesPerSecond", "1024"));
        Map<String, Set<String>> keys = new TreeMap<>();
        for (StreamReader.Envelope e : KINESIS.reader("spread").envelopes()) {
            for (JsonNode event : e.events()) {
                if (!fromProducer(event)) {
                    String connection = event.path("clientAuditFields").path("connectionId").asText();
                    assertTrue(e.partitionKey().equals(connection) || e.partitionKey().matches(connection + "/[1-9]\\d*"),
                            e.partitionKey() + " carries " + connection);
                    keys.computeIfAbsent(connection, k -> new TreeSet<>()).add(e.partitionKey());
                }
            }
        }
        assertTrue(keys.values().stream().anyMatch(k -> k.size() > 1), "no connection was spread: " + keys);

        CommandOutput o = tail("--stream", "spread", "--json");
        assertEquals(0, o.code(), o.err());
        List<JsonNode> shown = new ArrayList<>();
        for (String line : o.out().lines().toList()) {
            shown.add(JSON.readTree(line));
        }
        assertEquals(spread.events.size(), shown.size());
        assertEachConnectionWhole(shown);
        assertTrue(o.err().contains("\norder    per connection by sequence; gaps 0\n"), o.err());
    }

    @Test
    void aConnectionsEventsFromDifferentReadsAreShownInTheirOrder() throws Exception {
        // A read takes a page of at most 1000 records from each shard. Connection c's second event
        // lies behind 1100 records of shard 0, its third and fourth are on shard 1 (key c/1): they
        // come a read before the second, and wait for it. Its fifth never comes: a gap.
        KINESIS.createStream("reads", 2);
        String shard0 = "0";
        String shard1 = BigInteger.TWO.pow(128).subtract(BigInteger.ONE).toString();
        List<PutRecordsRequestEntry> records = new ArrayList<>();
        records.add(entry("c", shard0, event("c", 1)));
        for (int i = 1; i <= 1100; i++) {
            records.add(entry("f", shard0, event("f", i)));
        }
        records.add(entry("c", shard0, event("c", 2)));
        records.add(entry("c/1", shard1, event("c", 3), event("c", 4)));
        records.add(entry("c/1", shard1, event("c", 6)));
        for (int from = 0; from < records.size(); from += 500) {
            List<PutRecordsRequestEntry> call =
                    records.subList(from, Math.min(records.size(), from + 500));
            assertEquals(0, KINESIS.client().putRecords(b -> b.streamName("reads").records(call)).failedRecordCount());
        }
        String firstShard = KINESIS.client().listShards(b -> b.streamName("reads")).shards().get(0).shardId();
        String iterator = KINESIS.client().getShardIterator(b -> b.streamName("reads").shardId(firstShard)
                .shardIteratorType("TRIM_HORIZON")).shardIterator();
        assertEquals(1000, KINESIS.client().getRecords(b -> b.shardIterator(iterator).limit(1000)).records().size(),
                "the second event is not in the first read");

        CommandOutput o = tail("--stream", "reads", "--json");
        assertEquals(0, o.code(), o.err());
        Map<String, List<Long>> sequences = new TreeMap<>();
        for (String line : o.out().lines().toList()) {
            JsonNode audit = JSON.readTree(line).path("clientAuditFields");
            sequences.computeIfAbsent(audit.path("connectionId").asText(), k -> new ArrayList<>())
                    .add(audit.path("sequence").asLong());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 6L), sequences.get("c"));
        assertEquals(LongStream.rangeClosed(1, 1100).boxed().toList(), sequences.get("f"));
        assertTrue(o.err().contains("\norder    per connection by sequence; gaps 1 (sequences that never came"),
                o.err());
    }

    private static PutRecordsRequestEntry entry(String partitionKey,
            String hashKey, String... events) {
        String envelope = "{\"type\":\"ClientActivityMonitoringRecord\",\"version\":\"1.0\",\"producer\":"
                + "{\"id\":\"ptest\"},\"databaseActivityEventList\":[" + String.join(",", events) + "]}";
        return PutRecordsRequestEntry.builder()
                .partitionKey(partitionKey).explicitHashKey(hashKey)
                .data(SdkBytes.fromByteArray(envelope.getBytes(StandardCharsets.UTF_8))).build();
    }

    /** A statement's event as the driver writes it (the fields the viewer reads), started {@code sequence} ms after 18:00. */
    private static String event(String connection, long sequence) {
        String at = Instant.parse("2026-11-24T18:00:00Z").plusMillis(sequence).toString();
        return ("{'type':'record','class':'READ','command':'SELECT','exitCode':0,'statementId':%2$d,"
                + "'substatementId':1,'startTime':'%3$s','logTime':'%3$s','clientAuditFields':{'eventId':'%1$s-%2$d',"
                + "'connectionId':'%1$s','sequence':%2$d,'statementKind':'PREPARED'}}").replace('\'', '"')
                .formatted(connection, sequence, at);
    }

    @Test
    void anEventDeliveredTwiceIsShownOnceAndCountedAsADuplicate() throws Exception {
        // at-least-once delivery, as after a PutRecords whose answer was lost: the same records again
        KINESIS.createStream("twice", 1);
        List<StreamReader.Envelope> envelopes = KINESIS.reader("viewer").envelopes().subList(0, 2);
        for (int copy = 0; copy < 2; copy++) {
            for (StreamReader.Envelope e : envelopes) {
                KINESIS.client().putRecord(b -> b.streamName("twice").partitionKey(e.partitionKey())
                        .data(SdkBytes.fromByteArray(e.json().toString().getBytes(StandardCharsets.UTF_8))));
            }
        }
        int distinct = envelopes.stream().mapToInt(e -> e.events().size()).sum();
        CommandOutput o = tail("--stream", "twice");
        assertEquals(0, o.code(), o.err());
        assertEquals(distinct, o.eventLines().size(), o.out());
        assertEquals("records  4; events " + distinct + ", shown " + distinct + "; duplicates " + distinct
                + " skipped", o.summaryLine("records"));
        CommandOutput json = tail("--stream", "twice", "--json");
        assertEquals(distinct, json.out().lines().map(l -> l.replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1"))
                .distinct().count(), json.out());
        assertEquals(distinct, json.out().lines().count(), json.out());
    }

    @Test
    void fromAnInstantShowsWhatArrivedSince() throws Exception {
        KINESIS.createStream("since", 2);
        String url = "jdbc:activity:h2:mem:" + H2Databases.newName() + ";MODE=MySQL;DB_CLOSE_DELAY=-1";
        ShopRun before = ShopRun.into(KINESIS, "since", url, null, null, 3);
        Thread.sleep(50); // arrival times have millisecond precision: keep the instant clear of both runs
        Instant since = Instant.now();
        Thread.sleep(50);
        ShopRun after = ShopRun.into(KINESIS, "since", url, null, null, 3);
        Set<String> earlier = ids(before.events);
        Set<String> later = ids(after.events);
        later.removeAll(earlier);
        assertFalse(later.isEmpty());

        CommandOutput o = tail("--stream", "since", "--from", since.toString(), "--json");
        assertEquals(0, o.code(), o.err());
        Set<String> shown = new java.util.HashSet<>();
        for (String line : o.out().lines().toList()) {
            shown.add(JSON.readTree(line).path("clientAuditFields").path("eventId").asText());
        }
        assertEquals(later, shown);
    }

    private static Set<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("clientAuditFields").path("eventId").asText())
                .collect(Collectors.toCollection(java.util.HashSet::new));
    }

    @Test
    void realLossMarkersAndTheClosingHeartbeatAreDecodedAndSummed() throws Exception {
        // a capture queue of 2 for four shoppers: the driver drops events, says so in EVENTS_DROPPED
        // markers and, at the end, in its closing heartbeat; the viewer of `run --tail` reads them all
        KINESIS.createStream("lossy", 2);
        ChildProcess.Result r = ChildJvm.of(SampleApp.class).jvmOptions("-Dactivity.queue.capacity=2").args(
                "run", "--stream", "lossy", "--region", KinesisMock.REGION, "--endpoint", KINESIS.endpoint(),
                "--tail", "--from", "start", "--orders", "40").run(Duration.ofSeconds(90));
        String out = r.output();
        assertEquals(0, r.code(), out);

        List<JsonNode> producerEvents = KINESIS.reader("lossy").events().stream()
                .filter(e -> e.path("clientAuditFields").path("statementKind").asText().equals("PRODUCER")).toList();
        List<JsonNode> markers = producerEvents.stream()
                .filter(e -> e.path("command").asText().equals("EVENTS_DROPPED")).toList();
        long droppedByMarkers = markers.stream()
                .mapToLong(e -> e.path("clientAuditFields").path("dropped").path("count").asLong()).sum();
        assertTrue(droppedByMarkers > 0, "no events were dropped: " + out);
        JsonNode closing = producerEvents.stream().filter(e -> e.path("type").asText().equals("heartbeat"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no heartbeat: " + out));
        assertEquals("stop", kind(closing), "the last heartbeat is the closing one");
        JsonNode stats = closing.path("clientAuditFields").path("producerStats");
        assertEquals(0, stats.path("pending").asLong(), "after a stop nothing is pending: " + closing);
        assertEquals(droppedByMarkers, stats.path("dropped").asLong() + stats.path("lost").asLong(),
                "the markers account for every loss the closing heartbeat reports");

        long markerLines = out.lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  EVENTS_DROPPED  \\d+ events "
                + "lost .*")).count();
        assertEquals(markers.size(), markerLines, out);
        assertTrue(out.contains("\nlosses   " + droppedByMarkers + " events in " + markers.size()
                + " EVENTS_DROPPED markers; heartbeats report " + droppedByMarkers + " dropped or lost\n"), out);
        assertTrue(out.contains(": captured " + stats.path("captured").asLong() + ", delivered "
                + stats.path("delivered").asLong() + ", dropped " + stats.path("dropped").asLong() + ", lost "
                + stats.path("lost").asLong() + " (final heartbeat "), out);
        assertTrue(out.contains("\nproducer events " + producerEventCounts(producerEvents) + " (not in the classes)\n"),
                out);
        // a dropped event leaves a hole in its connection's sequence: the viewer counts each hole it
        // can see (between the first and the last sequence the stream holds of a connection)
        long holes = holes(KINESIS.reader("lossy").events());
        assertTrue(out.contains("\norder    per connection by sequence; gaps " + holes + (holes == 0 ? "\n" : " (")), out);
    }

    /** Sequences missing between the lowest and the highest of each connection the events hold. */
    static long holes(List<JsonNode> events) {
        Map<String, TreeSet<Long>> sequences = new HashMap<>();
        for (JsonNode e : events) {
            if (!fromProducer(e)) {
                sequences.computeIfAbsent(e.path("clientAuditFields").path("connectionId").asText(),
                        k -> new TreeSet<>()).add(e.path("clientAuditFields").path("sequence").asLong());
            }
        }
        long holes = 0;
        for (TreeSet<Long> s : sequences.values()) {
            holes += s.last() - s.first() + 1 - s.size();
        }
        return holes;
    }

    @Test
    void filtersByClassTableAndUser() {
        CommandOutput ddl = tail("--stream", "viewer", "--class", "ddl");
        assertEquals(9, ddl.eventLines().size(), ddl.out());
        assertTrue(ddl.eventLines().stream().allMatch(l -> l.contains(" DDL ")), ddl.out());
        assertTrue(ddl.summaryLine("records").endsWith("shown 9; duplicates 0 skipped"), ddl.summaryLine("records"));

        CommandOutput lines = tail("--stream", "viewer", "--table", "order_line");
        long expected = run.events.stream().filter(e -> ActivityEvents.tables(e).contains("order_line:")).count();
        assertEquals(expected, lines.eventLines().size(), lines.out());
        assertTrue(lines.eventLines().stream().allMatch(l -> l.contains("order_line:")));

        String user = run.statements().get(0).path("dbUserName").asText();
        CommandOutput byUser = tail("--stream", "viewer", "--user", user, "--class", "WRITE,READ");
        long writesAndReads = run.events.stream().filter(e -> Set.of("WRITE", "READ").contains(e.path("class").asText())
                && user.equals(e.path("dbUserName").asText())).count();
        assertEquals(writesAndReads, byUser.eventLines().size());
        assertEquals(0, tail("--stream", "viewer", "--user", "nobody").eventLines().size());

        CommandOutput typo = tail("--stream", "viewer", "--class", "WRITE,DLL");
        assertEquals(2, typo.code());
        assertEquals("error: --class DLL is not a class: READ, WRITE, DDL, ROLE, FUNCTION, MISC, CONNECT\n", typo.err());
        assertEquals("", typo.out());
    }

    @Test
    void clearErrorsForWhatTheUserCanFix() throws Exception {
        CommandOutput missing = tail("--stream", "no-such-stream");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: stream 'no-such-stream' in us-east-1 at " + KINESIS.endpoint()
                + " does not exist: create it"), missing.err());

        int closed = FreePorts.find();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SampleApp.run(List.of("tail", "--stream", "viewer", "--region", "us-east-1", "--endpoint",
                "http://127.0.0.1:" + closed), new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: cannot reach the Kinesis endpoint http://127.0.0.1:"
                + closed), err.toString(StandardCharsets.UTF_8));

        CommandOutput badFrom = tail("--stream", "viewer", "--from", "yesterday");
        assertEquals(2, badFrom.code());
        assertTrue(badFrom.err().contains("--from takes start, now or an instant"), badFrom.err());
        CommandOutput unknown = tail("--stream", "viewer", "--colour");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("error: unknown option --colour (known: "), unknown.err());
        CommandOutput noStream = tail();
        assertEquals(2, noStream.code());
        assertTrue(noStream.err().contains("--stream is required"), noStream.err());

        CommandOutput nothing = CommandOutput.run(List.of());
        assertEquals(2, nothing.code());
        assertEquals("", nothing.out(), "a usage error leaves standard output alone");
        assertTrue(nothing.err().startsWith("usage: "), nothing.err());
    }

    @Test
    void rejectedCredentialsAreNamedAsSuch() throws Exception {
        for (String code : List.of("UnrecognizedClientException", "InvalidSignatureException")) {
            try (FixedAnswerKinesis refusing = new FixedAnswerKinesis(400, code, "The request signature we "
                    + "calculated does not match the signature you provided.")) {
                CommandOutput o = CommandOutput.run(List.of("tail", "--stream", "viewer", "--region", KinesisMock.REGION,
                        "--endpoint", refusing.endpoint()));
                assertEquals(2, o.code(), o.err());
                assertEquals("error: the AWS credentials were rejected (" + code + "): check AWS_PROFILE, or "
                        + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary ones)\n",
                        o.err());
            }
        }
    }

    @Test
    void missingCredentialsAreNamedInTheirOwnProcess() throws Exception {
        ChildProcess.Result r = ChildJvm.of(SampleApp.class).args("tail", "--stream", "viewer", "--region", "us-east-1",
                "--endpoint", KINESIS.endpoint()).environment(env -> {
                    env.keySet().removeIf(k -> k.startsWith("AWS_"));
                    env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
                    env.put("AWS_CONFIG_FILE", "/nonexistent/config");
                    env.put("AWS_EC2_METADATA_DISABLED", "true");
                }).run(Duration.ofSeconds(60));
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("error: no AWS credentials: set AWS_PROFILE, or AWS_ACCESS_KEY_ID"), r.output());
    }

    @Test
    void followShowsRecordsAsTheyArriveAndSummarisesWhenStopped() throws Exception {
        KINESIS.createStream("follow", 1);
        try (ChildJvm p = ChildJvm.of(SampleApp.class).args("tail", "--stream", "follow", "--region",
                KinesisMock.REGION, "--endpoint", KINESIS.endpoint(), "--follow", "--from", "now").start()) {
            p.awaitOutput(o -> o.contains("(following stream 'follow'"), Duration.ofSeconds(60));
            ShopRun later = ShopRun.into(KINESIS, "follow", "jdbc:activity:h2:mem:" + H2Databases.newName()
                    + ";MODE=MySQL;DB_CLOSE_DELAY=-1", null, null, 8);
            int expected = later.events.size();
            p.awaitOutput(o -> o.lines().filter(l -> l.matches("\\d\\d:.*")).count() >= expected, Duration.ofSeconds(60));
            // SIGTERM (as Ctrl-C sends SIGINT) runs the shutdown hooks, which let the viewer finish
            p.terminate();
            assertEquals(143, p.waitFor(Duration.ofSeconds(30)));
            String out = p.output();
            assertTrue(out.contains("---- summary ----\nrecords  "), out);
            assertTrue(out.contains("; events " + expected + ", shown " + expected + "; duplicates 0 skipped\n"), out);
            assertTrue(out.contains("errors   1\n"), out);
            assertFalse(out.contains("read     stopped before the tip"), "it was at the tip: " + out);
        }
    }

    private static String single(List<String> lines, java.util.function.Predicate<String> p) {
        List<String> found = lines.stream().filter(p).toList();
        assertEquals(1, found.size(), String.join("\n", found));
        return found.get(0);
    }
}
