package io.jdbcactivity.capture;

/** What produced an activity: one of the three statement interfaces, or the connection itself. */
public enum StatementKind {
    STATEMENT, PREPARED, CALLABLE, CONNECTION
}
