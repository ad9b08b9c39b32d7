package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transaction boundaries from SQL and from JDBC calls, checked against the server's own view:
 * after every step, MariaDB's {@code information_schema.INNODB_TRX} says which InnoDB transaction
 * the connection holds (none: the statement was committed). Two writes share a
 * {@code transactionId} in the events exactly when they share a server transaction, and a write
 * the server committed at once is a transaction of its own.
 */
class TransactionBoundariesTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private EventLog log;

    @BeforeEach
    void setUp() throws SQLException {
        log = EventLog.create();
        DB.execute(
                "CREATE TABLE IF NOT EXISTS h13_tx (id INT PRIMARY KEY, v INT) ENGINE=InnoDB",
                "DELETE FROM h13_tx",
                "DROP TABLE IF EXISTS h13_tx_ddl");
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    private Connection wrapped() throws SQLException {
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        return DriverManager.getConnection(DB.activityUrl(), p);
    }

    /** One step of the script: a JDBC call, and whether it writes a row (then the server holds a transaction or committed it). */
    private record Step(String label, boolean write, JdbcStep call) {
    }

    @FunctionalInterface
    private interface JdbcStep {
        void run(Connection c, Statement s) throws SQLException;
    }

    private int nextId;

    private Step write(String what) {
        int id = ++nextId;
        return new Step(what + " " + id, true, (c, s) -> s.executeUpdate("INSERT INTO h13_tx VALUES (" + id + ", 0)"));
    }

    private static Step sql(String sql) {
        return new Step(sql, false, (c, s) -> s.execute(sql));
    }

    @Test
    void sqlAndJdbcBoundariesGroupStatementsAsTheServerDoes() throws Exception {
        List<Step> script = List.of(
                write("autocommit insert"),
                sql("START TRANSACTION"), write("explicit"), write("explicit"), sql("COMMIT"),
                write("autocommit insert"),
                sql("BEGIN"), write("begin"), sql("CREATE TABLE h13_tx_ddl (a INT)"), write("after ddl"),
                sql("SET autocommit = 0"), write("manual"), write("manual"), sql("SET autocommit = 1"),
                write("autocommit insert"),
                new Step("setAutoCommit(false)", false, (c, s) -> c.setAutoCommit(false)), write("jdbc manual"),
                write("jdbc manual"), new Step("setAutoCommit(true)", false, (c, s) -> c.setAutoCommit(true)),
                sql("XA START 'h13xa'"), write("xa"), sql("XA END 'h13xa'"), sql("XA PREPARE 'h13xa'"),
                sql("XA COMMIT 'h13xa'"),
                sql("START TRANSACTION"), write("savepoint"), sql("SAVEPOINT h13sp"), write("savepoint"),
                sql("ROLLBACK TO SAVEPOINT h13sp"), write("savepoint"), sql("COMMIT AND CHAIN"), write("chained"),
                write("chained"), sql("ROLLBACK"),
                sql("SET @@session.autocommit = OFF"), write("locked"), sql("LOCK TABLES h13_tx WRITE"),
                write("locked"), sql("UNLOCK TABLES"), write("unlocked"), sql("ROLLBACK"),
                sql("SET autocommit=1"), sql("DROP TABLE h13_tx_ddl"), write("autocommit insert"));

        List<String> serverTrx = new ArrayList<>();
        try (Connection c = wrapped(); Statement s = c.createStatement(); Connection admin = DB.connect();
                PreparedStatement trx = admin.prepareStatement(
                        "SELECT trx_id FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = ?")) {
            long thread = c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId(); // no statement sent
            trx.setLong(1, thread);
            for (Step step : script) {
                step.call.run(c, s);
                if (!step.write) {
                    serverTrx.add(null); // not compared
                    continue;
                }
                Thread.sleep(120); // InnoDB refreshes what INNODB_TRX shows at most every 100 ms
                try (ResultSet rs = trx.executeQuery()) {
                    serverTrx.add(rs.next() ? rs.getString(1) : null);
                }
            }
        }
        List<JsonNode> events = log.all().stream()
                .filter(e -> !e.at("/clientAuditFields/executeMethod").asText().equals("connect"))
                .filter(e -> !e.at("/clientAuditFields/executeMethod").asText().equals("close")).toList();
        assertEquals(script.size(), events.size(), events::toString);

        StringBuilder wrong = new StringBuilder();
        for (int i = 0; i < script.size(); i++) {
            if (!script.get(i).write) {
                continue;
            }
            long txI = events.get(i).get("transactionId").asLong();
            for (int j = 0; j < script.size(); j++) {
                if (j == i || !script.get(j).write) {
                    continue;
                }
                boolean serverSame = serverTrx.get(i) != null && serverTrx.get(i).equals(serverTrx.get(j));
                boolean eventsSame = txI == events.get(j).get("transactionId").asLong();
                if (serverSame != eventsSame) {
                    wrong.append("\n").append(script.get(i).label).append(" (server trx ").append(serverTrx.get(i))
                            .append(", transactionId ").append(txI).append(") and ").append(script.get(j).label)
                            .append(" (server trx ").append(serverTrx.get(j)).append(", transactionId ")
                            .append(events.get(j).get("transactionId").asLong()).append(")");
                }
            }
        }
        assertEquals("", wrong.toString(), "events group writes differently from the server");
        // the oracle saw both kinds: writes committed at once, and transactions of several writes
        assertTrue(serverTrx.stream().anyMatch(t -> t == null) && serverTrx.stream().distinct().count() > 4, serverTrx::toString);

        // a boundary statement belongs to the transaction it ends or begins
        assertEquals(events.get(2).get("transactionId"), events.get(1).get("transactionId"), "START TRANSACTION");
        assertEquals(events.get(2).get("transactionId"), events.get(4).get("transactionId"), "COMMIT");
        assertEquals(events.get(12).get("transactionId"), events.get(13).get("transactionId"), "SET autocommit = 1");
        JsonNode switchedOn = events.get(18);
        assertEquals("COMMIT", switchedOn.get("command").asText(), "setAutoCommit(true) in a transaction commits it");
        assertEquals("CONNECTION", switchedOn.at("/clientAuditFields/statementKind").asText());
        assertEquals("setAutoCommit", switchedOn.at("/clientAuditFields/executeMethod").asText());
        assertEquals(events.get(17).get("transactionId"), switchedOn.get("transactionId"));
        JsonNode switchedOff = events.get(15);
        assertEquals("DRIVER", switchedOff.at("/clientAuditFields/statementKind").asText());
        assertEquals(false, switchedOff.at("/clientAuditFields/callArguments/autoCommit").asBoolean(true));
        // autoCommit says the mode each statement ran in, SQL switches included
        assertEquals(false, events.get(11).at("/clientAuditFields/autoCommit").asBoolean(true), "after SET autocommit = 0");
        assertEquals(true, events.get(14).at("/clientAuditFields/autoCommit").asBoolean(false), "after SET autocommit = 1");
    }

    @Test
    void useChangesTheDatabaseOfLaterEventsOnceItSucceeds() throws SQLException {
        String server;
        try (Connection c = wrapped(); Statement s = c.createStatement()) {
            s.execute("USE test");
            assertThrows(SQLException.class, () -> s.execute("USE h13_no_such_database"));
            try (ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                rs.next();
                server = rs.getString(1);
            }
            s.execute("/* back */ USE `" + DB.database() + "`");
            s.execute("SELECT 1");
        }
        assertEquals("test", server);
        List<JsonNode> events = log.all();
        assertEquals(DB.database(), events.get(1).get("databaseName").asText(), "USE runs in the database it leaves");
        assertEquals("test", events.get(2).get("databaseName").asText());
        assertNotEquals(0, events.get(2).get("exitCode").asInt());
        assertEquals(server, events.get(3).get("databaseName").asText(), "a failed USE changes nothing");
        assertEquals(DB.database(), events.get(5).get("databaseName").asText());
    }

    /**
     * H2 follows the same statements: SET AUTOCOMMIT, COMMIT, DDL's implicit commit. Its oracle is
     * a second session, which sees a transaction's rows exactly when it has ended.
     */
    @Test
    void h2TransactionsFromSql() throws SQLException {
        String name = H2Databases.newName();
        Properties p = log.properties();
        List<Long> visible = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl(name), p);
                Statement s = c.createStatement();
                Connection other = DriverManager.getConnection(H2Databases.url(name));
                Statement o = other.createStatement()) {
            s.execute("CREATE TABLE h13_t (id INT PRIMARY KEY)");
            String[] script = {"SET AUTOCOMMIT FALSE", "INSERT INTO h13_t VALUES (1)", "INSERT INTO h13_t VALUES (2)",
                "COMMIT", "INSERT INTO h13_t VALUES (3)", "CREATE TABLE h13_u (id INT)", "INSERT INTO h13_t VALUES (4)",
                "ROLLBACK", "SET AUTOCOMMIT TRUE", "INSERT INTO h13_t VALUES (5)"};
            for (String sql : script) {
                s.execute(sql);
                try (ResultSet rs = o.executeQuery("SELECT COUNT(*) FROM h13_t")) {
                    rs.next();
                    visible.add(rs.getLong(1));
                }
            }
        }
        // the second session saw: 0 0 0 2 2 3 3 3 3 4 — rows 1 and 2 at COMMIT, 3 at the DDL, 4 never
        assertEquals(List.of(0L, 0L, 0L, 2L, 2L, 3L, 3L, 3L, 3L, 4L), visible);
        List<JsonNode> events = log.all().stream()
                .filter(e -> e.at("/clientAuditFields/statementKind").asText().equals("STATEMENT")).toList();
        long[] tx = events.stream().mapToLong(e -> e.get("transactionId").asLong()).toArray();
        assertEquals(11, tx.length);
        assertEquals(tx[2], tx[3], "rows 1 and 2: one transaction");
        assertEquals(tx[2], tx[4], "its COMMIT");
        assertNotEquals(tx[5], tx[6], "the DDL commits row 3 and is its own");
        assertNotEquals(tx[6], tx[7]);
        assertEquals(tx[7], tx[8], "row 4 and its ROLLBACK");
        assertNotEquals(tx[9], tx[10], "auto-commit again");
        assertTrue(tx[10] > tx[8]);
        assertTrue(events.get(7).at("/clientAuditFields/autoCommit").isBoolean());
        assertEquals(false, events.get(7).at("/clientAuditFields/autoCommit").asBoolean(), "after SET AUTOCOMMIT FALSE");
        assertEquals(true, events.get(10).at("/clientAuditFields/autoCommit").asBoolean(), "after SET AUTOCOMMIT TRUE");
    }
}
