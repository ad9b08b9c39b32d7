package io.jdbcactivity.capture;

import io.jdbcactivity.analyze.QuoteRule;

/**
 * Who and where a connection talks to. Immutable: a change (setCatalog, setSchema, another physical
 * connection behind the same JDBC connection) makes a new one, so a capture taken earlier keeps
 * describing the state it ran in.
 *
 * @param connectionId   our own id, unique across JVMs; also the Kinesis partition key
 * @param sessionId      the server's connection (thread) id of the physical connection, null when the driver does not expose it
 * @param serverHost     the host of the physical connection when the driver tells it, else the URL's first host
 * @param serverPort     -1 when unknown
 * @param driver         class name of the target JDBC driver
 * @param quoteRule      how the server reads quotes in this connection's SQL (its kind and, for the
 *                       MySQL family, its session's sql_mode): what the analyzer lexes its texts with
 */
public record ConnectionContext(String connectionId, String sessionId, String database, String user,
        String serverHost, int serverPort, String serverType, String serverVersion, String application,
        String driver, QuoteRule quoteRule) {

    /** A context of a connection read as MySQL reads SQL by default. */
    public ConnectionContext(String connectionId, String sessionId, String database, String user,
            String serverHost, int serverPort, String serverType, String serverVersion, String application,
            String driver) {
        this(connectionId, sessionId, database, user, serverHost, serverPort, serverType, serverVersion, application,
                driver, QuoteRule.MYSQL);
    }

    public ConnectionContext withDatabase(String newDatabase) {
        return new ConnectionContext(connectionId, sessionId, newDatabase, user, serverHost, serverPort, serverType,
                serverVersion, application, driver, quoteRule);
    }

    /** The same connection after its session changed how it reads quotes ({@code SET sql_mode}). */
    public ConnectionContext withQuoteRule(QuoteRule newRule) {
        return new ConnectionContext(connectionId, sessionId, database, user, serverHost, serverPort, serverType,
                serverVersion, application, driver, newRule);
    }

    /** The same connection on another physical connection: after a reconnect, failover or load-balancing switch. */
    public ConnectionContext withSession(String newSessionId, String newServerHost, int newServerPort) {
        return new ConnectionContext(connectionId, newSessionId, database, user, newServerHost, newServerPort,
                serverType, serverVersion, application, driver, quoteRule);
    }
}
