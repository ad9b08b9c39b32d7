package io.jdbcactivity.capture;

/**
 * One execution (or connection event) as the application thread saw it: references and numbers
 * only, so taking it costs one small allocation and no parsing, formatting or I/O. The
 * application thread fills it, then hands it to the publisher through the queue (which publishes
 * the writes safely); after {@link #sent} it is never touched by the application thread again.
 *
 * <p>Fields are public because this is the hand-over record between two stages, not an API.
 */
public final class Capture {
    /**
     * Where it ran. Set at the start; replaced before the capture is sent when the statement turned
     * out to run on another physical connection (a reconnect during it: see {@code SessionProbe}).
     */
    public ConnectionContext context;
    public final StatementKind kind;
    /** The JDBC method, e.g. {@code executeQuery}, or for connection events {@code connect}, {@code commit}. */
    public final String method;
    /** The SQL as the application gave it (never copied); null for connection events. */
    public final String sql;
    /** Per-connection sequence, from 1, in execution order. */
    public final long sequence;
    /** Client transaction number within the connection. */
    public final long transactionId;
    public final boolean autoCommit;
    public final String thread;
    /** The id of the thread that made the capture (the application's), for in-process recorders. */
    public final long threadId = Thread.currentThread().getId();
    /** {@code System.nanoTime()} at start; the publisher turns it into wall-clock time. */
    public final long startNanos;

    public long endNanos;
    /** Rows inserted, updated or deleted; -1 when the execution reported none (or, for a batch, not all). */
    public long rowsAffected = -1;
    /**
     * Rows the application read with {@code next()}, over all the execution's result sets; -1 when
     * it produced none.
     */
    public long rowsReturned = -1;
    /** Every result of an execution that had more than one, as the application walked them; else null. */
    public Results results;
    /** Number of rows or statements in a batch; -1 when not a batch. */
    public int batchSize = -1;
    /** The SQL of each entry of a plain {@code Statement} batch. */
    public String[] batchSql;
    public Throwable error;
    /** Parameters of a prepared execution, as {@code activity.parameters} keeps them; null when none. */
    public Parameters.ParameterSet parameters;
    /** The parameters of a prepared batch's rows (consecutive rows of one shape as one run). */
    public BatchParameters.Rows batchParameters;
    /** What a batch's update counts left unknown (SUCCESS_NO_INFO, EXECUTE_FAILED); null when nothing. */
    public BatchCounts batchCounts;
    /**
     * Of a {@link StatementKind#DRIVER} call: its arguments as name, value, name, value… (names,
     * patterns, numbers, flags; never data); null otherwise.
     */
    public Object[] callArguments;
    /** Where the application issued it ({@code activity.callSite}); null when not taken. */
    public StackWalker.StackFrame callSite;
    /**
     * {@code activity.allowlist} of the connection, for a statement's capture: the publisher flags
     * what it does not list ({@code UNLISTED_STATEMENT}); null when none.
     */
    public io.jdbcactivity.allowlist.Allowlist allowlist;
    /** Protect mode refused the statement before it reached the database ({@link #error} says why). */
    public boolean refused;
    /** Set once the capture has been offered; later result-set reads no longer touch it. */
    public boolean sent;

    public Capture(ConnectionContext context, StatementKind kind, String method, String sql, long sequence,
            long transactionId, boolean autoCommit, String thread, long startNanos) {
        this.context = context;
        this.kind = kind;
        this.method = method;
        this.sql = sql;
        this.sequence = sequence;
        this.transactionId = transactionId;
        this.autoCommit = autoCommit;
        this.thread = thread;
        this.startNanos = startNanos;
    }

    /**
     * Characters of SQL this capture keeps alive while it waits in the queue, when they are worth
     * counting: a text over 1 KiB, or a batch's texts. Small texts are bounded by the queue's
     * capacity in captures; large ones by {@code activity.queue.maxSqlChars}, so a burst of 10 MB
     * statements cannot pin gigabytes.
     */
    public long largeSqlChars() {
        long n = sql != null && sql.length() > 1024 ? sql.length() : 0;
        if (batchSql != null) {
            for (String s : batchSql) {
                n += s.length();
            }
        }
        return n;
    }

    public long durationNanos() {
        return Math.max(0, endNanos - startNanos);
    }
}
