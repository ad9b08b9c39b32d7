package io.jdbcactivity.allowlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.config.InvalidOptionException;
import io.jdbcactivity.fixtures.H2Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allowlist on H2 (quote rule STANDARD), read from the class path as an application ships it;
 * and the connection refused, with a clear HY024, whenever the list named cannot be used.
 */
class AllowlistH2Test {
    /** Lists CREATE TABLE t, INSERT INTO t VALUES (?, ?) and SELECT v FROM t WHERE id = ?; not UPDATE. */
    private static final String LIST = "classpath:io/jdbcactivity/allowlist/h2-allowlist.txt";

    private static String url(String app, String... options) {
        return H2Databases.activityUrl() + ";activity.sink=none;activity.application=" + app + ";"
                + String.join(";", options);
    }

    @Test
    void aClassPathListProtectsAnH2Database() throws Exception {
        String app = "allow-h2-" + System.nanoTime();
        try (EventTap tap = new EventTap(app);
                Connection c = DriverManager.getConnection(url(app, "activity.allowlist=" + LIST,
                        "activity.allowlist.mode=protect"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setInt(2, 10);
                insert.executeUpdate();
                insert.setInt(1, 2);
                insert.setInt(2, 20);
                insert.addBatch();
                insert.setInt(1, 3);
                insert.setInt(2, 30);
                insert.addBatch();
                insert.executeBatch(); // a prepared batch: its one text is listed
            }
            SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class,
                    () -> s.executeUpdate("UPDATE t SET v = 0 WHERE id = 1"));
            assertEquals("42000", e.getSQLState());
            try (PreparedStatement select = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
                select.setInt(1, 1);
                try (ResultSet rs = select.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(10, rs.getInt(1), "the refused UPDATE never ran");
                }
            }
            List<JsonNode> events = tap.statements();
            assertEquals(List.of("CREATE TABLE", "INSERT", "INSERT", "UPDATE", "SELECT"),
                    events.stream().map(x -> x.path("command").asText()).toList());
            assertEquals(List.of(false, false, false, true, false),
                    events.stream().map(EventTap::unlisted).toList());
            assertTrue(events.get(3).path("clientAuditFields").path("refused").asBoolean());
        }
    }

