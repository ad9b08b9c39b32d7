package io.jdbcactivity.event;

/** Command and class of connection-level events, named after the JDBC method that caused them. */
final class ConnectionCommands {
    private ConnectionCommands() {
    }

    static String command(String method) {
        return switch (method) {
            case "connect" -> "CONNECT";
            case "close", "abort", "connectionLost" -> "DISCONNECT"; // connectionLost: the target driver closed it
            case "commit" -> "COMMIT";
            case "rollback" -> "ROLLBACK";
            case "rollbackToSavepoint" -> "ROLLBACK TO SAVEPOINT";
            case "setSavepoint" -> "SAVEPOINT";
            case "releaseSavepoint" -> "RELEASE SAVEPOINT";
            default -> method.toUpperCase(java.util.Locale.ROOT);
        };
    }

    static String activityClass(String method) {
        return switch (method) {
            case "connect", "close", "abort", "connectionLost" -> "CONNECT";
            default -> "MISC";
        };
    }
}
