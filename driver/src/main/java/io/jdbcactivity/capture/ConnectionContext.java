package io.jdbcactivity.capture;

/**
 * Who and where a connection talks to. Immutable: a change (setCatalog, setSchema) makes a new
 * one, so a capture taken earlier keeps describing the state it ran in.
 *
 * @param connectionId   our own id, unique across JVMs; also the Kinesis partition key
 * @param sessionId      the server's connection (thread) id, null when the driver does not expose it
 * @param serverPort     -1 when unknown
 * @param driver         class name of the target JDBC driver
 */
public record ConnectionContext(String connectionId, String sessionId, String database, String user,
        String serverHost, int serverPort, String serverType, String serverVersion, String application,
        String driver) {

    public ConnectionContext withDatabase(String newDatabase) {
        return new ConnectionContext(connectionId, sessionId, newDatabase, user, serverHost, serverPort, serverType,
                serverVersion, application, driver);
    }
}