    /** Texts that hid what follows from the check (found by review): each is refused, none runs. */
    @Test
    void whatTheCheckCannotReadIsRefused() throws Exception {
        String app = "allow-h2-hidden-" + System.nanoTime();
        try (EventTap tap = new EventTap(app);
                Connection c = DriverManager.getConnection(url(app, "activity.allowlist=" + LIST,
                        "activity.allowlist.mode=protect"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            s.executeQuery("SELECT v FROM t WHERE id = 1").close(); // listed
            // a listed head, then 70,000 spaces: the analysed head ends there, the tail is unread
            String padded = "SELECT v FROM t WHERE id = 1" + " ".repeat(70_000) + " OR 1=1";
            SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class, () -> s.executeQuery(padded));
            assertEquals("42000", e.getSQLState());
            assertTrue(e.getMessage().contains("cannot check"), e.getMessage());
            // MariaDB's executable comment hides nothing: its body is part of the statement
            assertThrows(SQLSyntaxErrorException.class, () -> s.executeQuery("SELECT v FROM t WHERE id = 1 /*M! OR 1=1 */"));
            List<JsonNode> events = tap.statements();
            assertEquals(List.of(false, false, true, true), events.stream().map(EventTap::unlisted).toList());
        }
    }

    /** A refused COMMIT or START TRANSACTION never reached the server: it is no transaction boundary. */
    @Test
    void aRefusedBoundaryChangesNoTransaction() throws Exception {
        String app = "allow-h2-tx-" + System.nanoTime();
        try (EventTap tap = new EventTap(app);
                Connection c = DriverManager.getConnection(url(app, "activity.allowlist=" + LIST,
                        "activity.allowlist.mode=protect"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                insert.setInt(1, 1);
                insert.setInt(2, 10);
                insert.executeUpdate();
                assertThrows(SQLSyntaxErrorException.class, () -> s.execute("COMMIT"));
                insert.setInt(1, 2);
                insert.setInt(2, 20);
                insert.executeUpdate();
            }
            c.rollback();
            List<JsonNode> events = tap.statements();
            assertEquals(List.of("CREATE TABLE", "INSERT", "COMMIT", "INSERT"),
                    events.stream().map(x -> x.path("command").asText()).toList());
            long tx = events.get(1).path("transactionId").asLong();
            assertEquals(tx, events.get(2).path("transactionId").asLong(), "the refused COMMIT joins the transaction");
            assertEquals(tx, events.get(3).path("transactionId").asLong(), "and ends nothing: the next INSERT is in it");
        }
    }

    @Test
    void filtersNeverLeaveAnUnlistedStatementOut() throws Exception {
        String app = "allow-h2-filter-" + System.nanoTime();
        try (EventTap tap = new EventTap(app);
                Connection c = DriverManager.getConnection(url(app, "activity.allowlist=" + LIST,
                        "activity.filter.exclude=class:WRITE"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            s.executeUpdate("INSERT INTO t VALUES (1, 10)");
            assertEquals(1, s.executeUpdate("UPDATE t SET v = 0 WHERE id = 1"), "detect lets it run");
            List<JsonNode> events = tap.statements();
            assertEquals(List.of("CREATE TABLE", "UPDATE"), events.stream().map(x -> x.path("command").asText()).toList(),
                    "the listed INSERT is filtered out as asked, the unlisted UPDATE is not");
            assertTrue(EventTap.unlisted(events.get(1)));
        }
    }

    @Test
    void aListThatCannotBeUsedRefusesTheConnection(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nowhere.txt");
        InvalidOptionException e = refused(url("x", "activity.allowlist=" + missing));
        assertTrue(e.getMessage().contains("activity.allowlist=" + missing), e.getMessage());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());

        Path bad = Files.writeString(dir.resolve("bad.txt"), "SELECT * FROM t\n");
        e = refused(url("x", "activity.allowlist=" + bad));
        assertTrue(e.getMessage().contains("line 1 does not start with a digest"), e.getMessage());

        e = refused(url("x", "activity.allowlist=classpath:no/such/list.txt"));
        assertTrue(e.getMessage().contains("no resource no/such/list.txt on the class path"), e.getMessage());

        e = refused(url("x", "activity.allowlist.mode=protect"));
        assertTrue(e.getMessage().startsWith("activity.allowlist.mode=protect needs activity.allowlist"),
                e.getMessage());

        e = refused(url("x", "activity.allowlist.mode=block"));
        assertTrue(e.getMessage().contains("activity.allowlist.mode"), e.getMessage());
    }

    @Test
    void aChangedFileIsReadAgainByTheNextConnection(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "# nothing allowed yet\n");
        String url = url("allow-h2-reload", "activity.allowlist=" + list, "activity.allowlist.mode=protect");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThrows(SQLSyntaxErrorException.class, () -> s.executeQuery("SELECT 1"));
        }
        String digest = io.jdbcactivity.analyze.SqlAnalyzer.digests("SELECT 1", io.jdbcactivity.analyze.QuoteRule.STANDARD)[0];
        Files.writeString(list, digest + " SELECT ?\n");
        Files.setLastModifiedTime(list, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 2")) {
            assertTrue(rs.next());
            assertFalse(rs.next());
        }
    }

    @Test
    void thePublishersStopWritesWhatTheIntervalHasNotYet(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("recorded.txt");
        String url = url("allow-h2-stop", "activity.allowlist.record=" + list,
                "activity.allowlist.record.intervalMs=3600000");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            s.executeUpdate("INSERT INTO t VALUES (1, 10)");
            try (PreparedStatement select = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
                select.setInt(1, 1);
                select.executeQuery().close();
            }
        }
        io.jdbcactivity.Activity.awaitPublished(java.time.Duration.ofSeconds(10));
        assertFalse(Files.exists(list), "not written before the interval");
        io.jdbcactivity.Activity.shutdown();
        // the digests pinned in the class-path list: what was recorded is what that list holds
        try (var recorded = Files.newInputStream(list);
                var pinned = AllowlistH2Test.class.getResourceAsStream("h2-allowlist.txt")) {
            assertEquals(AllowlistFile.read(pinned), AllowlistFile.read(recorded));
        }
    }

    private static InvalidOptionException refused(String url) {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());
        assertEquals("HY024", e.getSQLState(), e.toString());
        return assertInstanceOf(e);
    }

    private static InvalidOptionException assertInstanceOf(SQLException e) {
        assertTrue(e instanceof InvalidOptionException, e.toString());
        return (InvalidOptionException) e;
    }
}
