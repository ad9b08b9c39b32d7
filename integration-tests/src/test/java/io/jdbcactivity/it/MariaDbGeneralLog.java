package io.jdbcactivity.it;

import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB's general query log, written to the table {@code mysql.general_log}: the server's own
 * record of every connection and statement it received, an oracle for what a client really ran.
 * The log is a global setting: it is switched on for the life of this object and set back as it
 * was on {@link #close()}. Rows are not deleted (the table may hold someone else's); they are
 * picked by the database the connections logged into and the time.
 */
final class MariaDbGeneralLog implements AutoCloseable {
    /** One row of the log: a thread's (connection's) {@code Connect}, {@code Query}, {@code Quit}... */
    record Row(long threadId, String commandType, String argument, double epochSeconds) {
    }

    private final MariaDbServer server;
    private final int generalLogBefore;
    private final String logOutputBefore;

    MariaDbGeneralLog(MariaDbServer server) throws SQLException {
        this.server = server;
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@global.general_log, @@global.log_output")) {
            rs.next();
            generalLogBefore = rs.getInt(1);
            logOutputBefore = rs.getString(2);
            s.execute("SET GLOBAL log_output = 'TABLE'");
            s.execute("SET GLOBAL general_log = 1");
        }
    }

    /** The server's clock, in seconds since the epoch: what {@link Row#epochSeconds} is measured against. */
    double now() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT UNIX_TIMESTAMP(NOW(6))")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /**
     * Every row, in the server's order, of the connections that logged into {@code database} at
     * or after {@code sinceEpochSeconds} (thread ids restart with the server: old rows are not theirs).
     */
    List<Row> connectionsTo(String database, double sinceEpochSeconds) throws SQLException {
        String sql = "SELECT thread_id, command_type, CONVERT(argument USING utf8mb4), UNIX_TIMESTAMP(event_time)"
                + " FROM mysql.general_log WHERE UNIX_TIMESTAMP(event_time) >= ? AND thread_id IN ("
                + "  SELECT thread_id FROM mysql.general_log WHERE command_type = 'Connect'"
                + "  AND UNIX_TIMESTAMP(event_time) >= ? AND CONVERT(argument USING utf8mb4) LIKE ?)";
        List<Row> rows = new ArrayList<>();
        try (Connection c = admin(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setDouble(1, sinceEpochSeconds);
            ps.setDouble(2, sinceEpochSeconds);
            ps.setString(3, "% on " + database + " %"); // "root@localhost on act_1234 using TCP/IP"
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4)));
                }
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin(); PreparedStatement off = c.prepareStatement("SET GLOBAL general_log = ?");
                PreparedStatement output = c.prepareStatement("SET GLOBAL log_output = ?")) {
            off.setInt(1, generalLogBefore);
            off.execute();
            output.setString(1, logOutputBefore);
            output.execute();
        }
    }

    /** A connection to no database in particular: its own Connect row names none, so it is never taken for the application's. */
    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + server.host() + ":" + server.port()
                + "/?useSSL=false&allowPublicKeyRetrieval=true", server.user(), server.password());
    }
}
