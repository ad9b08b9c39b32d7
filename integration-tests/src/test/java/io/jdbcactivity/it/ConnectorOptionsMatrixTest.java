package io.jdbcactivity.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.ActivityEvents;
import io.jdbcactivity.fixtures.ApplicationSteps;
import io.jdbcactivity.fixtures.FaultProxy;
import io.jdbcactivity.fixtures.GeneralLog;
import io.jdbcactivity.fixtures.LogComparison;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12's options matrix: for Connector/J and MariaDB Connector/J, each common option on its own
 * and in the combinations users run, one fixed JDBC script through {@code jdbc:activity:} with the
 * jsonl sink; then every event of the connection is compared with what MariaDB's general log
 * recorded for it ({@link LogComparison}): one event per statement the server ran, none it did
 * not, with the same command and tables, the rows the log or the driver tells, the error the
 * application got, on the server thread that ran it. The application's view (counts, rows read,
 * exceptions) is the real driver's answer, recorded as the script runs ({@link ApplicationSteps}).
 *
 * <p>Multi-host URLs reach the one MariaDB on two ports: directly and through a {@link FaultProxy}.
 */
class ConnectorOptionsMatrixTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private static final String TABLE = "h12_items";
    private static final String PROCEDURE = "h12_two_results";
    /** The server writes a connection's last rows after the client has moved on: how long to wait for them. */
    private static final Duration QUIT_WAIT = Duration.ofSeconds(5);

    /** What a cell's script does beyond the common part. */
    enum Feature {
        /** allowMultiQueries: texts of several statements, one failing in the middle. */
        MULTI,
        /** LOAD DATA LOCAL INFILE from a temporary file. */
        LOAD_LOCAL,
        /** Result sets streamed row by row: {@code setFetchSize(Integer.MIN_VALUE)} (MariaDB Connector/J: 1). */
        STREAMING,
        /** The server kills the connection mid-way; the driver reconnects. */
        RECONNECT,
        /** Two hosts, the second the proxy: loadbalance (switches at commit/rollback) or replication (setReadOnly). */
        LOADBALANCE, REPLICATION
    }

    record Cell(String driver, String name, String options, Set<Feature> features) {
        boolean has(Feature f) {
            return features.contains(f);
        }

        boolean connectorJ() {
            return driver.equals("mysql");
        }

        @Override
        public String toString() {
            return (connectorJ() ? "Connector/J " : "MariaDB Connector/J ") + name;
        }
    }

    private static Cell cj(String name, String options, Feature... features) {
        return new Cell("mysql", name, options, features.length == 0 ? Set.of() : EnumSet.of(features[0], features));
    }

    private static Cell mariadb(String name, String options, Feature... features) {
        return new Cell("mariadb", name, options, features.length == 0 ? Set.of() : EnumSet.of(features[0], features));
    }

    static Stream<Cell> cells() {
        return Stream.of(
                cj("defaults", ""),
                cj("useServerPrepStmts", "useServerPrepStmts=true"),
                cj("cachePrepStmts", "cachePrepStmts=true&prepStmtCacheSize=50"),
                cj("rewriteBatchedStatements", "rewriteBatchedStatements=true"),
                cj("allowMultiQueries", "allowMultiQueries=true", Feature.MULTI),
                cj("useCursorFetch", "useCursorFetch=true&defaultFetchSize=2"),
                cj("streaming", "", Feature.STREAMING),
                cj("allowLoadLocalInfile", "allowLoadLocalInfile=true", Feature.LOAD_LOCAL),
                cj("useCompression", "useCompression=true"),
                cj("autoReconnect", "autoReconnect=true", Feature.RECONNECT),
                cj("loadbalance", "", Feature.LOADBALANCE),
                cj("replication", "", Feature.REPLICATION),
                // HikariCP's recommended MySQL settings
                cj("server prepared, cached, rewritten",
                        "useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=250&rewriteBatchedStatements=true"),
                cj("rewritten with multi-queries", "rewriteBatchedStatements=true&allowMultiQueries=true", Feature.MULTI),
                cj("compressed cursors", "useCompression=true&useCursorFetch=true&defaultFetchSize=2"),
                cj("loadbalance, server prepared", "useServerPrepStmts=true&cachePrepStmts=true", Feature.LOADBALANCE),
                mariadb("defaults", ""),
                mariadb("useServerPrepStmts", "useServerPrepStmts=true"),
                mariadb("cachePrepStmts", "useServerPrepStmts=true&cachePrepStmts=true&prepStmtCacheSize=50"),
                // MariaDB Connector/J 3 has no rewriteBatchedStatements: its batches go as bulk commands
                mariadb("useBulkStmts", "useBulkStmts=true"),
                mariadb("allowMultiQueries", "allowMultiQueries=true", Feature.MULTI),
                mariadb("defaultFetchSize", "defaultFetchSize=2"),
                mariadb("streaming", "", Feature.STREAMING),
                mariadb("allowLocalInfile", "allowLocalInfile=true", Feature.LOAD_LOCAL),
                mariadb("useCompression", "useCompression=true"),
                // MariaDB Connector/J 3 has no autoReconnect
                mariadb("loadbalance", "", Feature.LOADBALANCE),
                mariadb("replication", "", Feature.REPLICATION),
                mariadb("server prepared, bulk, multi-queries",
                        "useServerPrepStmts=true&useBulkStmts=true&allowMultiQueries=true", Feature.MULTI));
    }

    private static GeneralLog log;
    private static FaultProxy proxy;
    private static Path dir;
    private static Path infile;
    /** Every cell's run, by cell: all run first, then the server log is read once (a scan of a CSV table). */
    private static final Map<Cell, Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runEveryCell() throws Exception {
        log = GeneralLog.on(DB);
        proxy = new FaultProxy(DB.host(), DB.port());
        dir = Files.createTempDirectory("h12-matrix-");
        infile = dir.resolve("rows.csv");
        Files.writeString(infile, "100,loaded one\n101,loaded two\n");
        Instant since = log.now();
        long t0 = System.nanoTime();
        List<Cell> cells = cells().toList();
        Map<Cell, Run> partial = new LinkedHashMap<>();
        for (Cell cell : cells) {
            partial.put(cell, run(cell));
        }
        long t1 = System.nanoTime();
        List<GeneralLog.Row> rows = log.connectionsTo(DB.database(), since, QUIT_WAIT);
        long t2 = System.nanoTime();
        // a server thread belongs to the cell that was running when it connected
        Map<Long, Cell> owner = new HashMap<>();
        for (GeneralLog.Row r : rows) {
            if (r.commandType().equals("Connect")) {
                partial.values().stream().filter(run -> !r.time().isBefore(run.start()) && !r.time().isAfter(run.end()))
                        .findFirst().ifPresent(run -> owner.put(r.threadId(), run.cell()));
            }
        }
        for (Run run : partial.values()) {
            List<GeneralLog.Row> its = rows.stream().filter(r -> owner.get(r.threadId()) == run.cell()).toList();
            RUNS.put(run.cell(), new Run(run.cell(), run.events(), its, run.steps(), run.failure(), run.start(), run.end()));
        }
        System.out.printf("%d cells: scripts and events %d ms, server log read %d ms (%d rows)%n", cells.size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, rows.size());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (log != null) {
                log.close();
            }
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void everyEventIsAStatementTheServerRan(Cell cell) throws Throwable {
        Run run = RUNS.get(cell);
        if (run.failure() != null) {
            throw run.failure();
        }
        assertEquals(1, run.events().stream().map(e -> e.at("/clientAuditFields/connectionId").asText()).distinct().count(),
                "one application connection per cell");
        LogComparison.Result result = compare(run);
        System.out.println("== " + cell + "\n" + result.describe());
        assertEquals(List.of(), result.mismatches(), cell + "\n" + result.describe());
    }

    /**
     * The comparison can fail: a cell's run with one event taken away, one doubled and one made up
     * is found to disagree in exactly those three places more.
     */
    @Test
    void theComparisonFindsAMissingADoubledAndAPhantomEvent() throws Throwable {
        Run run = RUNS.values().iterator().next(); // Connector/J defaults
        if (run.failure() != null) {
            throw run.failure();
        }
        List<JsonNode> events = run.events();
        int update = indexOf(events, "UPDATE", "executeUpdate");
        int delete = indexOf(events, "DELETE", "executeUpdate");
        List<JsonNode> altered = new ArrayList<>(events);
        JsonNode doubled = altered.get(delete);
        altered.remove(update);
        altered.add(doubled);
        ObjectNode phantom = doubled.deepCopy();
        phantom.put("command", "DROP TABLE");
        ((ObjectNode) phantom.get("clientAuditFields")).put("sequence", 9999);
        altered.add(phantom);
        LogComparison.Result result = LogComparison.of(run.rows(), altered).tables(Set.of(TABLE))
                .application(run.steps()).compare();
        // exactly three more disagreements than the run itself has (until issue 12 is fixed it has some)
        List<String> added = new ArrayList<>(result.mismatches());
        for (String m : compare(run).mismatches()) {
            assertTrue(added.remove(m), "the run's own disagreement is gone: " + m + "\n" + result.describe());
        }
        assertEquals(3, added.size(), added + "\n" + result.describe());
        assertTrue(added.stream().anyMatch(m -> m.startsWith("not in the stream: ") && m.contains("UPDATE " + TABLE)), added::toString);
        assertTrue(added.stream().anyMatch(m -> m.startsWith("not on the server: " + LogComparison.name(doubled))),
                added::toString);
        assertTrue(added.stream().anyMatch(m -> m.startsWith("not on the server: #9999 ") && m.contains("DROP TABLE")),
                added::toString);
    }

    private static int indexOf(List<JsonNode> events, String command, String method) {
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (e.path("command").asText().equals(command)
                    && e.at("/clientAuditFields/executeMethod").asText().equals(method)) {
                return i;
            }
        }
        throw new AssertionError("no " + command + " " + method + " event");
    }

    /** A cell's run: its events, the server's rows of its connection(s), what the application saw, or what failed it. */
    private record Run(Cell cell, List<JsonNode> events, List<GeneralLog.Row> rows, ApplicationSteps steps,
            Throwable failure, Instant start, Instant end) {
    }

    private static LogComparison.Result compare(Run run) {
        return LogComparison.of(run.rows(), run.events()).tables(Set.of(TABLE)).application(run.steps())
                .multiStatements(run.cell().has(Feature.MULTI)).compare();
    }

    /** Runs the cell's script on one connection and reads its events (the server's rows come later). */
    private static Run run(Cell cell) throws Exception {
        Path events = dir.resolve(cell.name().replaceAll("\\W+", "_") + "-" + cell.driver() + ".jsonl");
        ApplicationSteps steps = new ApplicationSteps();
        Properties p = new Properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        p.setProperty("activity.sink", "jsonl");
        p.setProperty("activity.jsonl.path", events.toString());
        p.setProperty("activity.application", "h12-matrix");
        Instant start = Instant.now();
        Throwable failure = null;
        try (Connection c = DriverManager.getConnection(url(cell), p)) {
            script(cell, c, steps);
        } catch (SQLException | RuntimeException e) {
            failure = e; // the script itself must not fail: this cell's test says so
        }
        Instant end = Instant.now();
        assertTrue(Activity.flush(Duration.ofSeconds(20)), Activity.stats().toString());
        Activity.shutdown(); // the cell's file complete; the next cell's connection starts a publisher of its own
        List<JsonNode> all = Files.exists(events) ? ActivityEvents.read(events) : List.of();
        List<JsonNode> application = all.stream()
                .filter(e -> !e.at("/clientAuditFields/statementKind").asText().equals("PRODUCER")).toList();
        return new Run(cell, application, List.of(), steps, failure, start, end);
    }

    private static String url(Cell cell) {
        String hosts = DB.host() + ":" + DB.port();
        String scheme = cell.driver();
        if (cell.has(Feature.LOADBALANCE) || cell.has(Feature.REPLICATION)) {
            hosts += ",127.0.0.1:" + proxy.port();
            scheme += cell.has(Feature.LOADBALANCE) ? ":loadbalance" : ":replication";
        }
        StringBuilder url = new StringBuilder("jdbc:activity:").append(scheme).append("://").append(hosts).append('/')
                .append(DB.database()).append('?');
        if (cell.connectorJ()) {
            url.append("useSSL=false&allowPublicKeyRetrieval=true&");
        }
        url.append(cell.options());
        return url.toString();
    }

    /**
     * The script: DDL, an INSERT alone and in a batch, a statement batch, SELECTs read fully and
     * partly, an UPDATE and a DELETE with their counts, a failing statement, a transaction committed
     * and one rolled back, a procedure CALL with two result sets; then what the cell's features add.
     */
    private static void script(Cell cell, Connection c, ApplicationSteps steps) throws SQLException {
        try (Statement s = c.createStatement()) {
            steps.run("create table", o -> o.results(s, s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (id INT PRIMARY KEY, name VARCHAR(40), n INT NOT NULL DEFAULT 0)")));
            steps.run("create procedure", o -> o.results(s, s.execute("CREATE OR REPLACE PROCEDURE " + PROCEDURE
                    + "(IN lim INT) BEGIN SELECT id FROM " + TABLE + " WHERE id <= lim ORDER BY id;"
                    + " SELECT COUNT(*) FROM " + TABLE + "; END")));
            steps.run("delete all", o -> o.count(s.executeUpdate("DELETE FROM " + TABLE)));
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " (id, name) VALUES (?, ?)")) {
                steps.run("insert one", o -> {
                    insert.setInt(1, 1);
                    insert.setString(2, "one");
                    o.count(insert.executeUpdate());
                });
                steps.run("insert batch", o -> {
                    for (int id = 2; id <= 6; id++) {
                        insert.setInt(1, id);
                        insert.setString(2, "row " + id);
                        insert.addBatch();
                    }
                    o.batch(insert.executeBatch());
                });
            }
            steps.run("statement batch", o -> { // five: Connector/J rewrites a statement batch of more than four
                for (int id = 2; id <= 5; id++) {
                    s.addBatch("UPDATE " + TABLE + " SET n = n + 1 WHERE id = " + id);
                }
                s.addBatch("INSERT INTO " + TABLE + " (id, name) VALUES (7, 'seven')");
                o.batch(s.executeBatch());
            });
            if (cell.has(Feature.STREAMING)) {
                s.setFetchSize(streamingFetchSize(cell));
            }
            steps.run("select all", o -> o.readAll(s.executeQuery("SELECT id, name FROM " + TABLE + " ORDER BY id")));
            try (PreparedStatement select = c.prepareStatement("SELECT id, name FROM " + TABLE + " WHERE id >= ? ORDER BY id")) {
                if (cell.has(Feature.STREAMING)) {
                    select.setFetchSize(streamingFetchSize(cell));
                }
                steps.run("select part", o -> {
                    select.setInt(1, 1);
                    try (ResultSet rs = select.executeQuery()) {
                        int read = 0;
                        while (read < 2 && rs.next()) {
                            read++;
                        }
                        o.rows(read);
                    }
                });
            }
            steps.run("isValid", o -> c.isValid(5));
            try (PreparedStatement update = c.prepareStatement("UPDATE " + TABLE + " SET n = n + 1 WHERE id <= ?")) {
                steps.run("update", o -> {
                    update.setInt(1, 3);
                    o.count(update.executeUpdate());
                });
                steps.run("delete one", o -> o.count(s.executeUpdate("DELETE FROM " + TABLE + " WHERE id = 7")));
                steps.run("failing insert", o -> o.count(s.executeUpdate("INSERT INTO " + TABLE
                        + " (id, name) VALUES (1, 'again')")));
                steps.run("begin", o -> c.setAutoCommit(false));
                steps.run("update in transaction", o -> {
                    update.setInt(1, 2);
                    o.count(update.executeUpdate());
                });
                steps.run("insert in transaction", o -> o.count(s.executeUpdate("INSERT INTO " + TABLE
                        + " (id, name) VALUES (8, 'eight')")));
                steps.run("commit", o -> c.commit());
                steps.run("delete in transaction", o -> o.count(s.executeUpdate("DELETE FROM " + TABLE + " WHERE id = 8")));
                steps.run("rollback", o -> c.rollback());
                steps.run("autocommit", o -> c.setAutoCommit(true));
            }
            try (CallableStatement call = c.prepareCall("{call " + PROCEDURE + "(?)}")) {
                steps.run("call", o -> {
                    call.setInt(1, 2);
                    o.results(call, call.execute());
                });
            }
            if (cell.has(Feature.MULTI)) {
                steps.run("multi", o -> o.results(s, s.execute("UPDATE " + TABLE + " SET n = 0 WHERE id = 1; SELECT id FROM "
                        + TABLE + " WHERE id <= 3; DELETE FROM " + TABLE + " WHERE id = 6")));
                steps.run("multi failing", o -> o.results(s, s.execute("UPDATE " + TABLE + " SET n = 5 WHERE id = 1;"
                        + " INSERT INTO " + TABLE + " (id, name) VALUES (1, 'dup'); DELETE FROM " + TABLE + " WHERE id = 5")));
            }
            if (cell.has(Feature.LOAD_LOCAL)) {
                steps.run("load data", o -> o.count(s.executeUpdate("LOAD DATA LOCAL INFILE '" + infile
                        + "' INTO TABLE " + TABLE + " FIELDS TERMINATED BY ',' (id, name)")));
            }
            if (cell.has(Feature.RECONNECT)) {
                long[] thread = new long[1];
                steps.run("connection id", o -> {
                    try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                        rs.next();
                        thread[0] = rs.getLong(1);
                        o.rows(1);
                    }
                });
                kill(thread[0]);
                steps.run("after the kill", o -> o.readAll(s.executeQuery("SELECT COUNT(*) FROM " + TABLE)));
                steps.run("reconnected", o -> o.readAll(s.executeQuery("SELECT COUNT(*) FROM " + TABLE)));
                steps.run("update after reconnect", o -> o.count(s.executeUpdate("UPDATE " + TABLE + " SET n = n + 1 WHERE id = 1")));
            }
            if (cell.has(Feature.LOADBALANCE)) { // more transaction boundaries: more chances to switch
                for (int i = 0; i < 3; i++) {
                    steps.run("begin " + i, o -> c.setAutoCommit(false));
                    steps.run("update " + i, o -> o.count(s.executeUpdate("UPDATE " + TABLE + " SET n = n + 1 WHERE id = 1")));
                    steps.run("commit " + i, o -> c.commit());
                    steps.run("autocommit " + i, o -> c.setAutoCommit(true));
                }
            }
            if (cell.has(Feature.REPLICATION)) {
                steps.run("read only", o -> c.setReadOnly(true));
                steps.run("replica select", o -> o.readAll(s.executeQuery("SELECT COUNT(*) FROM " + TABLE)));
                steps.run("read write", o -> c.setReadOnly(false));
                steps.run("source update", o -> o.count(s.executeUpdate("UPDATE " + TABLE + " SET n = n + 1 WHERE id = 1")));
            }
        }
    }

    /**
     * Row-by-row results: Connector/J's documented form, {@code Integer.MIN_VALUE}; MariaDB
     * Connector/J 3 rejects it ("invalid fetch size") and streams with any positive fetch size.
     */
    private static int streamingFetchSize(Cell cell) {
        return cell.connectorJ() ? Integer.MIN_VALUE : 1;
    }

    /** KILL CONNECTION from an administrator's connection (to no database: not one of the cell's). */
    private static void kill(long thread) throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:mysql://" + DB.host() + ":" + DB.port()
                + "/?useSSL=false&allowPublicKeyRetrieval=true", DB.user(), DB.password());
                Statement s = admin.createStatement()) {
            s.execute("KILL CONNECTION " + thread);
        }
        try {
            Thread.sleep(100); // the server closes the socket after the KILL returns
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
