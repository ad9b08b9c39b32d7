package io.jdbcactivity.callsite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.Activity;
import io.jdbcactivity.fixtures.H2Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * activity.callSite: the application's frame (this test's, here: the package is not the
 * driver's), found through HikariCP's proxies; off by default, sampled by a share, turned on by a
 * listener that asks for it, and moved up by activity.callSite.skip. Events are read through
 * Activity.listen, the in-process tap.
 */
class CallSiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private AutoCloseable listening;

    @AfterEach
    void stopListening() throws Exception {
        if (listening != null) {
            listening.close();
        }
    }

    private void listen(boolean callSites) {
        listening = Activity.listen((thread, json) -> {
            try {
                events.add(JSON.readTree(json));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, callSites);
    }

    private List<JsonNode> statements() {
        assertTrue(Activity.awaitPublished(Duration.ofSeconds(10)));
        return events.stream().filter(e -> e.path("commandText").isTextual()).toList();
    }

    private static String site(JsonNode e) {
        JsonNode n = e.path("clientAuditFields").get("callSite");
        return n == null ? null : n.asText();
    }

    @Test
    void aStatementCarriesTheLineThatIssuedItThroughAPool() throws Exception {
        listen(false);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(H2Databases.activityUrl() + ";activity.sink=none;activity.callSite=true");
        config.setMaximumPoolSize(1);
        int line;
        try (HikariDataSource pool = new HikariDataSource(config); Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT ?")) {
            ps.setInt(1, 1);
            line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
        List<JsonNode> s = statements();
        assertEquals(1, s.size(), s.toString());
        assertEquals(CallSiteTest.class.getName() + ".aStatementCarriesTheLineThatIssuedItThroughAPool(CallSiteTest.java:"
                + line + ")", site(s.get(0)));
    }

    @Test
    void offByDefaultOnWhileAListenerAsks() throws Exception {
        listen(false);
        String url = H2Databases.activityUrl() + ";activity.sink=none";
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
        assertNull(site(statements().get(0)), "no call site unless asked");
        listening.close();
        events.clear();
        listen(true);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("SELECT 2");
        }
        String site = site(statements().get(0));
        assertTrue(site != null && site.startsWith(CallSiteTest.class.getName() + ".offByDefaultOnWhileAListenerAsks("),
                site);
        listening.close();
        listening = null;
        events.clear();
        listen(false);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("SELECT 3");
        }
        assertNull(site(statements().get(0)), "the last listener that asked is gone");
    }

    @Test
    void aShareTakesAboutThatShare() throws Exception {
        listen(false);
        try (Connection c = DriverManager.getConnection(H2Databases.activityUrl()
                + ";activity.sink=none;activity.callSite=0.25"); Statement st = c.createStatement()) {
            for (int i = 0; i < 2_000; i++) {
                st.execute("SELECT " + i);
            }
        }
        long taken = statements().stream().filter(e -> site(e) != null).count();
        // binomial(2000, 0.25): mean 500, sd 19.4; five standard deviations either side
        assertTrue(taken > 403 && taken < 597, "taken " + taken);
    }

    @Test
    void skippedPrefixesNameTheFrameAboveThem() throws Exception {
        listen(false);
        String url = H2Databases.activityUrl() + ";activity.sink=none;activity.callSite=true;activity.callSite.skip="
                + Repository.class.getName();
        try (Connection c = DriverManager.getConnection(url)) {
            new Repository(c).find();
        }
        String site = site(statements().get(0));
        assertTrue(site.startsWith(CallSiteTest.class.getName() + ".skippedPrefixesNameTheFrameAboveThem("), site);
        assertFalse(site.contains("Repository"), site);
    }

    @Test
    void anOptionThatDoesNotReadIsRefusedByName() {
        java.sql.SQLException e = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> DriverManager.getConnection(H2Databases.activityUrl() + ";activity.sink=none;activity.callSite=2"));
        assertEquals("HY024", e.getSQLState());
        assertTrue(e.getMessage().contains("activity.callSite"), e.getMessage());
    }

    /** An application's own data-access layer. */
    static final class Repository {
        private final Connection c;

        Repository(Connection c) {
            this.c = c;
        }

        void find() throws Exception {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT 42");
            }
        }
    }
}
