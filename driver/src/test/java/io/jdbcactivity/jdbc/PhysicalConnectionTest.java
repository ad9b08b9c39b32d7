package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.FaultProxy;
import io.jdbcactivity.fixtures.FreePorts;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events name the physical connection that ran each statement ({@code sessionId}, {@code
 * serverHost}, {@code serverPort}) when the JDBC connection moves between physical ones: a first
 * host that is down, Connector/J's autoReconnect after the server killed the session, load
 * balancing at transaction ends, replication's {@code setReadOnly}, MariaDB Connector/J's HA modes,
 * DNS SRV, and a wrapper (P6Spy) between this driver and the target's. Two distinct ports reach the
 * same MariaDB: its own and a {@link FaultProxy}'s. The oracle is the server, asked by the statement
 * itself: the session that ran it ({@code CONNECTION_ID()}, what {@code general_log.thread_id}
 * records) and that session's peer ({@code PROCESSLIST.HOST}), which is the proxy's connection
 * when the statement came through the proxy's port.
 */
class PhysicalConnectionTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private EventLog log;
    private FaultProxy proxy;

    /** What the server and the network say about one statement. */
    private record Served(long threadId, int port) {
    }

    @BeforeEach
    void setUp() {
        log = EventLog.create();
        proxy = new FaultProxy(DB.host(), DB.port());
    }

    @AfterEach
    void tearDown() throws Exception {
        proxy.close();
        log.close();
    }

    private Connection connect(String activityUrlRest) throws SQLException {
        Properties p = log.properties();
        p.setProperty("user", DB.user());
        p.setProperty("password", DB.password());
        return DriverManager.getConnection("jdbc:activity:" + activityUrlRest, p);
    }

    private String db() {
        return DB.database() + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    /**
     * Runs a statement on {@code c} that says which session ran it ({@code CONNECTION_ID()}) and
     * where that session's client end is ({@code PROCESSLIST.HOST}, as the server sees it): the
     * proxy's connection to the server, or the driver's own socket to the server's port.
     */
    private Served served(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID(), HOST FROM"
                + " information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()")) {
            rs.next();
            long id = rs.getLong(1);
            String peer = rs.getString(2);
            int peerPort = Integer.parseInt(peer.substring(peer.lastIndexOf(':') + 1));
            return new Served(id, proxy.forwardsFrom(peerPort) ? proxy.port() : DB.port());
        }
    }

    /** The events of the {@code SELECT CONNECTION_ID()} statements, in execution order. */
    private List<JsonNode> probes() {
        return log.all().stream().filter(e -> e.path("commandText").asText().contains("CONNECTION_ID"))
                .sorted(Comparator.comparingLong(e -> e.at("/clientAuditFields/sequence").asLong())).toList();
    }

    private static void assertRanOn(Served served, JsonNode event) {
        assertEquals(Long.toString(served.threadId()), event.path("sessionId").asText(), event::toString);
        assertEquals(served.port(), event.path("serverPort").asInt(), event::toString);
        assertEquals("127.0.0.1", event.path("serverHost").asText(), event::toString);
    }

    private List<Served> check(List<Served> served) {
        List<JsonNode> events = probes();
        assertEquals(served.size(), events.size(), events::toString);
        for (int i = 0; i < served.size(); i++) {
            assertRanOn(served.get(i), events.get(i));
        }
        return served;
    }

    @Test
    void aFirstHostThatIsDownIsNotReported() throws SQLException {
        int down = FreePorts.find();
        List<Served> served = new ArrayList<>();
        try (Connection c = connect("mysql://127.0.0.1:" + down + ",127.0.0.1:" + proxy.port() + "/" + db())) {
            served.add(served(c));
        }
        try (Connection c = connect("mariadb:sequential://127.0.0.1:" + down + ",127.0.0.1:" + proxy.port() + "/"
                + DB.database())) {
            served.add(served(c));
        }
        check(served);
        assertTrue(served.stream().allMatch(s -> s.port() == proxy.port()), served::toString);
        // the CONNECT events too
        List<JsonNode> connects = log.all().stream()
                .filter(e -> e.at("/clientAuditFields/executeMethod").asText().equals("connect")).toList();
        assertEquals(2, connects.size());
        for (int i = 0; i < 2; i++) {
            assertRanOn(served.get(i), connects.get(i));
        }
    }

    @Test
    void theAddressFormAndAnIpv6HostAreReadAsHostAndPort() throws SQLException {
        List<Served> served = new ArrayList<>();
        try (Connection c = connect("mysql://address=(host=127.0.0.1)(port=" + proxy.port() + ")(useSSL=false)/"
                + db())) {
            served.add(served(c));
        }
        try (Connection c = connect("mysql://(host=127.0.0.1,port=" + proxy.port() + ")/" + db())) {
            served.add(served(c));
        }
        check(served);
        // IPv4-mapped IPv6: an IPv6 URL form that reaches the IPv4-only local server
        try (Connection c = connect("mysql://[::ffff:127.0.0.1]:" + DB.port() + "/" + db())) {
            Served s = served(c);
            JsonNode event = probes().get(2);
            assertEquals(Long.toString(s.threadId()), event.path("sessionId").asText());
            assertEquals(DB.port(), event.path("serverPort").asInt());
            assertEquals("::ffff:127.0.0.1", event.path("serverHost").asText(), event::toString);
        }
    }

    @Test
    void autoReconnectAfterTheServerKilledTheSessionReportsTheNewSession() throws Exception {
        List<Served> ok = new ArrayList<>();
        try (Connection c = connect("mysql://127.0.0.1:" + proxy.port() + "/" + db() + "&autoReconnect=true")) {
            ok.add(served(c));
            DB.execute("KILL " + ok.get(0).threadId());
            int failures = 0;
            while (ok.size() < 2) {
                try {
                    ok.add(served(c));
                } catch (SQLException e) {
                    assertTrue(++failures < 3, "autoReconnect did not reconnect: " + e);
                }
            }
            ok.add(served(c));
        }
        assertNotEquals(ok.get(0).threadId(), ok.get(1).threadId(), "the server gave a new session");
        List<JsonNode> events = probes();
        List<JsonNode> succeeded = events.stream().filter(e -> e.path("exitCode").asInt() == 0).toList();
        assertEquals(3, succeeded.size(), events::toString);
        for (int i = 0; i < 3; i++) {
            assertRanOn(ok.get(i), succeeded.get(i));
        }
        for (JsonNode failed : events) {
            if (failed.path("exitCode").asInt() != 0) {
                assertEquals(Long.toString(ok.get(0).threadId()), failed.path("sessionId").asText(),
                        "a statement that lost the killed session ran on it: " + failed);
            }
        }
    }

    @Test
    void loadBalancingMovesAtTransactionEndsAndEventsFollow() throws SQLException {
        List<Served> served = new ArrayList<>();
        try (Connection c = connect("mysql:loadbalance://127.0.0.1:" + proxy.port() + ",127.0.0.1:" + DB.port() + "/"
                + db())) {
            c.setAutoCommit(false);
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < 40 && (ports.size() < 2 || i < 6); i++) {
                Served s = served(c);
                served.add(s);
                ports.add(s.port());
                c.commit();
            }
            assertEquals(2, ports.size(), "random balancing used both hosts in 40 transactions: " + served);
        }
        check(served);
    }

    @Test
    void replicationMovesOnSetReadOnly() throws SQLException {
        List<Served> served = readOnlyAndBack("mysql:replication://127.0.0.1:" + DB.port() + ",127.0.0.1:"
                + proxy.port() + "/" + db());
        assertNotEquals(served.get(0).threadId(), served.get(1).threadId());
    }

    @Test
    void mariaDbReplicationMovesOnSetReadOnly() throws SQLException {
        readOnlyAndBack("mariadb:replication://127.0.0.1:" + DB.port() + ",127.0.0.1:" + proxy.port() + "/"
                + DB.database());
    }

    /** A replication URL (source direct, replica through the proxy) serves a statement, read-only, and again. */
    private List<Served> readOnlyAndBack(String url) throws SQLException {
        List<Served> served = new ArrayList<>();
        try (Connection c = connect(url)) {
            served.add(served(c));
            c.setReadOnly(true);
            served.add(served(c));
            c.setReadOnly(false);
            served.add(served(c));
        }
        check(served);
        assertEquals(List.of(DB.port(), proxy.port(), DB.port()), served.stream().map(Served::port).toList());
        return served;
    }

    @Test
    void mariaDbSequentialFailsOverWhenItsHostIsCutAndEventsFollow() throws Exception {
        List<Served> served = new ArrayList<>();
        try (Connection c = connect("mariadb:sequential://127.0.0.1:" + proxy.port() + ",127.0.0.1:" + DB.port() + "/"
                + DB.database())) {
            served.add(served(c));
            proxy.refuse().cutAllConnections();
            int failures = 0;
            while (served.size() < 3) {
                try {
                    served.add(served(c)); // the driver reconnects to the second host, and may re-run it there
                } catch (SQLException e) {
                    assertTrue(++failures < 3, "the connection did not fail over: " + e);
                }
            }
        }
        assertEquals(List.of(proxy.port(), DB.port(), DB.port()), served.stream().map(Served::port).toList());
        List<JsonNode> events = probes().stream().filter(e -> e.path("exitCode").asInt() == 0).toList();
        assertEquals(3, events.size(), events::toString);
        for (int i = 0; i < 3; i++) {
            assertRanOn(served.get(i), events.get(i));
        }
    }

    @Test
    void connectorJFailoverAndItsReturnToThePrimaryAreFollowed() throws Exception {
        List<Served> served = new ArrayList<>();
        try (Connection c = connect("mysql://127.0.0.1:" + proxy.port() + ",127.0.0.1:" + DB.port() + "/" + db()
                + "&queriesBeforeRetrySource=3&secondsBeforeRetrySource=0")) {
            served.add(served(c));
            proxy.cutAllConnections(); // the primary's session ends; the proxy still accepts new ones
            int failures = 0;
            while (served.size() < 8) {
                try {
                    served.add(served(c));
                } catch (SQLException e) {
                    assertTrue(++failures < 3, "the connection did not fail over: " + e);
                }
            }
        }
        List<Integer> ports = served.stream().map(Served::port).toList();
        assertEquals(proxy.port(), ports.get(0));
        assertTrue(ports.contains(DB.port()), "failed over to the second host: " + served);
        assertEquals(proxy.port(), ports.get(ports.size() - 1), "went back to the primary: " + served);
        List<JsonNode> events = probes().stream().filter(e -> e.path("exitCode").asInt() == 0).toList();
        assertEquals(served.size(), events.size(), events::toString);
        for (int i = 0; i < served.size(); i++) {
            assertRanOn(served.get(i), events.get(i)); // including the last one on the second host
        }
    }

    @Test
    void aWrapperBetweenThisDriverAndTheTargetIsSeenThrough() throws SQLException {
        List<Served> served = new ArrayList<>();
        try (Connection c = connect("p6spy:mysql://127.0.0.1:" + proxy.port() + "/" + db())) {
            served.add(served(c));
        }
        try (Connection c = connect("p6spy:mariadb://127.0.0.1:" + proxy.port() + "/" + DB.database())) {
            served.add(served(c));
        }
        check(served);
    }

    @Test
    void dnsSrvUrlsAreAcceptedAndTheHostThatServedIsReported() throws Exception {
        int down = FreePorts.find();
        List<Served> served = new ArrayList<>();
        String before = System.getProperty("java.naming.provider.url");
        try (SrvDns dns = new SrvDns(new SrvDns.Srv(0, 0, down, "127.0.0.1"),
                new SrvDns.Srv(10, 0, proxy.port(), "127.0.0.1"))) {
            System.setProperty("java.naming.provider.url", dns.providerUrl()); // where JNDI's DNS asks
            for (String scheme : new String[] {"mysql+srv", "mysql+srv:loadbalance"}) {
                try (Connection c = connect(scheme + "://_mysql._tcp.h11.test/" + db())) {
                    served.add(served(c));
                }
            }
        } finally {
            if (before == null) {
                System.clearProperty("java.naming.provider.url");
            } else {
                System.setProperty("java.naming.provider.url", before);
            }
        }
        check(served);
        assertTrue(served.stream().allMatch(s -> s.port() == proxy.port()), served::toString);
    }
}
