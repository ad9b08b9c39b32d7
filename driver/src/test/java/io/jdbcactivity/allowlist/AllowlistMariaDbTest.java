package io.jdbcactivity.allowlist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learned allowlist against MariaDB through Connector/J, as an application uses it: record
 * while its tests run, then detect, then protect. A refused statement is shown absent from the
 * server by the rows it would have changed.
 */
class AllowlistMariaDbTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    @TempDir
    Path dir;

    @BeforeEach
    void tables() throws SQLException {
        DB.execute("DROP TABLE IF EXISTS items", "DROP TABLE IF EXISTS log", "DROP PROCEDURE IF EXISTS bump",
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), hits INT NOT NULL DEFAULT 0)",
                "CREATE TABLE log (msg VARCHAR(40))",
                "CREATE PROCEDURE bump(IN i INT) UPDATE items SET hits = hits + 1 WHERE id = i",
                "INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four')");
    }

    /**
     * What the application does: a plain query, prepared insert and select, a two-statement text, a
     * plain batch of two shapes, a stored procedure call; {@code n} varies every literal.
     */
    private static void workload(Connection c, int n) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items WHERE id = " + n)) {
                rs.next();
            }
            s.execute("UPDATE items SET name = 'renamed" + n + "' WHERE id = 1; SELECT name FROM items WHERE id = 1");
            while (s.getMoreResults() || s.getUpdateCount() != -1) {
                // walk the text's results
            }
            s.addBatch("INSERT INTO log (msg) VALUES ('batch " + n + "')");
            s.addBatch("UPDATE items SET hits = " + n + " WHERE id = 2");
            s.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)");
                PreparedStatement select = c.prepareStatement("SELECT name FROM items WHERE id = ?")) {
            insert.setInt(1, 100 + n);
            insert.setString(2, "item " + n);
            insert.executeUpdate();
            select.setInt(1, 100 + n);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
            }
        }
        try (CallableStatement call = c.prepareCall("{call bump(?)}")) {
            call.setInt(1, n);
            call.execute();
        }
    }

    private String url(String application, String... options) {
        String[] all = new String[options.length + 3];
        all[0] = "activity.sink=none";
        all[1] = "activity.application=" + application;
        all[2] = "allowMultiQueries=true";
        System.arraycopy(options, 0, all, 3, options.length);
        return DB.activityUrl(all);
    }

    private Connection connect(String application, String... options) throws SQLException {
        return DriverManager.getConnection(url(application, options), DB.user(), DB.password());
    }

    private static TreeMap<String, String> read(Path file) throws Exception {
        if (!Files.exists(file)) {
            return new TreeMap<>();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return AllowlistFile.read(in);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DB.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Records the workload into a fresh list; returns the digests the events carried. */
    private Path record(Set<String> eventDigests) throws Exception {
        Path list = dir.resolve("allowlist.txt");
        String app = "allow-record-" + System.nanoTime();
        try (EventTap tap = new EventTap(app)) {
            try (Connection c = connect(app, "activity.allowlist.record=" + list,
                    "activity.allowlist.record.intervalMs=100")) {
                workload(c, 1);
                workload(c, 2); // other literals, the same shapes
            }
            tap.statements().forEach(e -> eventDigests.add(e.path("clientAuditFields").path("sqlDigest").asText()));
        }
        // written every 100 ms: wait for every shape (the events', plus the batch's second entry)
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (read(list).size() < eventDigests.size() + 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return list;
    }

    @Test
    void recordWritesEveryShapeTheApplicationRanOnceWithItsNormalForm() throws Exception {
        Set<String> eventDigests = new TreeSet<>();
        Path list = record(eventDigests);
        TreeMap<String, String> entries = read(list);
        // the events' digests, and the plain batch's second entry, whose event carries the first's
        assertTrue(entries.keySet().containsAll(eventDigests), entries + "\n" + eventDigests);
        assertEquals(eventDigests.size() + 1, entries.size(), entries.toString());
        assertTrue(entries.containsValue("UPDATE items SET hits = ? WHERE id = ?"), entries.toString());
        assertTrue(entries.containsValue("SELECT name FROM items WHERE id = ?"), entries.toString());
        assertTrue(entries.values().stream().noneMatch(t -> t.contains("renamed") || t.contains("batch ")),
                "no literal of the application's is written: " + entries);
        List<String> lines = Files.readAllLines(list);
        assertTrue(lines.get(0).startsWith("#"));
        List<String> digests = lines.stream().filter(l -> !l.startsWith("#")).map(l -> l.substring(0, 32)).toList();
        assertEquals(digests.stream().sorted().toList(), digests, "sorted by digest");
    }

    @Test
    void detectFlagsOnlyWhatTheListDoesNotHoldAndLetsItRun() throws Exception {
        Path list = record(new TreeSet<>());
        String app = "allow-detect-" + System.nanoTime();
        try (EventTap tap = new EventTap(app); Connection c = connect(app, "activity.allowlist=" + list)) {
            workload(c, 3);
            List<JsonNode> listed = tap.statements();
            assertEquals(7, listed.size(), "query, two statements of the text, batch, insert, select, call");
            assertTrue(listed.stream().noneMatch(EventTap::unlisted), listed.toString());
            tap.clear();
            try (Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("DELETE FROM items WHERE id = 4"));
            }
            JsonNode delete = tap.statements().get(0);
            assertTrue(EventTap.unlisted(delete), delete.toString());
            assertEquals(0, delete.path("exitCode").asInt());
            assertTrue(delete.path("clientAuditFields").path("refused").isMissingNode(), "detect refuses nothing");
        }
        assertEquals(0, count("SELECT COUNT(*) FROM items WHERE id = 4"), "it ran");
    }

    @Test
    void protectRunsWhatIsListedAndRefusesTheRestBeforeItReachesTheServer() throws Exception {
        Path list = record(new TreeSet<>());
        String app = "allow-protect-" + System.nanoTime();
        try (EventTap tap = new EventTap(app);
                Connection c = connect(app, "activity.allowlist=" + list, "activity.allowlist.mode=protect")) {
            workload(c, 5); // every shape listed: other literals run
            assertTrue(tap.statements().stream().noneMatch(EventTap::unlisted));
            assertEquals(1, count("SELECT COUNT(*) FROM items WHERE id = 105"));
            tap.clear();
            long items = count("SELECT COUNT(*) FROM items");
            long logs = count("SELECT COUNT(*) FROM log");
            try (Statement s = c.createStatement()) {
                // an unlisted statement
                SQLSyntaxErrorException e = refused(() -> s.executeUpdate("DELETE FROM items WHERE id = 3"));
                assertFalse(e.getMessage().contains("DELETE"), "no SQL in the message: " + e.getMessage());
                // the classic injection changes the shape
                refused(() -> s.executeQuery("SELECT COUNT(*) FROM items WHERE id = 1 OR 1=1"));
                // a text is refused whole when any of its statements is unlisted
                refused(() -> s.execute("UPDATE items SET name = 'x' WHERE id = 1; DELETE FROM items"));
                // a batch is refused whole when any entry is unlisted, and none of it is kept
                s.addBatch("INSERT INTO log (msg) VALUES ('kept?')");
                s.addBatch("DELETE FROM log");
                refused(s::executeBatch);
                assertArrayEquals(new int[0], s.executeBatch(), "the refused batch was cleared");
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM items WHERE id = ?")) {
                p.setInt(1, 2);
                refused(p::executeUpdate);
                refused(p::executeUpdate); // the answer given at prepare time holds
            }
            assertEquals(items, count("SELECT COUNT(*) FROM items"), "no refused statement reached the server");
            assertEquals(0, count("SELECT COUNT(*) FROM items WHERE name = 'x'"));
            assertEquals(logs, count("SELECT COUNT(*) FROM log"));

            List<JsonNode> all = tap.statements();
            // the empty batch after the refused one ran (nothing), as any empty batch
            JsonNode empty = all.get(5);
            assertEquals(0, empty.path("clientAuditFields").path("batch").path("size").asInt(), empty.toString());
            assertEquals(0, empty.path("exitCode").asInt());
            List<JsonNode> events = all.stream().filter(e -> e != empty).toList();
            // the refused text is an event per statement: both refused, only its DELETE unlisted
            assertEquals(List.of("DELETE", "SELECT", "UPDATE", "DELETE", "INSERT", "DELETE", "DELETE"),
                    events.stream().map(e -> e.path("command").asText()).toList(), events.toString());
            for (JsonNode e : events) {
                JsonNode f = e.path("clientAuditFields");
                assertTrue(f.path("refused").asBoolean(), e.toString());
                assertEquals(!e.path("command").asText().equals("UPDATE"), EventTap.unlisted(e), e.toString());
                assertEquals("42000", f.path("sqlState").asText());
                assertEquals(1, e.path("exitCode").asInt());
                assertFalse(f.has("errorSubstatementUnknown"), "the refusal is every statement's: " + e);
                assertTrue(e.path("errorMessage").asText().contains(" statement digest "), e.toString());
            }
            JsonNode prepared = events.get(events.size() - 1);
            assertTrue(prepared.path("errorMessage").asText()
                    .contains(prepared.path("clientAuditFields").path("sqlDigest").asText()), "names its digest");
            assertEquals(1, events.stream().filter(e -> e.path("clientAuditFields").has("batch")).count());
            // statements still run after refusals: the connection is not harmed
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM items WHERE id = 9")) {
                assertTrue(rs.next());
            }
        }
    }

    private static SQLSyntaxErrorException refused(Call call) {
        SQLSyntaxErrorException e = assertThrows(SQLSyntaxErrorException.class, call::run);
        assertEquals(Allowlist.REFUSED_SQL_STATE, e.getSQLState());
        assertTrue(e.getMessage().startsWith("jdbc-activity's allowlist (activity.allowlist="), e.getMessage());
        assertTrue(e.getMessage().matches(".* statement digest [0-9a-f]{32}: .*"), e.getMessage());
        return e;
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws SQLException;
    }

}
