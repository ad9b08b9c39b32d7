package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quote rules follow the target: H2 and a MariaDB session with {@code NO_BACKSLASH_ESCAPES} read
 * {@code '\'} as a one-character string, MariaDB's default reads it as an unclosed one. The
 * oracle is the server: the statement succeeds where the rule says the literal closes, fails with
 * a syntax error where it does not, and the session's {@code @@sql_mode} is read back from it.
 */
class QuoteRuleCaptureTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    /** LIKE's escape character written as the SQL standard writes it (Hibernate's form). */
    private static final String ESCAPED = "SELECT id FROM h8_a WHERE name LIKE 'q%' ESCAPE '\\' AND id IN (SELECT id FROM h8_b)";

    private EventLog log;

    @BeforeAll
    static void tables() throws SQLException {
        DB.execute(
                "CREATE TABLE h8_a (id INT PRIMARY KEY, name VARCHAR(20))",
                "CREATE TABLE h8_b (id INT PRIMARY KEY)",
                "INSERT INTO h8_a VALUES (1, 'q1'), (2, 'x')",
                "INSERT INTO h8_b VALUES (1)");
    }

    @BeforeEach
    void setUp() {
        log = EventLog.create();
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    private Connection mariaDb(String url, String... options) throws SQLException {
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        for (int i = 0; i < options.length; i += 2) {
            p.setProperty(options[i], options[i + 1]);
        }
        return DriverManager.getConnection(url, p);
    }

    private String connectorJ() {
        return "jdbc:activity:" + DB.jdbcUrl().substring("jdbc:".length());
    }

    private String mariaDbConnector() {
        return "jdbc:activity:mariadb://" + DB.host() + ":" + DB.port() + "/" + DB.database();
    }

    private List<JsonNode> statements() {
        return log.all().stream().filter(e -> !e.at("/clientAuditFields/statementKind").asText().equals("CONNECTION"))
                .toList();
    }

    private static List<String> tables(JsonNode e) {
        return StreamSupport.stream(e.at("/clientAuditFields/tables").spliterator(), false)
                .map(t -> t.get("name").asText() + ":" + t.get("access").asText()).toList();
    }

    private static String sqlMode(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Runs {@link #ESCAPED} and returns its event: the server found the one row only if it read the literal as closed. */
    private JsonNode runEscaped(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ESCAPED)) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
            assertFalse(rs.next());
        }
        List<JsonNode> events = statements();
        return events.get(events.size() - 1);
    }

    private static void assertWholeStatement(JsonNode e) {
        assertEquals(List.of("h8_a:READ", "h8_b:READ"), tables(e), e::toString);
        assertTrue(e.get("commandText").asText().endsWith("IN (SELECT id FROM h8_b)"), e::toString);
        assertFalse(e.at("/clientAuditFields/commandTextTruncated").asBoolean(), e::toString);
    }

    @Test
    void h2ReadsBackslashesAsPlainCharacters() throws SQLException {
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE book (id INT PRIMARY KEY, title VARCHAR(50))");
            s.execute("CREATE TABLE h8_a (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("CREATE TABLE h8_b (id INT PRIMARY KEY)");
            s.execute("INSERT INTO book VALUES (1, 'a_b'), (2, 'axb'), (3, 'a_c')");
            s.execute("INSERT INTO h8_a VALUES (1, 'q1'), (2, 'x')");
            s.execute("INSERT INTO h8_b VALUES (1)");
            // Hibernate 6's H2 pagination of a LIKE with an escape character
            try (PreparedStatement ps = c.prepareStatement("select b1_0.id,b1_0.title from book b1_0 where b1_0.title"
                    + " like ? escape '\\' order by b1_0.id fetch first ? rows only")) {
                ps.setString(1, "a\\_%");
                ps.setInt(2, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1, rs.getInt(1));
                    assertFalse(rs.next());
                }
            }
            assertWholeStatement(runEscaped(c));
        }
        JsonNode hibernate = statements().stream().filter(e -> e.at("/clientAuditFields/statementKind").asText()
                .equals("PREPARED")).findFirst().orElseThrow();
        assertEquals("SELECT b1_0.id,b1_0.title FROM book b1_0 WHERE b1_0.title LIKE ? escape ? ORDER BY b1_0.id"
                + " FETCH FIRST ? ROWS ONLY", hibernate.get("commandText").asText());
        assertEquals(List.of("book:READ"), tables(hibernate));
        assertFalse(hibernate.at("/clientAuditFields/commandTextTruncated").asBoolean());
    }

    @Test
    void h2DoubleQuotesNameTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(), log.properties());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"Customer\" (\"Id\" INT PRIMARY KEY, \"Name\" VARCHAR(20))");
            s.executeQuery("SELECT \"Id\" FROM \"Customer\" WHERE \"Name\" = 'secret-name'").close();
        }
        List<JsonNode> events = statements();
        JsonNode select = events.get(events.size() - 1);
        assertEquals(List.of("Customer:READ"), tables(select));
        assertEquals("SELECT \"Id\" FROM \"Customer\" WHERE \"Name\" = ?", select.get("commandText").asText());
    }

    @Test
    void mariaDbDefaultModeFailsTheTextAndTheEventSaysItsTextIsIncomplete() throws SQLException {
        try (Connection c = mariaDb(connectorJ()); Statement s = c.createStatement()) {
            assertFalse(sqlMode(c).contains("NO_BACKSLASH_ESCAPES"));
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(ESCAPED));
            assertEquals(1064, e.getErrorCode(), e::toString); // the server too read an unclosed literal
        }
        List<JsonNode> events = statements();
        JsonNode failed = events.get(events.size() - 1);
        assertTrue(failed.at("/clientAuditFields/commandTextTruncated").asBoolean(), failed::toString);
        assertEquals(List.of("h8_a:READ"), tables(failed));
    }

    @Test
    void connectorJSessionWithNoBackslashEscapes() throws SQLException {
        try (Connection c = mariaDb(connectorJ(), "sessionVariables", "sql_mode='NO_BACKSLASH_ESCAPES'")) {
            assertTrue(sqlMode(c).contains("NO_BACKSLASH_ESCAPES"), "the server's own sql_mode");
            assertWholeStatement(runEscaped(c));
        }
    }

    @Test
    void mariaDbConnectorSessionWithNoBackslashEscapes() throws SQLException {
        try (Connection c = mariaDb(mariaDbConnector(), "sessionVariables", "sql_mode='NO_BACKSLASH_ESCAPES'")) {
            assertTrue(sqlMode(c).contains("NO_BACKSLASH_ESCAPES"), "the server's own sql_mode");
            assertWholeStatement(runEscaped(c));
        }
    }

    @Test
    void aSetSqlModeByTheApplicationIsFollowed() throws SQLException {
        for (String url : List.of(connectorJ(), mariaDbConnector())) {
            try (Connection c = mariaDb(url); Statement s = c.createStatement()) {
                String before = sqlMode(c);
                s.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')");
                assertTrue(sqlMode(c).contains("NO_BACKSLASH_ESCAPES"), "the server's own sql_mode");
                assertWholeStatement(runEscaped(c));
                s.execute("SET sql_mode = '" + before + "'");
                assertFalse(sqlMode(c).contains("NO_BACKSLASH_ESCAPES"), "the server's own sql_mode");
                s.executeQuery("SELECT 'a\\'b', id FROM h8_b").close(); // one literal again, 'a\'b'
            }
            List<JsonNode> events = statements();
            JsonNode last = events.get(events.size() - 1);
            assertEquals("SELECT ?, id FROM h8_b", last.get("commandText").asText(), url);
            assertEquals(List.of("h8_b:READ"), tables(last));
        }
    }

    @Test
    void connectorJSessionWithAnsiQuotesNamesTables() throws SQLException {
        try (Connection c = mariaDb(connectorJ(), "sessionVariables", "sql_mode='ANSI_QUOTES'");
                Statement s = c.createStatement()) {
            assertTrue(sqlMode(c).contains("ANSI_QUOTES"), "the server's own sql_mode");
            s.executeQuery("SELECT \"id\" FROM \"h8_b\" WHERE 'it\\'s' <> ''").close();
        }
        List<JsonNode> events = statements();
        JsonNode select = events.get(events.size() - 1);
        assertEquals(List.of("h8_b:READ"), tables(select), select::toString);
        assertEquals("SELECT \"id\" FROM \"h8_b\" WHERE ? <> ?", select.get("commandText").asText());
    }
}
