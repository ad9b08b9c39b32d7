package io.jdbcactivity.capture;

/**
 * What produced an activity: one of the three statement interfaces, the connection itself, or a
 * JDBC call that makes the target driver run SQL of its own (metadata, session settings).
 */
public enum StatementKind {
    STATEMENT, PREPARED, CALLABLE, CONNECTION, DRIVER
}
