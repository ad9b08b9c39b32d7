package io.jdbcactivity.jdbc;

import io.jdbcactivity.fixtures.GeneralLog;
import io.jdbcactivity.fixtures.MariaDbServer;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared {@link GeneralLog} (MariaDB's own record of what it received, switched on and off
 * safely among the JVMs that use it at once) held for a test class, read by one connection's
 * server thread id. Register it after the server:
 *
 * <pre>{@code @RegisterExtension @Order(1) static final MariaDbServer DB = new MariaDbServer();
 * @RegisterExtension @Order(2) static final GeneralLogRows SERVER_LOG = new GeneralLogRows(DB);}</pre>
 */
final class GeneralLogRows implements BeforeAllCallback, AfterAllCallback {
    private final MariaDbServer server;
    private GeneralLog log;

    GeneralLogRows(MariaDbServer server) {
        this.server = server;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        log = GeneralLog.on(server);
    }

    /** Every row of connection {@code threadId} since the class began, in the server's order. */
    List<GeneralLog.Row> rows(long threadId) throws SQLException {
        return log.rows(List.of(threadId));
    }

    /** The texts of the statements connection {@code threadId} ran: its Query and Execute rows. */
    List<String> statements(long threadId) throws SQLException {
        return rows(threadId).stream().filter(r -> r.commandType().equals("Query") || r.commandType().equals("Execute"))
                .map(GeneralLog.Row::argument).toList();
    }

    /** Its Query rows only (what a text statement sent). */
    List<String> queries(long threadId) throws SQLException {
        return rows(threadId).stream().filter(r -> r.commandType().equals("Query")).map(GeneralLog.Row::argument)
                .toList();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (log != null) {
            log.close();
        }
    }
}
