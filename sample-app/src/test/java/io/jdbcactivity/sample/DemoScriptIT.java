package io.jdbcactivity.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quick start as a newcomer runs it: {@code ./demo} from the repository root, after the
 * package phase built the sample application (so the script finds it up to date). Its output must
 * show the shop's events as decoded from the stream and a summary that adds up, and it must leave
 * no emulator behind.
 */
class DemoScriptIT {
    @Test
    void theDemoRunsEndToEndAndStopsWhatItStarted() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(root.resolve("demo")), "./demo at " + root);
        ProcessBuilder pb = new ProcessBuilder("./demo", "--orders", "60").directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_")); // the script brings its own
        ChildProcess.Result r = ChildProcess.run(pb, Duration.ofSeconds(180));
        String out = r.output();
        assertEquals(0, r.code(), out);

        assertTrue(out.contains("up to date: sample-app/target/jdbc-activity-sample.jar"), out);
        assertTrue(out.contains("created with 2 shard(s), ACTIVE"), out);
        Matcher ran = Pattern.compile("\\[shop\\] ran (\\d+) statements: 59 orders placed \\((\\d+) lines\\), "
                + "1 rolled back \\(out of stock\\), 1 refused, 1 risky, 4 reports").matcher(out);
        assertTrue(ran.find(), out);

        List<String> lines = Arrays.asList(out.split("\n"));
        int summary = lines.indexOf("---- summary ----");
        assertTrue(summary > 0, out);
        List<String> eventLines = lines.subList(0, summary).stream()
                .filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  .*")).toList();
        Matcher records = Pattern.compile("records  (\\d+); events (\\d+), shown (\\d+)").matcher(out);
        assertTrue(records.find(), out);
        assertEquals(Integer.parseInt(records.group(2)), eventLines.size(), "a line per event read");
        long statementLines = eventLines.stream().filter(l -> l.contains("  shop      shop_app  ")
                && !l.contains(" CONNECT ") && !l.contains(" COMMIT ") && !l.contains(" ROLLBACK ")).count();
        assertEquals(Long.parseLong(ran.group(1)), statementLines, "every statement the shop ran, from its user");
        assertEquals(1, eventLines.stream().filter(l -> l.contains("customer:INSERT") && l.contains("ERROR")).count());
        assertEquals(1, eventLines.stream().filter(l -> l.contains("RISK UPDATE_WITHOUT_WHERE")).count());
        assertTrue(out.contains("errors   1\nrisks    DROP 4, UPDATE_WITHOUT_WHERE 1\n"), out);
        // the driver's closing heartbeat, written once the rest was delivered, carries the final tally
        long captured = Long.parseLong(records.group(2)) - 1;
        assertTrue(out.contains(": captured " + captured + ", delivered " + captured + ", dropped 0, lost 0"), out);
        assertTrue(out.contains("\nlosses   none reported\n"), out);
        assertTrue(out.contains("(Kinesis emulator stopped)"), out);
        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("")
                .contains("kinesis-local/main.js") && p.info().commandLine().orElse("").contains("node")),
                "no emulator left running");
    }
}
