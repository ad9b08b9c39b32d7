package io.jdbcactivity.filter;

import io.jdbcactivity.analyze.Analysis;

/**
 * What the filters look at in one event.
 *
 * @param activityClass its class (READ, WRITE, …)
 * @param command       its command
 * @param statement     its analysed statement; null for connection events and driver calls without SQL
 * @param user          the connection's database user
 * @param application   {@code activity.application}, or null
 * @param failed        whether the execution failed
 * @param durationNanos how long it ran
 * @param connection    a connection event (open, close, commit, …): never filtered
 * @param connectionId  the connection's id, with {@code transactionId}: what sampling by transaction hashes
 * @param transactionId the transaction it ran in
 * @param database      the connection's database when it ran
 * @param statementFailed this statement's own outcome was a failure (its event's exitCode is not 0)
 * @param rowsAffected  its event's rowsAffected; -1 when unknown
 * @param rowsReturned  its event's rowsReturned; -1 when unknown
 * @param unlisted      its connection's allowlist does not hold its digest (the risk UNLISTED_STATEMENT)
 * @param sensitive     the risks of the sensitive columns it reads or writes (SENSITIVE_READ, SENSITIVE_WRITE)
 */
public record Facts(String activityClass, String command, Analysis.Statement statement, String user,
        String application, boolean failed, long durationNanos, boolean connection, String connectionId,
        long transactionId, String database, boolean statementFailed, long rowsAffected, long rowsReturned,
        boolean unlisted, java.util.List<String> sensitive) {

    /** Facts of a statement no sensitive column was looked for in. */
    public Facts(String activityClass, String command, Analysis.Statement statement, String user,
            String application, boolean failed, long durationNanos, boolean connection, String connectionId,
            long transactionId, String database, boolean statementFailed, long rowsAffected, long rowsReturned,
            boolean unlisted) {
        this(activityClass, command, statement, user, application, failed, durationNanos, connection, connectionId,
                transactionId, database, statementFailed, rowsAffected, rowsReturned, unlisted, java.util.List.of());
    }

    /** Facts of a statement no allowlist looked at. */
    public Facts(String activityClass, String command, Analysis.Statement statement, String user,
            String application, boolean failed, long durationNanos, boolean connection, String connectionId,
            long transactionId, String database, boolean statementFailed, long rowsAffected, long rowsReturned) {
        this(activityClass, command, statement, user, application, failed, durationNanos, connection, connectionId,
                transactionId, database, statementFailed, rowsAffected, rowsReturned, false);
    }

    /** Facts of an event whose outcome does not matter to the caller (filter tests). */
    public Facts(String activityClass, String command, Analysis.Statement statement, String user,
            String application, boolean failed, long durationNanos, boolean connection, String connectionId,
            long transactionId) {
        this(activityClass, command, statement, user, application, failed, durationNanos, connection, connectionId,
                transactionId, null, failed, -1, -1);
    }

    /** Never filtered nor sampled out: a connection event, a failure, or a statement with a risk flag. */
    boolean mustKeep() {
        return connection || failed || unlisted || !sensitive.isEmpty()
                || statement != null && !statement.risks().isEmpty();
    }
}
