package io.jdbcactivity.jdbc;

import io.jdbcactivity.EventLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections to a test's MariaDB through the wrapper over either target driver — {@code mysql}
 * (Connector/J) or {@code mariadb} (MariaDB Connector/J) — with the target's own options, and the
 * target's connection underneath, for the questions a test asks the server without being audited.
 */
final class MariaDbTargets {
    private MariaDbTargets() {
    }

    /** A wrapped connection to {@code db} over {@code driver}, its events going to {@code log}. */
    static Connection connect(MariaDbServer db, EventLog log, String driver, String options) throws SQLException {
        Properties p = log.properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        String url = driver.equals("mysql") ? db.jdbcUrl() + "&" + options
                : "jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + db.database() + "?" + options;
        return DriverManager.getConnection("jdbc:activity:" + url.substring("jdbc:".length()), p);
    }

    /** The target driver's connection under a wrapped one: what runs on it is not audited. */
    static Connection target(Connection wrapped) throws SQLException {
        return wrapped.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)
                ? wrapped.unwrap(com.mysql.cj.jdbc.JdbcConnection.class) : wrapped.unwrap(org.mariadb.jdbc.Connection.class);
    }
}
