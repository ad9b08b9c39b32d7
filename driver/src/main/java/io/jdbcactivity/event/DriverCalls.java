package io.jdbcactivity.event;

/**
 * Command and class of the events of JDBC calls that make the target driver run SQL of its own
 * ({@code statementKind} {@code DRIVER}), named after the call: the SQL text itself is the
 * driver's and differs between drivers and their versions, so the event names what the call
 * does rather than guess a text (see docs/reading.md for what Connector/J sends for each).
 */
final class DriverCalls {
    private DriverCalls() {
    }

    static String command(String method) {
        return switch (method) {
            case "setAutoCommit", "setTransactionIsolation", "setReadOnly" -> "SET";
            case "setCatalog", "setSchema" -> "USE";
            case "getTransactionIsolation" -> "SELECT";
            default -> "METADATA"; // DatabaseMetaData calls, a callable statement's parameter lookup
        };
    }

    static String activityClass(String method) {
        return switch (method) {
            case "setAutoCommit", "setTransactionIsolation", "setReadOnly", "setCatalog", "setSchema" -> "MISC";
            default -> "READ";
        };
    }
}
