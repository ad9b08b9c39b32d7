package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * clientAuditFields.columns through the driver against MariaDB (Connector/J): real statements,
 * events read back from the jsonl sink and validated against the schema; a statement JSqlParser
 * cannot read keeps the resolver's tables and says so; the application's results are unchanged.
 */
class MariaDbColumnsTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    @Test
    void eventsCarryTheColumnsEachStatementReadsAndWrites(@TempDir Path dir) throws Exception {
        DB.execute("DROP TABLE IF EXISTS cols_orders", "DROP TABLE IF EXISTS cols_users",
                "CREATE TABLE cols_users (id INT PRIMARY KEY, name VARCHAR(40), email VARCHAR(80), country CHAR(2))",
                "CREATE TABLE cols_orders (id INT PRIMARY KEY, user_id INT, total DECIMAL(8,2), status VARCHAR(10))",
                "INSERT INTO cols_users VALUES (1, 'ann', 'ann@example.com', 'FR'), (2, 'bob', 'bob@example.com', 'DE')");
        Path file = dir.resolve("events.jsonl");
        try (Connection c = DriverManager.getConnection(DB.activityUrl("activity.sink=jsonl",
                "activity.jsonl.path=" + file), DB.user(), DB.password()); Statement s = c.createStatement()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO cols_orders (id, user_id, total, status) "
                    + "VALUES (?, ?, ?, 'open') ON DUPLICATE KEY UPDATE total = VALUES(total)")) {
                p.setInt(1, 10);
                p.setInt(2, 1);
                p.setBigDecimal(3, new java.math.BigDecimal("12.50"));
                assertEquals(1, p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement("SELECT u.name, o.total FROM cols_users u "
                    + "JOIN cols_orders o ON o.user_id = u.id WHERE u.country = ?")) {
                p.setString(1, "FR");
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("ann", rs.getString(1));
                    assertFalse(rs.next());
                }
            }
            assertEquals(1, s.executeUpdate("UPDATE cols_orders SET status = 'paid' WHERE id = 10"));
            // MySQL's multi-table DELETE … USING form, which JSqlParser 5.4 does not read
            assertEquals(0, s.executeUpdate("DELETE FROM o USING cols_orders AS o JOIN cols_users AS u "
                    + "ON u.id = o.user_id WHERE u.country = 'XX'"));
        }
        assertTrue(Activity.flush(Duration.ofSeconds(10)));
        List<JsonNode> events = ActivityEvents.read(file).stream()
                .filter(e -> "record".equals(e.path("type").asText()) && e.path("commandText").isTextual()).toList();
        events.forEach(ActivityEvents::validate);
        assertEquals(4, events.size(), events.toString());

        JsonNode insert = events.get(0).path("clientAuditFields");
        assertEquals("jsqlparser", insert.path("parse").path("status").asText());
        assertEquals("[{\"table\":\"cols_orders\",\"read\":[\"total\"],\"written\":[\"id\",\"user_id\",\"total\",\"status\"]}]",
                insert.path("columns").toString());

        JsonNode select = events.get(1).path("clientAuditFields");
        assertEquals("[{\"table\":\"cols_users\",\"read\":[\"name\",\"id\",\"country\"],\"written\":[]},"
                + "{\"table\":\"cols_orders\",\"read\":[\"total\",\"user_id\"],\"written\":[]}]", select.path("columns").toString());

        JsonNode update = events.get(2);
        assertFalse(update.path("commandText").asText().contains("paid"), "no literal leaves the process");
        assertFalse(update.toString().contains("paid"), "no literal leaves the process");
        assertEquals("[{\"table\":\"cols_orders\",\"read\":[\"id\"],\"written\":[\"status\"]}]",
                update.path("clientAuditFields").path("columns").toString());

        // a form JSqlParser does not read: the resolver's tables, no columns, and why
        JsonNode locked = events.get(3).path("clientAuditFields");
        assertEquals("{\"status\":\"lexer\",\"reason\":\"parseError\"}", locked.path("parse").toString());
        assertTrue(locked.path("columns").isMissingNode());
        assertEquals("[{\"name\":\"cols_users\",\"access\":\"READ\"},{\"name\":\"cols_orders\",\"access\":\"DELETE\"}]",
                locked.path("tables").toString());
    }
}
