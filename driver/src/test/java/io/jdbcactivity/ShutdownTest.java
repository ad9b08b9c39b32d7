package io.jdbcactivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.publish.Publishers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    private static boolean publisherThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("jdbc-activity-publisher-") && t.isAlive());
    }

    @Test
    void shutdownWritesWhatIsQueuedAndLeavesNoThread() throws Exception {
        EventLog log = EventLog.create();
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties());
                Statement s = c.createStatement()) {
            for (int i = 0; i < 500; i++) {
                s.execute("SELECT " + i);
            }
        }
        Activity.shutdown(); // no flush before: shutdown itself must write what is queued
        assertFalse(publisherThreadAlive());
        assertFalse(Publishers.anyThreadAlive());
        var events = ActivityEvents.read(log.file());
        assertEquals(504, events.size(), "the starting heartbeat, connect, 500 statements, disconnect and the closing heartbeat");
        var last = events.get(events.size() - 1);
        assertEquals("heartbeat", last.get("type").asText(), "a clean stop ends with the final counters");
        assertEquals(502, last.get("clientAuditFields").get("producerStats").get("captured").asLong());
        assertEquals(502, last.get("clientAuditFields").get("producerStats").get("delivered").asLong(),
                "written once the rest is delivered");

        // a connection after shutdown starts a fresh publisher
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties())) {
            c.createStatement().execute("SELECT 1");
        }
        assertTrue(publisherThreadAlive());
        log.close();
        assertFalse(publisherThreadAlive());
    }

    @Test
    void deregisteringTheDriverStopsThePublishers() throws Exception {
        EventLog log = EventLog.create();
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties())) {
            c.createStatement().execute("SELECT 1");
        }
        assertTrue(publisherThreadAlive());
        java.sql.Driver driver = DriverManager.getDriver("jdbc:activity:h2:mem:x");
        DriverManager.deregisterDriver(driver);
        try {
            assertFalse(publisherThreadAlive());
            assertEquals(5, ActivityEvents.read(log.file()).size(),
                    "the starting heartbeat, what was queued, then the closing heartbeat");
        } finally {
            DriverManager.registerDriver(driver);
            log.close();
        }
    }
}
