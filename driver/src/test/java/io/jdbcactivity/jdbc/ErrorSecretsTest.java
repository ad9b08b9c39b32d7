package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.KinesisMock;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real MariaDB errors that quote the application's data, through the real drivers, into a jsonl
 * file and a Kinesis stream: no secret reaches either (the raw bytes are searched, every field),
 * while the error code, the SQLState and the message's shape (the server's own message, its value
 * replaced) stay. Each secret contains "Secret", which nothing else in an event does.
 */
class ErrorSecretsTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();
    @RegisterExtension
    static final KinesisMock KINESIS = new KinesisMock();

    private static final String TABLE = "h9_secret";
    private static final String SYNTAX = "You have an error in your SQL syntax; check the manual that corresponds to"
            + " your MariaDB server version for the right syntax to use";

    private EventLog log;

    @BeforeEach
    void setUp() throws SQLException {
        log = EventLog.create();
        DB.execute(
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40)"
                    + " UNIQUE, short_col VARCHAR(3), n INT, d DATE)",
                "DELETE FROM " + TABLE,
                "INSERT INTO " + TABLE + " (name) VALUES ('O''BrienSecret13'), ('DupSecret20')");
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    /**
     * One statement that fails, the value the server quotes from it, and the message the event
     * should carry given the server's real one (null: the value is replaced by {@code ?}).
     */
    private record Case(String sql, String parameter, String serverValue, UnaryOperator<String> published) {
        static Case of(String sql, String serverValue) {
            return new Case(sql, null, serverValue, null);
        }

        String expected(String serverMessage) {
            if (published != null) {
                return published.apply(serverMessage);
            }
            assertTrue(serverMessage.contains("'" + serverValue + "'"), serverMessage);
            return serverMessage.replace("'" + serverValue + "'", "'?'");
        }
    }

    private static List<Case> mariaDbCases() {
        return List.of(
                Case.of("INSERT INTO " + TABLE + " (name) VALUES ('O''BrienSecret13')", "O'BrienSecret13"),
                new Case("INSERT INTO " + TABLE + " (name) VALUES (?)", "DupSecret20", "DupSecret20", null),
                new Case("SELECT * FROM " + TABLE + " WHERE WHERE name = 'NearSecret12' AND n = 3", null, null,
                        m -> near(m, "WHERE name = ? AND n = ?")),
                new Case("SELECT *\nFROM " + TABLE + " WHERE WHERE\nname = 'NearSecret21'", null, null,
                        m -> near(m, "WHERE name = ?")),
                new Case("SELECT * FROM " + TABLE + " WHERE name = 'O''BrienSecret13", null, null,
                        m -> near(m, "?")),
                new Case("INSERT INTO " + TABLE + " (short_col) VALUES ('LongSecret14')", null, null, m -> m),
                Case.of("INSERT INTO " + TABLE + " (n) VALUES ('IntSecret15')", "IntSecret15"),
                Case.of("INSERT INTO " + TABLE + " (d) VALUES ('DateSecret22')", "DateSecret22"),
                Case.of("INSERT INTO " + TABLE + " (n) SELECT 'DblSecret16' + 1", "DblSecret16"),
                Case.of("SET SESSION sql_mode = 'VarSecret18'", "VarSecret18"),
                new Case("SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'SignalSecret17'", null, null, m -> "?"));
    }

    /** The server's syntax error with its near fragment replaced by {@code normal}; its line number kept. */
    private static String near(String serverMessage, String normal) {
        assertTrue(serverMessage.startsWith(SYNTAX + " near '"), serverMessage);
        return serverMessage.replaceFirst("(?s) near '.*' at line (\\d+)$", " near '" + Matcher.quoteReplacement(normal)
                + "' at line $1");
    }

    /** Runs every case on {@code url} with {@code props}; returns the application's exceptions. */
    private static List<SQLException> run(String url, Properties props, List<Case> cases) throws SQLException {
        List<SQLException> seen = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, props)) {
            for (Case k : cases) {
                seen.add(assertThrows(SQLException.class, () -> {
                    if (k.parameter() == null) {
                        try (Statement s = c.createStatement()) {
                            s.execute(k.sql());
                        }
                    } else {
                        try (PreparedStatement p = c.prepareStatement(k.sql())) {
                            p.setString(1, k.parameter());
                            p.execute();
                        }
                    }
                }, k.sql()));
            }
        }
        return seen;
    }

    private static Properties withUser(Properties p) {
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        return p;
    }

    private static String activity(String targetUrl) {
        return "jdbc:activity:" + targetUrl.substring("jdbc:".length());
    }

    /** Every event of {@code events} that failed, in order, against the exceptions the application saw. */
    private static void assertShapes(List<Case> cases, List<SQLException> seen, List<JsonNode> events) {
        List<JsonNode> failed = events.stream().filter(e -> e.get("exitCode").asInt() != 0).toList();
        assertEquals(cases.size(), failed.size(), events::toString);
        for (int i = 0; i < cases.size(); i++) {
            SQLException e = seen.get(i);
            JsonNode event = failed.get(i);
            assertEquals(e.getErrorCode(), event.get("exitCode").asInt(), event::toString);
            assertEquals(e.getSQLState(), event.at("/clientAuditFields/sqlState").asText(), event::toString);
            assertEquals(cases.get(i).expected(serverMessage(e)), withoutDriverPrefix(event.get("errorMessage").asText()),
                    () -> "server said: " + e.getMessage());
        }
    }

    /**
     * The server's message: MariaDB Connector/J puts "(conn=N) " before it; with
     * dumpQueriesOnException both drivers append the query.
     */
    private static String serverMessage(SQLException e) {
        String m = withoutDriverPrefix(e.getMessage());
        for (String appendix : List.of("\nQuery is:", "\n\nQuery being executed when exception was thrown:")) {
            int at = m.indexOf(appendix);
            m = at < 0 ? m : m.substring(0, at);
        }
        return m;
    }

    private static String withoutDriverPrefix(String m) {
        return m.replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    private static void assertNoSecret(byte[] bytes, String where) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.indexOf("Secret");
        assertTrue(at < 0, () -> where + " leaks: …" + text.substring(Math.max(0, at - 120), Math.min(text.length(),
                at + 60)) + "…");
        assertTrue(text.length() > 0, where + " is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connector-j", "connector-j-dumpQueries", "mariadb-connector-j-dumpQueries"})
    void errorsOfMariaDbReachTheJsonlFileWithoutTheirValues(String driver) throws Exception {
        String target = switch (driver) {
            case "connector-j" -> DB.jdbcUrl();
            case "connector-j-dumpQueries" -> DB.jdbcUrl() + "&dumpQueriesOnException=true";
            default -> "jdbc:mariadb://" + DB.host() + ":" + DB.port() + "/" + DB.database()
                    + "?dumpQueriesOnException=true";
        };
        List<Case> cases = mariaDbCases();
        List<SQLException> seen = run(activity(target), withUser(log.properties()), cases);
        if (!driver.equals("connector-j")) {
            // the drivers do append the statement, values and all, to what the application sees
            assertTrue(seen.stream().anyMatch(e -> e.getMessage().contains("NearSecret12")
                    && e.getMessage().indexOf('\n') > 0), () -> seen.get(2).getMessage());
        }
        assertShapes(cases, seen, log.all());
        assertNoSecret(Files.readAllBytes(log.file()), "the jsonl file");
    }

    @Test
    void errorsOfMariaDbReachKinesisWithoutTheirValues() throws Exception {
        String stream = "h9-secrets";
        KINESIS.createStream(stream, 1);
        Properties p = withUser(KINESIS.sinkProperties(stream));
        p.setProperty("activity.kinesis.lingerMs", "20");
        List<Case> cases = mariaDbCases();
        List<SQLException> seen = run(activity(DB.jdbcUrl()), p, cases);
        assertTrue(Activity.flush(Duration.ofSeconds(20)));
        List<JsonNode> events = KINESIS.reader(stream).await(
                e -> e.stream().filter(x -> x.get("exitCode").asInt() != 0).count() >= cases.size(), Duration.ofSeconds(30));
        assertShapes(cases, seen, events.stream().filter(e -> !e.at("/clientAuditFields/statementKind").asText()
                .equals("PRODUCER")).toList());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] record : KINESIS.reader(stream).recordBytes()) {
            all.write(record);
        }
        assertNoSecret(all.toByteArray(), "the Kinesis records");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void batchesAndParametersKeepTheirValuesInTheProcessByDefault(boolean rewrite) throws Exception {
        Properties p = withUser(log.properties());
        String url = activity(DB.jdbcUrl() + "&rewriteBatchedStatements=" + rewrite);
        try (Connection c = DriverManager.getConnection(url, p)) {
            try (Statement s = c.createStatement()) {
                s.addBatch("INSERT INTO " + TABLE + " (name) VALUES ('BatchSecret40')");
                s.addBatch("UPDATE " + TABLE + " SET short_col = 'BS1' WHERE name = 'BatchSecret40'");
                s.addBatch("INSERT INTO " + TABLE + " (name) VALUES ('DupSecret20')"); // fails: duplicate
                assertThrows(SQLException.class, s::executeBatch);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (name, n) VALUES (?, ?)")) {
                for (String name : List.of("ParamSecret41", "ParamSecret42", "O'BrienSecret13")) {
                    ps.setString(1, name);
                    ps.setInt(2, 7);
                    ps.addBatch();
                }
                assertThrows(SQLException.class, ps::executeBatch); // the last row is a duplicate
                ps.setString(1, "ParamSecret43");
                ps.setInt(2, 8);
                assertEquals(1, ps.executeUpdate());
            }
        }
        List<JsonNode> events = log.all();
        JsonNode plain = events.stream().filter(e -> e.at("/clientAuditFields/batch/statements").isArray()).findFirst()
                .orElseThrow();
        assertEquals("INSERT INTO " + TABLE + " (name) VALUES (?)", plain.at("/clientAuditFields/batch/statements/0")
                .asText());
        assertTrue(events.stream().allMatch(e -> e.path("paramList").isNull() || e.path("paramList").isMissingNode()));
        assertTrue(events.stream().filter(e -> e.get("exitCode").asInt() == 1062).count() >= 2, events::toString);
        assertNoSecret(Files.readAllBytes(log.file()), "the jsonl file");
    }

    @Test
    void fullCommandTextNeverCarriesACredentialNorDoesItsErrorMessage() throws Exception {
        String user = "h9_u" + System.nanoTime() % 100_000;
        Properties p = withUser(log.properties());
        p.setProperty("activity.commandText", "full");
        List<String> statements = List.of(
                "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'PwSecret30'",
                "ALTER USER '" + user + "'@'localhost' IDENTIFIED BY PASSWORD '*3C1AA1A1ED4D1E6A0B4A3C9CEB5A2C3F2B7A9E3Secret'",
                "ALTER USER '" + user + "'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('PwSecret31')"
                        + " OR unix_socket",
                "SET PASSWORD FOR '" + user + "'@'localhost' = PASSWORD('PwSecret32')",
                "GRANT SELECT ON test.* TO '" + user + "'@'localhost' IDENTIFIED BY 'PwSecret33'",
                "CREATE SERVER h9_srv FOREIGN DATA WRAPPER mysql OPTIONS (USER 'r', PASSWORD 'PwSecret34')",
                "DROP SERVER IF EXISTS h9_srv",
                // refused by the parser (no such option): the near fragment holds the password
                "CHANGE MASTER 'h9_none' TO MASTER_NO_SUCH=1, MASTER_PASSWORD='PwSecret35'",
                "CHANGE REPLICATION SOURCE TO SOURCE_PASSWORD='PwSecret36'",
                "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'PwSecret37' garbage",
                "DROP USER IF EXISTS '" + user + "'@'localhost'");
        int failures = 0;
        try (Connection c = DriverManager.getConnection(activity(DB.jdbcUrl()), p); Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    failures++;
                }
            }
            s.executeQuery("SELECT name FROM " + TABLE + " WHERE name = 'VisibleValue'").close();
        }
        List<JsonNode> events = log.all();
        assertTrue(failures >= 3, "the refused statements failed: " + failures);
        assertTrue(events.stream().anyMatch(e -> e.get("commandText").asText().equals("SELECT name FROM " + TABLE
                + " WHERE name = 'VisibleValue'")), "full mode keeps other values");
        assertTrue(events.stream().anyMatch(e -> e.get("errorMessage").asText().contains(" near '")), events::toString);
        assertNoSecret(Files.readAllBytes(log.file()), "the jsonl file in full mode");
    }

    @Test
    void errorsOfH2LoseTheirValuesAndTheirEchoedStatement() throws Exception {
        String url = H2Databases.url();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE h9_h2 (id INT PRIMARY KEY, name VARCHAR(40) UNIQUE, short_col VARCHAR(3), n INT)");
            s.execute("INSERT INTO h9_h2 (id, name) VALUES (1, 'O''BrienSecret13')");
        }
        List<String> statements = List.of(
                "INSERT INTO h9_h2 (id, name) VALUES (2, 'O''BrienSecret13')",
                "INSERT INTO h9_h2 (id, short_col) VALUES (3, 'LongSecret14')",
                "INSERT INTO h9_h2 (id, n) VALUES (4, 'IntSecret15')",
                "SELECT * FROM h9_h2 WHERE WHERE name = 'NearSecret12'",
                "SELECT * FROM h9_nope WHERE name = 'NearSecret12'");
        List<SQLException> seen = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(activity(url), log.properties()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                seen.add(assertThrows(SQLException.class, () -> s.execute(sql)));
            }
        }
        List<JsonNode> failed = log.all().stream().filter(e -> e.get("exitCode").asInt() != 0).toList();
        assertEquals(statements.size(), failed.size());
        for (int i = 0; i < statements.size(); i++) {
            assertEquals(seen.get(i).getErrorCode(), failed.get(i).get("exitCode").asInt());
            String message = failed.get(i).get("errorMessage").asText();
            // H2's own head and its [code-build] tail stay
            String head = seen.get(i).getMessage().substring(0, 12);
            assertTrue(message.startsWith(head) && message.matches("(?s).*\\[\\d+-\\d+]$"), message);
        }
        assertNoSecret(Files.readAllBytes(log.file()), "the jsonl file");
        ActivityEvents.read(log.file()); // and every event still fits the schema
    }
}
