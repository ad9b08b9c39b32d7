package io.jdbcactivity.event;

/** Command and class of connection-level events, named after the JDBC method that caused them. */
final class ConnectionCommands {
    private ConnectionCommands() {
    }

    static String command(String method) {
        return switch (method) {
            case "connect" -> "CONNECT";
            case "close", "abort", "connectionLost" -> "DISCONNECT"; // connectionLost: the target driver closed it
            case "commit", "setAutoCommit" -> "COMMIT"; // setAutoCommit is a connection event only when it commits
            case "rollback" -> "ROLLBACK";
            case "rollbackToSavepoint" -> "ROLLBACK TO SAVEPOINT";
            case "setSavepoint" -> "SAVEPOINT";
            case "releaseSavepoint" -> "RELEASE SAVEPOINT";
            case "xaStart" -> "XA START";
            case "xaEnd" -> "XA END";
            case "xaPrepare" -> "XA PREPARE";
            case "xaCommit" -> "XA COMMIT";
            case "xaRollback" -> "XA ROLLBACK";
            case "xaRecover" -> "XA RECOVER";
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
