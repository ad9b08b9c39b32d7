package io.jdbcactivity.capture;

/**
 * Reads which physical connection — server thread id, host and port — a target connection runs
 * on now, from the target driver's own memory: never a round trip. A reconnecting, load-balanced,
 * replicated or failing-over connection changes physical connection under the application, and
 * events must name the one that ran each statement. The connection wrapper asks only at the moments
 * the target can have moved (see {@code ActivityConnection}): after a connection error, at a
 * transaction end or {@code setReadOnly} when {@link #multiHost()}, and on every statement only
 * where {@link #watch} asks for it, which it never does on a healthy single-host connection.
 * Implemented per target driver in the driver package ({@code PhysicalSessions}); used by one
 * application thread at a time, like its connection.
 */
public interface SessionProbe {
    /** Re-read before every statement: the target moves right after a statement (Connector/J's return to its primary host). */
    int BEFORE_EACH = 1;
    /** Re-read after every statement, for that statement: the target moves during one (MariaDB Connector/J's HA modes re-run it on another host). */
    int AFTER_EACH = 2;

    /** {@code current} with the physical connection's session id, host and port as they are now; {@code current} itself when unchanged. Never throws. */
    ConnectionContext reread(ConnectionContext current);

    /** Which re-reads every statement needs while connected as {@code current} says ({@link #BEFORE_EACH}, {@link #AFTER_EACH}); 0 on a healthy connection. */
    int watch(ConnectionContext current);

    /** Whether the target can move at commit, rollback, setAutoCommit and setReadOnly: multi-host URLs. */
    boolean multiHost();
}
