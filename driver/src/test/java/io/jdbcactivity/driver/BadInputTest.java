package io.jdbcactivity.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.analyze.SqlText;
import io.jdbcactivity.fixtures.H2Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear error, and the driver's options never reach the target driver. */
class BadInputTest {
    private final EventLog log = EventLog.create();

    @AfterEach
    void close() throws Exception {
        log.close();
    }

    @Test
    void theDriverIsRegisteredAndClaimsOnlyItsPrefix() throws SQLException {
        Driver d = DriverManager.getDriver("jdbc:activity:h2:mem:x");
        assertTrue(d instanceof ActivityDriver);
        assertFalse(d.acceptsURL("jdbc:h2:mem:x"));
        assertEquals(null, d.connect("jdbc:h2:mem:x", new Properties()), "not ours: null, per JDBC");
    }

    @Test
    void aMalformedUrlSaysWhatIsExpected() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:activity:"));
        assertTrue(e.getMessage().contains("jdbc:activity:<target>"), e.getMessage());
    }

    @Test
    void anUnknownTargetSaysWhatToAddWithoutThePassword() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:activity:nosuchdb://h/db?password=hunter2", log.properties()));
        assertTrue(e.getMessage().contains("No JDBC driver accepts jdbc:nosuchdb://h/db?password=***"), e.getMessage());
        assertTrue(e.getMessage().contains("com.mysql:mysql-connector-j"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void anUnknownOptionNamesTheNearestKey() {
        Properties p = log.properties();
        p.setProperty("activity.jsonl.pth", "x");
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
        assertTrue(e.getMessage().contains("'activity.jsonl.pth'") && e.getMessage().contains("'activity.jsonl.path'"),
                e.getMessage());
    }

    @Test
    void optionsAreRemovedBeforeTheTargetDriverSeesThem() throws SQLException {
        // H2 rejects settings it does not know, in the URL and in the properties alike.
        assertThrows(SQLException.class,
                () -> DriverManager.getConnection(H2Databases.url() + ";activity.sink=none").close());
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl() + ";activity.sink=none")) {
            assertTrue(c.isValid(1));
        }
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties())) {
            assertTrue(c.isValid(1));
        }
    }

    @Test
    void anUnwritableJsonlPathFailsTheConnectWithThePath(@TempDir Path dir) throws Exception {
        Properties p = new Properties();
        p.setProperty("activity.sink", "jsonl");
        p.setProperty("activity.jsonl.path", dir.resolve("missing/dir/events.jsonl").toString());
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
        assertTrue(e.getMessage().contains("missing/dir"), e.getMessage());
        assertEquals("08001", e.getSQLState());

        p.setProperty("activity.jsonl.path", dir.toString()); // a directory is not a file
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
    }

    @Test
    void propertyInfoCoversOurOptions() throws SQLException {
        Driver d = DriverManager.getDriver("jdbc:activity:h2:mem:x");
        DriverPropertyInfo[] info = d.getPropertyInfo(H2Databases.activityUrl(), log.properties());
        List<String> names = Arrays.stream(info).map(i -> i.name).toList();
        assertTrue(names.contains("activity.sink") && names.contains("activity.kinesis.stream"), names.toString());
        assertTrue(Arrays.stream(info).anyMatch(i -> i.name.equals("activity.sink") && i.value.equals("jsonl")));
    }

    @Test
    void aTenMegabyteStatementRunsAndIsPublishedFromItsHead() throws Exception {
        String big = "x".repeat(10 * 1024 * 1024);
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT LENGTH('" + big + "') AS n")) {
            assertTrue(rs.next());
            assertEquals(big.length(), rs.getInt(1));
        }
        JsonNode e = log.all().stream().filter(x -> x.get("command").asText().equals("SELECT")).findFirst().orElseThrow();
        assertTrue(e.get("clientAuditFields").get("commandTextTruncated").asBoolean());
        assertTrue(e.get("commandText").asText().length() <= SqlText.MAX_ANALYSED_CHARS);
        assertFalse(e.get("commandText").asText().contains("xxxx"), "the literal is not published");
        assertTrue(Files.size(log.file()) < 1024 * 1024);
    }
}
