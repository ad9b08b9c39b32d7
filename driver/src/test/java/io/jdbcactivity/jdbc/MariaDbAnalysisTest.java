package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What events say about real statements run on MariaDB: command, digest, risks, redaction, substatements. */
class MariaDbAnalysisTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private EventLog log;

    @BeforeEach
    void setUp() throws SQLException {
        log = EventLog.create();
        DB.execute(
                "CREATE TABLE IF NOT EXISTS item (id INT PRIMARY KEY, name VARCHAR(50))",
                "DELETE FROM item",
                "INSERT INTO item VALUES (1, 'a'), (2, 'b')");
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    private Connection connect(String... options) throws SQLException {
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        for (int i = 0; i < options.length; i += 2) {
            p.setProperty(options[i], options[i + 1]);
        }
        return DriverManager.getConnection("jdbc:activity:" + DB.jdbcUrl().substring(5), p);
    }

    private List<JsonNode> statements() {
        return log.all().stream().filter(e -> !e.get("clientAuditFields").get("statementKind").asText()
                .equals("CONNECTION")).toList();
    }

    private static List<String> risks(JsonNode e) {
        return StreamSupport.stream(e.get("clientAuditFields").get("risk").spliterator(), false)
                .map(JsonNode::asText).toList();
    }

    @Test
    void sameShapeSameDigestAndRisksFlagged() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT name FROM item WHERE id = 1").close();
            s.executeQuery("select name   from item where id=2").close();
            s.executeQuery("SELECT id FROM item WHERE id = 1").close();
            s.executeUpdate("UPDATE item SET name = 'z'");
        }
        List<JsonNode> e = statements();
        String d0 = e.get(0).get("clientAuditFields").get("sqlDigest").asText();
        assertEquals(d0, e.get(1).get("clientAuditFields").get("sqlDigest").asText());
        assertNotEquals(d0, e.get(2).get("clientAuditFields").get("sqlDigest").asText());
        assertEquals(List.of("UPDATE_WITHOUT_WHERE"), risks(e.get(3)));
        assertTrue(risks(e.get(0)).isEmpty());
        JsonNode update = e.get(3);
        assertEquals("item", update.get("clientAuditFields").get("tables").get(0).get("name").asText());
        assertEquals("UPDATE", update.get("clientAuditFields").get("tables").get(0).get("access").asText());
        assertEquals("TABLE", update.get("objectType").asText());
        assertEquals("item", update.get("objectName").asText());
    }

    @Test
    void multiStatementTextIsOneEventPerStatement() throws SQLException {
        try (Connection c = connect("allowMultiQueries", "true"); Statement s = c.createStatement()) {
            s.execute("UPDATE item SET name = 'x' WHERE id = 1; SELECT * FROM item; DELETE FROM item WHERE id = 2");
            while (s.getMoreResults() || s.getUpdateCount() != -1) {
                // drain every result
            }
        }
        List<JsonNode> e = statements();
        assertEquals(3, e.size(), e::toString);
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, e.get(i).get("substatementId").asInt());
            assertEquals(e.get(0).get("statementId").asLong(), e.get(i).get("statementId").asLong());
        }
        assertEquals(List.of("UPDATE", "SELECT", "DELETE"), e.stream().map(x -> x.get("command").asText()).toList());
        assertEquals(3, e.stream().map(x -> x.get("clientAuditFields").get("eventId").asText()).distinct().count());
    }

    @Test
    void fullCommandTextKeepsValuesButNeverPasswords() throws SQLException {
        String user = "act_u" + System.nanoTime() % 100000;
        try (Connection c = connect("activity.commandText", "full"); Statement s = c.createStatement()) {
            s.executeQuery("SELECT name FROM item WHERE name = 'a'").close();
            s.execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'hunter2-secret'");
            s.execute("DROP USER '" + user + "'@'localhost'");
        }
        List<JsonNode> e = statements();
        assertEquals("SELECT name FROM item WHERE name = 'a'", e.get(0).get("commandText").asText());
        JsonNode create = e.get(1);
        assertFalse(create.toString().contains("hunter2"), create::toString);
        assertEquals("CREATE USER ?@? IDENTIFIED BY ?", create.get("commandText").asText());
        assertEquals("CREATE USER", create.get("command").asText());
        assertEquals("ROLE", create.get("class").asText());
        assertEquals(List.of("PRIVILEGES"), risks(create));
        assertEquals(List.of("DROP", "PRIVILEGES"), risks(e.get(2)));
    }

    @Test
    void commandTextNoneLeavesTheTextOut() throws SQLException {
        try (Connection c = connect("activity.commandText", "none"); Statement s = c.createStatement()) {
            s.executeQuery("SELECT name FROM item WHERE id = 1").close();
        }
        JsonNode e = statements().get(0);
        assertTrue(e.get("commandText").isNull());
        assertEquals("SELECT", e.get("command").asText());
    }

    @Test
    void accessDeniedIsFlagged() throws SQLException {
        String user = "act_l" + System.nanoTime() % 100000;
        try (Connection admin = DB.connect();
                Statement s = admin.createStatement()) {
            s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw'");
            s.execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'pw'");
        }
        try {
            Properties p = log.properties();
            p.setProperty("user", user);
            p.setProperty("password", "pw");
            String url = "jdbc:activity:mysql://" + DB.host() + ":" + DB.port() + "/?useSSL=false&allowPublicKeyRetrieval=true";
            try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
                SQLException denied = assertThrows(SQLException.class,
                        () -> s.executeQuery("SELECT * FROM " + DB.database() + ".item"));
                assertTrue(denied.getErrorCode() == 1142 || denied.getErrorCode() == 1044, denied.toString());
            }
            JsonNode e = statements().get(0);
            assertTrue(risks(e).contains("ACCESS_DENIED"), e::toString);
        } finally {
            try (Connection admin = DB.connect();
                    Statement s = admin.createStatement()) {
                s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                s.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }
}
