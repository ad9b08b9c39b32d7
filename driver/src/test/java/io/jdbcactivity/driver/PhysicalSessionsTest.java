package io.jdbcactivity.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.SessionProbe;
import io.jdbcactivity.fixtures.H2Databases;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The probe finds the server thread id of the physical connection through HikariCP's proxies
 * ({@code isWrapperFor}/{@code unwrap}), for both MySQL drivers, checked against the session's
 * own {@code CONNECTION_ID()}; and reads nothing it cannot.
 */
class PhysicalSessionsTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private static final ConnectionContext UNREAD = new ConnectionContext("c", null, null, null, "url-host", 1,
            null, null, null, null);

    private static long connectionId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void hikariProxiesAreSeenThroughForBothMySqlDrivers() throws SQLException {
        for (String url : new String[] {DB.jdbcUrl(), "jdbc:mariadb://" + DB.host() + ":" + DB.port() + "/" + DB.database()}) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(DB.user());
            config.setPassword(DB.password());
            config.setMaximumPoolSize(1);
            try (HikariDataSource pool = new HikariDataSource(config); Connection c = pool.getConnection()) {
                SessionProbe probe = PhysicalSessions.probe(c, TargetUrl.parse(url), null);
                assertNotNull(probe, url);
                ConnectionContext read = probe.reread(UNREAD);
                assertEquals(Long.toString(connectionId(c)), read.sessionId(), url);
                assertEquals(DB.host(), read.serverHost(), url);
                assertEquals(DB.port(), read.serverPort(), url);
                assertSame(read, probe.reread(read), "nothing moved: the same context, nothing built");
            }
        }
    }

    @Test
    void aDriverWithNoSessionIdHasNoProbe() throws SQLException {
        String url = H2Databases.url();
        try (Connection c = DriverManager.getConnection(url)) {
            assertNull(PhysicalSessions.probe(c, TargetUrl.parse(url), null));
        }
    }
}
