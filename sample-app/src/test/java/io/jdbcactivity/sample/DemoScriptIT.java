package io.jdbcactivity.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.fixtures.ChildProcess;
import io.jdbcactivity.fixtures.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The quick start as a newcomer runs it: {@code ./demo} from the repository root, after the
 * package phase built the sample application (so the script finds it up to date). Its output must
 * show the shop's events as decoded from the stream and a summary that adds up; stopped by a
 * signal, or failing, it must still stop the emulator it started (its own, by PID: other
 * emulators may run on the machine), promptly.
 */
class DemoScriptIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern EMULATOR = Pattern.compile("listening on http://127\\.0\\.0\\.1:\\d+ \\(pid (\\d+)\\)");
    private static final Pattern EVENT_LINE = Pattern.compile("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  .*$");

    private static ProcessBuilder demo(String... args) {
        assertTrue(Files.isExecutable(ROOT.resolve("demo")), "./demo at " + ROOT);
        List<String> command = new java.util.ArrayList<>(List.of("./demo"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_")); // the script brings its own
        return pb;
    }

    @Test
    void theDemoRunsEndToEndAndStopsWhatItStarted() throws Exception {
        ChildProcess.Result r = ChildProcess.run(demo("--orders", "60"), Duration.ofSeconds(120));
        String out = r.output();
        assertEquals(0, r.code(), out);

        assertTrue(out.contains("up to date: sample-app/target/jdbc-activity-sample.jar"), out);
        assertTrue(out.contains("created with 2 shard(s), ACTIVE"), out);
        assertTrue(out.contains("[shop] 60 orders from 4 shoppers, each pausing 100 ms before an order on "
                + "jdbc:activity:h2:mem:shop"), out);
        Matcher ran = Pattern.compile("\\[shop\\] ran (\\d+) statements: 59 orders placed \\((\\d+) lines\\), "
                + "1 rolled back \\(out of stock\\), 1 refused, 1 risky, 4 reports").matcher(out);
        assertTrue(ran.find(), out);

        List<String> lines = Arrays.asList(out.split("\n"));
        int summary = lines.indexOf("---- summary ----");
        assertTrue(summary > 0, out);
        List<String> eventLines = lines.subList(0, summary).stream().filter(l -> EVENT_LINE.matcher(l).matches())
                .toList();
        // the driver gzips its records by default: every record the viewer read was gzipped
        Matcher records = Pattern.compile("records  (\\d+) \\((\\d+) gzip\\); events (\\d+), shown (\\d+); "
                + "duplicates (\\d+) skipped").matcher(out);
        assertTrue(records.find(), out);
        assertEquals(records.group(1), records.group(2), "every record gzipped");
        assertEquals(Integer.parseInt(records.group(3)), eventLines.size(), "a line per event read");
        long statementLines = eventLines.stream().filter(l -> l.contains("  shop      shop_app  ")
                && !l.contains(" CONNECT ") && !l.contains(" COMMIT ") && !l.contains(" ROLLBACK ")
                && !l.contains("  driver: ")).count(); // the pool's setAutoCommit etc.: the driver's own SQL
        assertEquals(Long.parseLong(ran.group(1)), statementLines, "every statement the shop ran, from its user");
        assertEquals(1, eventLines.stream().filter(l -> l.contains("customer:INSERT") && l.contains("ERROR")).count());
        assertEquals(1, eventLines.stream().filter(l -> l.contains("RISK UPDATE_WITHOUT_WHERE")).count());
        assertTrue(out.contains("errors   1\nrisks    DROP 4, UPDATE_WITHOUT_WHERE 1\n"), out);
        // the driver's closing heartbeat, written once the rest was delivered, carries the final tally:
        // every event that is not the producer's own (its start heartbeat, however many periodic ones a
        // slow run had, the closing one)
        assertEquals(1, eventLines.stream().filter(l -> l.matches(".*  heartbeat  producer \\S+ \\(start\\)  .*"))
                .count(), out);
        assertTrue(eventLines.get(eventLines.size() - 1).matches(".*  heartbeat  producer \\S+ \\(final\\)  .*"),
                "the closing heartbeat comes last: " + out);
        long captured = eventLines.stream().filter(l -> !l.contains("  heartbeat  producer ")
                && !l.contains("  EVENTS_DROPPED  ")).count();
        assertTrue(out.contains(": captured " + captured + ", delivered " + captured + ", dropped 0, lost 0 (final "
                + "heartbeat "), out);
        assertTrue(out.contains("\nlosses   none reported\n"), out);
        assertTrue(out.contains("\norder    per connection by sequence; gaps 0\n"), out);
        assertEmulatorStopped(out);
    }

    @Test
    void aSignalStopsTheDemoPromptlyWithItsSummary() throws Exception {
        // an order every 100 ms per shopper: the shop would run for hours, the events stream meanwhile
        try (ChildProcess p = ChildProcess.start(demo("--orders", "1000000"))) {
            p.awaitOutput(o -> EVENT_LINE.matcher(o).results().count() >= 20, Duration.ofSeconds(90));
            assertFalse(p.output().contains("[shop] ran "), "the events are shown while the shop works");
            List<ProcessHandle> started = p.descendants(); // java, node: gone from the tree once bash ends
            assertTrue(started.size() >= 2, started.toString());

            p.terminate(); // what CI or `timeout` sends; Ctrl-C (SIGINT) takes the same trap
            int code = p.waitFor(Duration.ofSeconds(60)); // a safety limit: the demo's own bound is ~15 s
            String out = p.output();
            assertEquals(143, code, out);
            assertTrue(out.contains("\n---- summary ----\n"), "the application's summary, printed on the signal: " + out);
            assertTrue(out.contains("\nrecords  "), out);
            assertEmulatorStopped(out);
            for (ProcessHandle h : started) {
                assertFalse(h.isAlive(), "left running: " + h.pid() + " " + h.info().commandLine().orElse("?"));
            }
        }
    }

    @Test
    void aFailingDemoStopsTheEmulatorKeepsItsLogAndShowsNoPassword() throws Exception {
        int closed = FreePorts.find();
        ChildProcess.Result r = ChildProcess.run(demo("--mysql", "jdbc:mysql://127.0.0.1:" + closed
                + "/shop?user=shop&password=s3cret"), Duration.ofSeconds(120));
        String out = r.output();
        assertEquals(2, r.code(), out);
        assertTrue(out.contains("\nerror: cannot connect with jdbc:mysql://127.0.0.1:" + closed
                + "/shop?user=shop&password=***: "), out);
        assertFalse(out.contains("s3cret"), out);
        assertEmulatorStopped(out);
        Matcher kept = Pattern.compile("demo: failed \\(exit code 2\\); its logs are kept:\n  (\\S+/kinesis-mock\\.log)")
                .matcher(out);
        assertTrue(kept.find(), out);
        Path log = Path.of(kept.group(1));
        assertTrue(Files.isRegularFile(log), log.toString());
        try (Stream<Path> files = Files.walk(log.getParent())) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** The emulator the demo started (by the PID it printed) is gone, and the demo said so. */
    private static void assertEmulatorStopped(String out) {
        Matcher m = EMULATOR.matcher(out);
        assertTrue(m.find(), out);
        long pid = Long.parseLong(m.group(1));
        assertTrue(out.contains("(Kinesis emulator stopped, pid " + pid + ")"), out);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "emulator " + pid + " left running");
    }
}
