package io.jdbcactivity.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HikariCP configured with nothing but the jdbc:activity: URL. */
class HikariPoolTest {
    @RegisterExtension
    static final MariaDbServer DB = new MariaDbServer();

    private final EventLog log = EventLog.create();

    @AfterEach
    void tearDown() throws Exception {
        log.close();
    }

    @Test
    void aPoolConfiguredOnlyByUrlIsCaptured() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:activity:" + DB.jdbcUrl().substring(5) + "&" + log.urlOptions());
        config.setUsername(DB.user());
        config.setPassword(DB.password());
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            for (int i = 0; i < 10; i++) {
                try (Connection c = ds.getConnection();
                        PreparedStatement p = c.prepareStatement("SELECT ? + 1")) {
                    assertTrue(c.isWrapperFor(ActivityConnection.class));
                    p.setInt(1, i);
                    try (ResultSet rs = p.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(i + 1, rs.getInt(1));
                    }
                }
            }
        }
        List<JsonNode> events = log.all();
        long selects = events.stream().filter(e -> e.get("command").asText().equals("SELECT")
                && e.get("commandText").asText().equals("SELECT ? + ?")).count();
        assertEquals(10, selects, events::toString);
        long connects = events.stream().filter(e -> e.get("command").asText().equals("CONNECT")).count();
        long disconnects = events.stream().filter(e -> e.get("command").asText().equals("DISCONNECT")).count();
        assertTrue(connects >= 1, "the pool's physical connections: " + connects);
        assertEquals(connects, disconnects, "closing the pool closes every physical connection");
    }
}
