package io.jdbcactivity.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.GeneralLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import io.jdbcactivity.jdbc.ActivityConnection;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ActivityXADataSource} over Connector/J's {@code MysqlXADataSource} against MariaDB's XA:
 * what the transaction manager and the application do goes through unchanged (the rows are
 * committed or not as XA says), and every XA statement the server logged is an event.
 */
class ActivityXADataSourceTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private EventLog log;

    @BeforeEach
    void setUp() throws SQLException {
        log = EventLog.create();
        DB.execute(
                "CREATE TABLE IF NOT EXISTS h13_xa (id INT PRIMARY KEY) ENGINE=InnoDB",
                "DELETE FROM h13_xa");
    }

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    private ActivityXADataSource dataSource() {
        ActivityXADataSource ds = new ActivityXADataSource();
        ds.setURL(DB.activityUrl(log.urlOptions())); // as WildFly and Payara set it: the property "URL"
        ds.setUser(DB.user());
        ds.setPassword(DB.password());
        return ds;
    }

    private record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {
        static TestXid of(String g) {
            return new TestXid(4660, g.getBytes(StandardCharsets.US_ASCII), "b1".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public int getFormatId() {
            return formatId;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return gtrid;
        }

        @Override
        public byte[] getBranchQualifier() {
            return bqual;
        }
    }

    @Test
    void twoPhaseOnePhaseAndRollbackAreEventsAndChangeNothingForTheApplication() throws Exception {
        Xid committed = TestXid.of("h13-2pc");
        Xid onePhase = TestXid.of("h13-1pc");
        Xid rolledBack = TestXid.of("h13-rb");
        long thread;
        List<GeneralLog.Row> server;
        try (GeneralLog general = GeneralLog.on(DB)) {
            XAConnection xa = dataSource().getXAConnection();
            XAResource res = xa.getXAResource();
            // as an application server does: a handle per use, closed before the branch is prepared
            Connection handle = xa.getConnection();
            assertInstanceOf(ActivityConnection.class, handle);
            thread = handle.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getId();
            res.start(committed, XAResource.TMNOFLAGS);
            try (Statement s = handle.createStatement()) {
                assertEquals(1, s.executeUpdate("INSERT INTO h13_xa VALUES (1)"));
            }
            handle.close();
            res.end(committed, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, res.prepare(committed));
            res.commit(committed, false);

            handle = xa.getConnection();
            res.start(onePhase, XAResource.TMNOFLAGS);
            try (Statement s = handle.createStatement()) {
                s.executeUpdate("INSERT INTO h13_xa VALUES (2)");
            }
            res.end(onePhase, XAResource.TMSUCCESS);
            res.commit(onePhase, true);

            res.start(rolledBack, XAResource.TMNOFLAGS);
            try (Statement s = handle.createStatement()) {
                s.executeUpdate("INSERT INTO h13_xa VALUES (3)");
            }
            res.end(rolledBack, XAResource.TMFAIL);
            res.rollback(rolledBack);
            res.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN); // what a transaction manager does at start
            handle.close();
            xa.close();
            server = general.rows(List.of(thread));
        }
        try (Connection c = DB.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT GROUP_CONCAT(id ORDER BY id) FROM h13_xa")) {
            rs.next();
            assertEquals("1,2", rs.getString(1), "what XA committed and rolled back, as without the wrapper");
        }

        List<JsonNode> events = log.all();
        List<String> commands = events.stream().map(e -> e.get("command").asText()).toList();
        assertEquals(List.of("CONNECT", "XA START", "INSERT", "XA END", "XA PREPARE", "XA COMMIT",
                "XA START", "INSERT", "XA END", "XA COMMIT", "XA START", "INSERT", "XA END", "XA ROLLBACK",
                "XA RECOVER", "DISCONNECT"), commands);
        assertEquals(1, events.stream().map(e -> e.at("/clientAuditFields/connectionId").asText()).distinct().count(),
                "one physical XA connection is one connection of the stream");
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).get("statementId").asInt(), "numbered across handles");
            assertEquals(Long.toString(thread), events.get(i).get("sessionId").asText());
        }
        // each branch is one transaction: its statements share its XA START's id, up to its end
        for (int[] branch : new int[][] {{1, 5}, {6, 9}, {10, 13}}) {
            for (int i = branch[0]; i <= branch[1]; i++) {
                assertEquals(events.get(branch[0]).get("transactionId"), events.get(i).get("transactionId"),
                        commands.get(i) + " at " + i);
            }
        }
        assertNotEquals(events.get(1).get("transactionId"), events.get(6).get("transactionId"));
        JsonNode start = events.get(1).get("clientAuditFields");
        assertEquals("xaStart", start.get("executeMethod").asText());
        assertEquals(4660, start.at("/callArguments/formatId").asInt());
        assertEquals("6831332d327063", start.at("/callArguments/gtrid").asText());
        assertTrue(events.get(9).at("/clientAuditFields/callArguments/onePhase").asBoolean());

        // the server's log: every XA statement and INSERT it ran on that thread, in order, is an event
        List<String> ran = new ArrayList<>();
        for (GeneralLog.Row r : server) {
            if (r.commandType().equals("Query")) {
                String q = r.argument().trim().toUpperCase(Locale.ROOT);
                if (q.startsWith("XA ") || q.startsWith("INSERT")) {
                    ran.add(q.startsWith("INSERT") ? "INSERT" : q.split(" ")[0] + " " + q.split(" ")[1]);
                }
            }
        }
        List<String> published = commands.stream().filter(c -> c.startsWith("XA") || c.equals("INSERT")).toList();
        assertEquals(ran, published, "server log " + server);
    }

    @Test
    void aFailedXaCallIsAnEventWithItsErrorAndTheSameException() throws Exception {
        Xid unknown = TestXid.of("h13-unknown");
        XAConnection xa = dataSource().getXAConnection();
        XAResource res = xa.getXAResource();
        javax.transaction.xa.XAException e = assertThrows(javax.transaction.xa.XAException.class,
                () -> res.commit(unknown, false));
        assertNotEquals(0, e.errorCode);
        xa.close();
        List<JsonNode> events = log.all();
        JsonNode commit = events.get(1);
        assertEquals("XA COMMIT", commit.get("command").asText());
        assertNotEquals(0, commit.get("exitCode").asInt());
        assertFalse(commit.get("errorMessage").isNull());
    }

    @Test
    void aUrlWithoutAKnownXaDataSourceSaysWhatToSet() {
        ActivityXADataSource ds = new ActivityXADataSource();
        ds.setUrl("jdbc:activity:sqlserver://localhost:1433;" + log.urlOptions().replace('&', ';'));
        SQLException e = assertThrows(SQLException.class, ds::getXAConnection);
        assertTrue(e.getMessage().contains("targetDataSourceClassName"), e.getMessage());
        assertEquals("08001", e.getSQLState());
    }
}
