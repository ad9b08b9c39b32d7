package io.jdbcactivity.jdbc;

import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * MariaDB's general query log ({@code mysql.general_log}) as the oracle of what the server
 * received on one connection (its thread id). The minimum of integration-tests'
 * {@code MariaDbGeneralLog} these tests need, until a shared fixture replaces both. The log is a
 * global setting: on for a test class, set back as it was after it. Register it after the server:
 *
 * <pre>{@code @RegisterExtension @Order(1) static final MariaDbServer DB = new MariaDbServer();
 * @RegisterExtension @Order(2) static final GeneralLogRows SERVER_LOG = new GeneralLogRows(DB);}</pre>
 */
final class GeneralLogRows implements BeforeAllCallback, AfterAllCallback {
    /** One row: {@code Connect}, {@code Query}, {@code Prepare}, {@code Execute}, {@code Quit}... */
    record Row(String commandType, String argument) {
    }

    private final MariaDbServer server;
    private int generalLogBefore;
    private String logOutputBefore;
    /** The server's clock when logging began: thread ids restart with the server, old rows are not ours. */
    private double since;

    GeneralLogRows(MariaDbServer server) {
        this.server = server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@global.general_log, @@global.log_output, UNIX_TIMESTAMP(NOW(6))")) {
            rs.next();
            generalLogBefore = rs.getInt(1);
            logOutputBefore = rs.getString(2);
            since = rs.getDouble(3) - 1;
            s.execute("SET GLOBAL log_output = 'TABLE'");
            s.execute("SET GLOBAL general_log = 1");
        }
    }

    /** Every row of connection {@code threadId} since logging began, in the server's order. */
    List<Row> rows(long threadId) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = admin(); PreparedStatement ps = c.prepareStatement("SELECT command_type,"
                + " CONVERT(argument USING utf8mb4) FROM mysql.general_log WHERE thread_id = ?"
                + " AND UNIX_TIMESTAMP(event_time) >= ?")) {
            ps.setLong(1, threadId);
            ps.setDouble(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return rows;
    }

    /** The texts of the statements connection {@code threadId} ran: its Query and Execute rows. */
    List<String> statements(long threadId) throws SQLException {
        return rows(threadId).stream().filter(r -> r.commandType().equals("Query") || r.commandType().equals("Execute"))
                .map(Row::argument).toList();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        try (Connection c = admin(); PreparedStatement off = c.prepareStatement("SET GLOBAL general_log = ?");
                PreparedStatement output = c.prepareStatement("SET GLOBAL log_output = ?")) {
            off.setInt(1, generalLogBefore);
            off.execute();
            output.setString(1, logOutputBefore);
            output.execute();
        }
    }

    /** A connection of the test's own, not the application's: its rows have another thread id. */
    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + server.host() + ":" + server.port()
                + "/?useSSL=false&allowPublicKeyRetrieval=true", server.user(), server.password());
    }
}
