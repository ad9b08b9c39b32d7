package io.jdbcactivity.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.analyze.SqlText;
import io.jdbcactivity.config.InvalidOptionException;
import io.jdbcactivity.config.MissingOptionException;
import io.jdbcactivity.config.UnknownOptionException;
import io.jdbcactivity.fixtures.FreePorts;
import io.jdbcactivity.fixtures.H2Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collections;
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
    void anUnknownTargetIsNamedBeforeTheSinksConfiguration() throws SQLException {
        // no sink options at all: the kinesis sink without a stream would be the next complaint
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:activity:nosuch://x"));
        assertInstanceOf(SQLNonTransientConnectionException.class, e);
        // the same SQLState DriverManager gives when no driver at all accepts a URL: the oracle
        SQLException plain = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:nosuch://x"));
        assertEquals(plain.getSQLState(), e.getSQLState());
        assertTrue(e.getMessage().startsWith("No JDBC driver accepts jdbc:nosuch://x (from jdbc:activity:nosuch://x)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("activity.kinesis.stream"), e.getMessage());
        // which drivers were tried: every one DriverManager has (but ours), and the known ones by name
        String tried = e.getMessage().substring(e.getMessage().indexOf("Tried: "));
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (!(d instanceof ActivityDriver)) {
                assertTrue(tried.contains(d.getClass().getName()), d.getClass().getName() + " in " + tried);
            }
        }
        assertTrue(tried.contains("not on the class path: org.postgresql.Driver"), tried);
        assertTrue(tried.contains("org.postgresql:postgresql"), tried);
    }

    @Test
    void theKinesisSinkWithoutAStreamSaysWhatToSetFirst() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(H2Databases.activityUrl()));
        assertInstanceOf(MissingOptionException.class, e);
        assertTrue(e.getMessage().startsWith("Set activity.kinesis.stream"), e.getMessage());
        assertEquals("08001", e.getSQLState());
    }

    @Test
    void anOptionOutOfRangeFailsTheConnectWithKeyValueAndRange() {
        Properties p = log.properties();
        p.setProperty("activity.queue.capacity", "2147483647"); // was a NegativeArraySizeException
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
        assertInstanceOf(InvalidOptionException.class, e);
        assertEquals("HY024", e.getSQLState());
        assertTrue(e.getMessage().startsWith("activity.queue.capacity=2147483647 (from the connection properties) "
                + "is out of range: it must be 2..1,048,576."), e.getMessage());
    }

    @Test
    void theLargestQueueAllowedWorks() throws Exception {
        Properties p = log.properties();
        p.setProperty("activity.queue.capacity", "1048576");
        p.setProperty("activity.queue.maxSqlChars", String.valueOf(1 << 30));
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (n INT)");
        }
        assertTrue(log.all().stream().anyMatch(x -> x.get("command").asText().equals("CREATE TABLE")));
    }

    @Test
    void anEmptyJsonlPathInTheUrlIsAnErrorNotStandardOutput() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(H2Databases.activityUrl() + ";activity.sink=jsonl;activity.jsonl.path="));
        assertInstanceOf(InvalidOptionException.class, e);
        assertTrue(e.getMessage().contains("activity.jsonl.path is empty (from the URL)"), e.getMessage());
        assertTrue(e.getMessage().contains("activity.jsonl.path=-"), e.getMessage());
    }

    @Test
    void anUnknownOptionNamesTheNearestKey() {
        Properties p = log.properties();
        p.setProperty("activity.jsonl.pth", "x");
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
        assertTrue(e.getMessage().contains("'activity.jsonl.pth'") && e.getMessage().contains("'activity.jsonl.path'"),
                e.getMessage());
        assertInstanceOf(UnknownOptionException.class, e);
    }

    @Test
    void anUnknownActivitySystemPropertyLetsEveryConnectionOpen() throws SQLException {
        String key = "activity.somethingUnknown";
        String before = System.getProperty(key);
        System.setProperty(key, "x"); // other software's, say
        try {
            for (int i = 0; i < 2; i++) {
                try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties())) {
                    assertTrue(c.isValid(1));
                }
            }
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    @Test
    void aRegionTheSdkDoesNotKnowFailsTheConnectUnlessAnEndpointIsSet() throws SQLException {
        Properties p = new Properties();
        p.setProperty("activity.sink", "kinesis");
        p.setProperty("activity.kinesis.stream", "s");
        p.setProperty("activity.kinesis.region", "xx-nowhere-1");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
        assertTrue(e.getMessage().contains("activity.kinesis.region=xx-nowhere-1 is not a region"), e.getMessage());
        assertTrue(e.getMessage().contains("set activity.kinesis.endpoint"), e.getMessage());

        p.setProperty("activity.kinesis.region", "US-EAST-1");
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
        assertTrue(e.getMessage().contains("did you mean us-east-1?"), e.getMessage());

        p.remove("activity.kinesis.region");
        p.setProperty("activity.kinesis.stream", "arn:aws:kinesis:xx-nowhere-1:123456789012:stream/s");
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
        assertTrue(e.getMessage().contains("the region xx-nowhere-1 of activity.kinesis.stream=arn:"), e.getMessage());

        String sdkRegion = System.getProperty("aws.region"); // the SDK chain's first source
        System.setProperty("aws.region", "xx-nowhere-1");
        try {
            p.setProperty("activity.kinesis.stream", "s");
            e = assertThrows(SQLException.class, () -> DriverManager.getConnection(H2Databases.activityUrl(), p));
            assertTrue(e.getMessage().contains("the region xx-nowhere-1 of the SDK's region chain"), e.getMessage());
        } finally {
            if (sdkRegion == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", sdkRegion);
            }
        }

        // an emulator (or a region newer than the SDK) behind an endpoint override: any name goes
        p.setProperty("activity.kinesis.region", "xx-nowhere-1");
        p.setProperty("activity.kinesis.endpoint", "http://127.0.0.1:" + FreePorts.find()); // nobody listens
        p.setProperty("activity.shutdown.timeoutMs", "100");
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), p)) {
            assertTrue(c.isValid(1));
        }
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
