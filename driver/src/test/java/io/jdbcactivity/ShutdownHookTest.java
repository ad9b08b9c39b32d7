package io.jdbcactivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.H2Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An application that never calls shutdown still gets its events written: the JVM hook flushes. */
class ShutdownHookTest {

    /** The "application": runs statements, then exits without closing anything of the driver's. */
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("activity.sink", "jsonl");
        p.setProperty("activity.jsonl.path", args[0]);
        Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p);
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < 1000; i++) {
                s.executeUpdate("SET @x = " + i);
            }
        }
        System.exit(0); // no flush, no close: the shutdown hook must write what is queued
    }

    @Test
    void theShutdownHookWritesWhatIsQueued(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShutdownHookTest.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), output);
        assertTrue(Files.exists(file), output);
        var events = ActivityEvents.read(file);
        assertEquals(1003, events.size(), "the starting heartbeat, connect, 1000 statements, the closing heartbeat");
        assertEquals("heartbeat", events.get(1002).get("type").asText());
        assertEquals("stop", events.get(1002).at("/clientAuditFields/executeMethod").asText());
    }
}
