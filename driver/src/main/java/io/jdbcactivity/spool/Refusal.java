package io.jdbcactivity.spool;

/** Why {@link Spool#append} last returned -1. */
public enum Refusal {
    /** The frame would take the spool past its {@code maxBytes}: the caller's overflow policy decides. */
    FULL,
    /** Writing failed (a full disk, an I/O error): {@link Spool#lastError()} says which. */
    IO_ERROR,
    /** The key or the event is longer than a frame can hold. */
    TOO_LARGE,
    /** The spool is closed. */
    CLOSED
}
