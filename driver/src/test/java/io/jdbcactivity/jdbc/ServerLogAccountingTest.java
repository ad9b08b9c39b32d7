package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.analyze.SqlAnalyzer;
import io.jdbcactivity.fixtures.GeneralLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An auditor's check: every statement MariaDB's general log recorded for the connection (its
 * {@code Query}, {@code Execute} and {@code Init DB} rows) is accounted for by an event, in order,
 * or is the target driver's documented connection set-up (docs/reading.md), for a script of JDBC
 * calls that make Connector/J and MariaDB Connector/J run SQL of their own: metadata, session
 * settings, savepoints, a prepared statement's metadata, a callable statement's lookup and OUT
 * parameters. Each event accounts only for rows of its own kind (an execution for its own SQL, a
 * {@code setTransactionIsolation} for a {@code SET SESSION TRANSACTION}…), and an execution
 * without a row of its own would be a phantom: both fail the test.
 */
class ServerLogAccountingTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    /**
     * Rows each driver sends while it connects, before the application's first call: the
     * documented set-up (docs/reading.md), allowed only there.
     */
    private static final Map<String, Pattern> SET_UP = Map.of(
            "mysql", Pattern.compile("(?is)(/\\* mysql-connector-j-[^*]*\\*/\\s*SELECT\\s+@@session\\.auto_increment_increment.*"
                    + "|SET character_set_results = NULL|SET autocommit=1|SET NAMES .*)"),
            "mariadb", Pattern.compile("(?is)set sql_mode=.*"));

    /** What each kind of driver call may make the server run (both drivers; docs/reading.md has the texts). */
    private static final Map<String, Pattern> DRIVER_CALLS = Map.ofEntries(
            Map.entry("setAutoCommit", Pattern.compile("(?i)set autocommit=[01]")),
            Map.entry("setTransactionIsolation", Pattern.compile("(?i)SET SESSION TRANSACTION ISOLATION LEVEL .*")),
            Map.entry("setReadOnly", Pattern.compile("(?i)set session transaction read (only|write)")),
            Map.entry("getTransactionIsolation", Pattern.compile("(?i)SELECT @@session\\.(tx|transaction)_isolation")),
            Map.entry("setCatalog", Pattern.compile("(?is)USE .*")),
            Map.entry("prepareCall", Pattern.compile("(?is)SHOW (PROCEDURE|FUNCTION) STATUS .*|SHOW CREATE (PROCEDURE|FUNCTION) .*"
                    + "|SELECT .* FROM INFORMATION_SCHEMA\\.PARAMETERS.*")),
            Map.entry("getParameterMetaData", Pattern.compile("(?is)SELECT param_list, `returns` FROM mysql\\.proc .*")),
            Map.entry("getMetaData", Pattern.compile("(?i)SET sql_select_limit=(1|DEFAULT)")));
    /** Every DatabaseMetaData call that queries does it with SHOW or SELECT. */
    private static final Pattern METADATA = Pattern.compile("(?is)(SHOW|SELECT)\\s.*");
    /** Connector/J reads a callable statement's OUT parameters through user variables. */
    private static final Pattern OUT_PARAMETERS = Pattern.compile("(?is)(SET|SELECT) @`?com_mysql_jdbc_outparam_.*");

    private final SqlAnalyzer analyzer = new SqlAnalyzer();
    private EventLog log;

    @BeforeEach
    void setUp() throws SQLException {
        log = EventLog.create();
        DB.execute(
                "CREATE TABLE IF NOT EXISTS h13_acc (id INT PRIMARY KEY, v VARCHAR(20)) ENGINE=InnoDB",
                "DELETE FROM h13_acc",
                "CREATE OR REPLACE PROCEDURE h13_acc_p(IN x INT, OUT y INT) BEGIN SET y = x + 1; END");
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    private Connection wrapped(String driver) throws SQLException {
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        p.setProperty("activity.commandText", "full");
        String url = driver.equals("mysql") ? DB.activityUrl()
                : "jdbc:activity:mariadb://" + DB.host() + ":" + DB.port() + "/" + DB.database();
        return DriverManager.getConnection(url, p);
    }

    /** The script: calls that make the drivers run SQL of their own, between ordinary executions. */
    private static long script(Connection c) throws SQLException {
        long thread = threadId(c); // from the driver's handshake: no statement sent
        DatabaseMetaData md = c.getMetaData();
        close(md.getTables(c.getCatalog(), null, "h13_acc%", new String[] {"TABLE"}));
        close(md.getColumns(c.getCatalog(), null, "h13_acc", null));
        close(md.getPrimaryKeys(c.getCatalog(), null, "h13_acc"));
        close(md.getIndexInfo(c.getCatalog(), null, "h13_acc", false, true));
        close(md.getImportedKeys(c.getCatalog(), null, "h13_acc"));
        close(md.getProcedures(c.getCatalog(), null, "h13_acc_p"));
        md.getUserName();
        md.storesLowerCaseIdentifiers();
        md.isReadOnly();
        c.getTransactionIsolation();
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setReadOnly(true);
        c.setReadOnly(false);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO h13_acc VALUES (1, 'one')");
            try (PreparedStatement ps = c.prepareStatement("SELECT id, v FROM h13_acc WHERE id = ?")) {
                ps.getMetaData();
                ps.setInt(1, 1);
                close(ps.executeQuery());
            }
            Savepoint sp = c.setSavepoint("h13_acc_sp");
            s.executeUpdate("UPDATE h13_acc SET v = 'uno' WHERE id = 1");
            c.rollback(sp);
            c.commit();
            s.executeUpdate("INSERT INTO h13_acc VALUES (2, 'two')");
            c.setAutoCommit(true); // commits
            try (CallableStatement cs = c.prepareCall("{call h13_acc_p(?, ?)}")) {
                cs.getParameterMetaData();
                cs.setInt(1, 41);
                cs.registerOutParameter(2, Types.INTEGER);
                cs.execute();
                assertEquals(42, cs.getInt(2));
            }
            c.setCatalog(c.getCatalog());
            s.execute("USE " + c.getCatalog());
            s.execute("START TRANSACTION");
            close(s.executeQuery("SELECT COUNT(*) FROM h13_acc"));
            s.execute("ROLLBACK");
            assertTrue(c.isValid(2));
        }
        return thread;
    }

    private static long threadId(Connection c) throws SQLException {
        if (c.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)) {
            return c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId();
        }
        return c.unwrap(org.mariadb.jdbc.Connection.class).getThreadId();
    }

    private static void close(ResultSet rs) throws SQLException {
        while (rs.next()) {
            // read it all, as an application would
        }
        rs.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql", "mariadb"})
    void everyStatementTheServerLoggedIsAnEventOrDocumentedSetUp(String driver) throws Exception {
        List<GeneralLog.Row> rows = new ArrayList<>();
        try (GeneralLog general = GeneralLog.on(DB)) {
            long thread;
            try (Connection c = wrapped(driver)) {
                thread = script(c);
            }
            for (GeneralLog.Row r : general.rows(List.of(thread))) {
                if (r.commandType().equals("Query") || r.commandType().equals("Execute")
                        || r.commandType().equals("Init DB")) {
                    rows.add(r);
                }
            }
        }
        List<JsonNode> events = new ArrayList<>(log.all());
        events.sort(Comparator.comparingLong((JsonNode e) -> e.at("/clientAuditFields/sequence").asLong())
                .thenComparingInt(e -> e.get("substatementId").asInt()));

        Alignment a = new Alignment(driver, rows, events);
        assertTrue(a.align(0, 0, false), () -> "the server ran what no event accounts for, or an execution has no row"
                + " of its own; the first row that cannot be placed: " + a.firstUnplaced() + "\nrows: "
                + rows.stream().map(r -> r.commandType() + " " + r.argument()).toList() + "\nevents: "
                + events.stream().map(ServerLogAccountingTest::describe).toList());
        // the script did reach the server through every kind of call it makes
        assertTrue(events.stream().filter(e -> e.at("/clientAuditFields/statementKind").asText().equals("DRIVER"))
                .count() >= 15, "driver calls published");
        assertTrue(rows.size() >= 20, rows::toString);
    }

    /**
     * Places the log's rows on the events, in order: the connect event takes the driver's set-up
     * rows, a DRIVER event any number of rows of its kind (none when the driver answered from what
     * it knew), an execution exactly its own row (and a callable's OUT parameter reads), a
     * connection call its one row. Where a row fits two neighbours (Connector/J's {@code USE} for
     * {@code setCatalog} and the application's {@code USE} after it), every placement is tried.
     */
    private final class Alignment {
        private final String driver;
        private final List<GeneralLog.Row> rows;
        private final List<JsonNode> events;
        private final java.util.Set<Integer> failed = new java.util.HashSet<>();
        private int deepest;

        Alignment(String driver, List<GeneralLog.Row> rows, List<JsonNode> events) {
            this.driver = driver;
            this.rows = rows;
            this.events = events;
        }

        /** Rows from {@code r} on placed on events from {@code e} on; {@code inside}: event e already took a row. */
        boolean align(int r, int e, boolean inside) {
            int state = (r * (events.size() + 1) + e) * 2 + (inside ? 1 : 0);
            if (failed.contains(state)) {
                return false;
            }
            boolean ok;
            if (r == rows.size()) {
                ok = true;
                for (int k = inside ? e + 1 : e; k < events.size(); k++) {
                    ok &= !mustHaveARow(events.get(k));
                }
            } else if (e == events.size()) {
                ok = false;
            } else {
                JsonNode event = events.get(e);
                GeneralLog.Row row = rows.get(r);
                boolean takes = e == 0 ? SET_UP.get(driver).matcher(row.argument().trim()).matches()
                        : accounts(event, row, inside);
                ok = takes && align(r + 1, e, true) || (inside || !mustHaveARow(event)) && align(r, e + 1, false);
            }
            if (!ok) {
                deepest = Math.max(deepest, r);
                failed.add(state);
            }
            return ok;
        }

        String firstUnplaced() {
            return deepest < rows.size() ? rows.get(deepest).commandType() + " " + rows.get(deepest).argument()
                    : "(every row placed: an execution has no row)";
        }
    }

    /** Whether {@code row} is something {@code event} made the server run; {@code again}: a further row of the same event. */
    private boolean accounts(JsonNode event, GeneralLog.Row row, boolean again) {
        String kind = event.at("/clientAuditFields/statementKind").asText();
        String method = event.at("/clientAuditFields/executeMethod").asText();
        String text = withoutLeadingComments(row.argument().trim());
        switch (kind) {
            case "DRIVER": {
                if (row.commandType().equals("Init DB")) {
                    return method.equals("setCatalog") || method.equals("setSchema");
                }
                if (method.equals("getMetaData")) { // the statement itself, its parameters null, or the row limit around it
                    return DRIVER_CALLS.get(method).matcher(text).matches()
                            || sameStatement(event.get("commandText").asText(), text);
                }
                Pattern p = DRIVER_CALLS.get(method);
                return p != null ? p.matcher(text).matches() : METADATA.matcher(text).matches();
            }
            case "CONNECTION":
                return !again && switch (method) {
                    case "commit" -> text.equalsIgnoreCase("COMMIT");
                    case "rollback" -> text.equalsIgnoreCase("ROLLBACK");
                    case "setSavepoint" -> text.toUpperCase().startsWith("SAVEPOINT ");
                    case "releaseSavepoint" -> text.toUpperCase().startsWith("RELEASE SAVEPOINT ");
                    case "rollbackToSavepoint" -> text.toUpperCase().startsWith("ROLLBACK TO SAVEPOINT ");
                    case "setAutoCommit" -> text.equalsIgnoreCase("SET autocommit=1");
                    default -> false;
                };
            default: // an execution: its own SQL once; a callable's OUT parameters around it
                if (again) {
                    return kind.equals("CALLABLE") && OUT_PARAMETERS.matcher(text).matches();
                }
                return sameStatement(event.get("commandText").asText(), text);
        }
    }

    /** Executions must have reached the server; so must the connection's transaction calls. */
    private static boolean mustHaveARow(JsonNode event) {
        String kind = event.at("/clientAuditFields/statementKind").asText();
        String method = event.at("/clientAuditFields/executeMethod").asText();
        return kind.equals("STATEMENT") || kind.equals("PREPARED") || kind.equals("CALLABLE")
                || kind.equals("CONNECTION") && !method.equals("connect") && !method.equals("close");
    }

    /**
     * The same statement, literals aside: the event's SQL as the application wrote it (with
     * {@code ?} and JDBC escapes), the server's with the values the driver put in (a parameter
     * the driver sent as NULL, an OUT parameter as a user variable).
     */
    private boolean sameStatement(String eventSql, String serverSql) {
        String app = eventSql.trim();
        if (app.startsWith("{") && app.endsWith("}")) {
            app = app.substring(1, app.length() - 1).trim();
        }
        String server = serverSql.replaceAll("@`?com_mysql_jdbc_outparam_\\w+`?", "?")
                .replaceAll("(?i)\\bnull\\b", "?");
        return digest(app).equals(digest(server));
    }

    private String digest(String sql) {
        return analyzer.analyze(sql).statements().get(0).digest();
    }

    private static String withoutLeadingComments(String s) {
        String t = s;
        while (t.startsWith("/*")) {
            int end = t.indexOf("*/");
            if (end < 0) {
                return t;
            }
            t = t.substring(end + 2).trim();
        }
        return t;
    }

    private static String describe(JsonNode e) {
        return e.at("/clientAuditFields/sequence").asText() + ":" + e.at("/clientAuditFields/statementKind").asText()
                + " " + e.at("/clientAuditFields/executeMethod").asText() + " " + e.get("command").asText();
    }
}
