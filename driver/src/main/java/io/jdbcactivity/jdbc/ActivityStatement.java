package io.jdbcactivity.jdbc;

import io.jdbcactivity.allowlist.Allowlist;
import io.jdbcactivity.analyze.DigestCache;
import io.jdbcactivity.capture.BatchCounts;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.Results;
import io.jdbcactivity.capture.StatementKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * Wraps a target {@link Statement}: one capture per execution. A capture whose execution returned
 * a result set stays open ("pending") until the application closes that result set, the
 * statement runs again or closes, or the connection closes, so it can carry the rows the
 * application actually read. An execution that may have further results (a multi-statement
 * text, a {@code CALL}: see {@link MoreResults}) stays open until the application has walked them
 * with {@code getMoreResults}, so each statement's event carries its own result; the same
 * statement, connection and close rules end it if the application never does. Subclasses wrap
 * prepared and callable statements and reuse the helpers here.
 */
public class ActivityStatement implements Statement {
    final ActivityConnection connection;
    final Statement delegate;
    /** Claims {@link #pending} atomically: the application thread and a thread closing the connection may race for it. */
    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(ActivityStatement.class, "pending", Capture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The execution whose result set is still open, if any. Volatile and taken only by a
     * compare-and-set ({@link #finishPending}): besides the application thread, a thread closing
     * or aborting the connection finishes it, and exactly one of them may hand it over.
     */
    private volatile Capture pending;
    /** Whether the connection lists this statement among those to finish when it closes. */
    private boolean registered;
    /** Wrapper of the delegate's current result set, so repeated getResultSet() calls return the same object. */
    private ActivityResultSet current;
    /** SQL of each addBatch(String), for the batch's capture; cleared with the batch. */
    private ArrayList<String> batchSql;

    ActivityStatement(ActivityConnection connection, Statement delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    StatementKind kind() {
        return StatementKind.STATEMENT;
    }

    /** The SQL fixed at prepare time; null for a plain statement, whose SQL comes with each call. */
    String preparedSql() {
        return null;
    }

    // ---- capture helpers (shared with the prepared and callable wrappers) ----

    /**
     * Begins an execution: the previous one's result set is implicitly closed by JDBC, so its
     * capture ends. In protect mode a text the allowlist does not hold is refused here, before
     * it reaches the target driver.
     */
    final Capture start(String method, String sql) throws SQLException {
        Allowlist list = connection.allowlist;
        if (list != null && list.protect() && sql != null) {
            // checked before the capture begins: a refused text is no transaction boundary
            String digest = checked(list, sql);
            if (digest != null) {
                refuse(refusedCapture(method, sql, list), list, digest);
            }
        }
        return open(method, sql);
    }

    /**
     * {@link #unlisted}, never throwing: a text whose digest cannot be computed cannot be checked,
     * and protect mode refuses what it cannot check (fail closed), the failure counted.
     */
    private String checked(Allowlist list, String sql) {
        try {
            return unlisted(list, sql);
        } catch (Throwable t) {
            connection.captureFailed(t);
            return Allowlist.UNCHECKABLE;
        }
    }

    private Capture refusedCapture(String method, String sql, Allowlist list) {
        finishPending();
        Capture c = connection.beginRefused(kind(), method, sql);
        if (c != null) {
            c.allowlist = list;
        }
        return c;
    }

    /** Begins the capture of an execution, unchecked. */
    private Capture open(String method, String sql) {
        finishPending();
        Capture c = connection.begin(kind(), method, sql);
        if (c != null) {
            c.allowlist = connection.allowlist; // the publisher flags what it does not list
        }
        return c;
    }

    /**
     * The first digest of {@code sql}'s statements the list does not hold, or null: every
     * statement of a multi-statement text must be listed. Cached per text for every connection
     * ({@link DigestCache}); a prepared statement answers for its own text once.
     */
    String unlisted(Allowlist list, String sql) {
        return list.firstUnlisted(DigestCache.shared().digests(sql, connection.context().quoteRule()));
    }

    /**
     * Refuses an execution: the application gets a {@code 42000} naming the list and the digest;
     * the event says the refusal (its error, {@code refused}, the risk {@code UNLISTED_STATEMENT}).
     * Not an error of the connection's: nothing of the physical connection is looked at again.
     */
    private void refuse(Capture c, Allowlist list, String digest) throws SQLException {
        SQLException refusal = list.refusal(digest);
        if (c != null) {
            c.refused = true;
            c.error = refusal;
            connection.finish(c);
        }
        throw refusal;
    }

    /** The execution produced a result set: keep the capture open until the result set is done. */
    final ResultSet query(Capture c, ResultSet rs) {
        if (rs == null) {
            connection.finish(c);
            return null;
        }
        ActivityResultSet wrapper = new ActivityResultSet(rs, this, c);
        current = wrapper;
        if (c != null) {
            c.endNanos = System.nanoTime();
            c.rowsReturned = 0;
            hold(c); // last: nothing after it may fail and finish c a second time through failed()
        }
        return wrapper;
    }

    final int updated(Capture c, int count) {
        if (c != null) {
            c.rowsAffected = count;
            updateCountDone(c);
        }
        return count;
    }

    final long updated(Capture c, long count) {
        if (c != null) {
            c.rowsAffected = count;
            updateCountDone(c);
        }
        return count;
    }

    /** The first result was an update count: the capture ends, unless the text's later statements may follow. */
    private void updateCountDone(Capture c) {
        if (moreAfterUpdateCount(c)) {
            c.endNanos = System.nanoTime();
            hold(c);
        } else {
            connection.finish(c);
        }
    }

    /** Whether results may follow an update count of {@code c}'s execution: only in a text of several statements. */
    boolean moreAfterUpdateCount(Capture c) {
        return MoreResults.afterUpdateCount(c.sql);
    }

    /** Whether results may follow a result set of {@code c}'s execution: several statements, or a CALL. */
    boolean moreAfterResultSet(Capture c) {
        return MoreResults.afterResultSet(c.sql);
    }

    /** execute(): a result set waits for its reader; an update count is read now and the capture ends. */
    final boolean executed(Capture c, boolean hasResultSet) {
        if (c == null) {
            return hasResultSet;
        }
        c.endNanos = System.nanoTime();
        if (hasResultSet) {
            c.rowsReturned = 0;
            hold(c);
        } else {
            try {
                c.rowsAffected = delegate.getUpdateCount();
            } catch (Throwable t) {
                connection.captureFailed(t);
            }
            updateCountDone(c);
        }
        return hasResultSet;
    }

    final void failed(Capture c, Throwable error) {
        connection.fail(c, error);
    }

    /**
     * Keeps {@code c} open until its result set is done. A connection that is closing (another
     * thread called {@code close} or {@code abort}) may already have finished the executions it
     * found pending: so the hold is published first (a volatile write), then the connection's
     * closing flag is read, which it sets before it looks (see
     * {@code ActivityConnection.finishAllPending}). Of the two threads at least one sees the
     * other, and the compare-and-set in {@link #finishPending} lets exactly one hand {@code c}
     * over. Costs one volatile write and one volatile read per execution with a result set; no
     * lock.
     */
    private void hold(Capture c) {
        pending = c;
        if (!registered) {
            registered = true;
            connection.addPending(this);
        }
        if (connection.isClosing()) {
            finishPending(); // nothing will close this result set's execution any more: end it now
        }
    }

    /** Ends the pending capture, if any, with the rows read so far. Never throws; safe from any thread. */
    final void finishPending() {
        Capture c = pending;
        if (c != null && PENDING.compareAndSet(this, c, null)) {
            connection.finish(c);
        }
    }

    /**
     * Called by a result set wrapper when the application closes it: its execution ends, unless
     * more results may follow (they end it when the application has walked them).
     */
    final void resultSetClosed(ActivityResultSet rs) {
        Capture c = rs.capture;
        if (c != null && c == pending && !moreAfterResultSet(c)) {
            finishPending();
        }
        if (current == rs) {
            current = null;
        }
    }

    // ---- batches ----

    /**
     * Starts the capture of a batch of {@code size} entries. In protect mode every entry of a plain
     * batch must be listed (a prepared batch: its one text), else none runs: the target's batch is
     * cleared, as an executed batch is, so no later call sends what was refused.
     */
    final Capture startBatch(String method, String sql, int size) throws SQLException {
        String[] entries = batchSql == null || batchSql.isEmpty() ? null : batchSql.toArray(new String[0]);
        Allowlist list = connection.allowlist;
        String digest = null;
        if (list != null && list.protect()) {
            // checked before the capture begins: a refused batch is no transaction boundary
            digest = sql != null ? checked(list, sql) : null;
            for (int i = 0; digest == null && entries != null && i < entries.length; i++) {
                digest = checked(list, entries[i]);
            }
        }
        Capture c = digest != null ? refusedCapture(method, sql, list) : open(method, sql);
        if (c != null) {
            c.batchSize = size;
            c.batchSql = entries;
            fillBatch(c);
        }
        clearBatchState();
        if (digest != null) {
            try {
                delegate.clearBatch();
            } catch (Throwable t) {
                connection.captureFailed(t);
            }
            refuse(c, list, digest);
        }
        return c;
    }

    /**
     * Rows affected by a batch: the sum of the counts, or unknown when an entry's count is
     * (SUCCESS_NO_INFO: never summed as 0); what the counts leave unsaid goes on the capture.
     */
    final int[] batched(Capture c, int[] counts) {
        if (c != null && counts != null) {
            try {
                BatchCounts.record(c, counts);
            } catch (Throwable t) {
                connection.captureFailed(t);
            }
            connection.finish(c);
        }
        return counts;
    }

    final long[] batched(Capture c, long[] counts) {
        if (c != null && counts != null) {
            try {
                BatchCounts.record(c, counts);
            } catch (Throwable t) {
                connection.captureFailed(t);
            }
            connection.finish(c);
        }
        return counts;
    }

    /** A failed batch: the counts of the entries that ran, when the driver says. */
    final void batchFailed(Capture c, Throwable error) {
        if (c != null && error instanceof BatchUpdateException b) {
            try {
                long[] large = b.getLargeUpdateCounts();
                if (large != null) {
                    BatchCounts.record(c, large);
                }
            } catch (Throwable t) {
                connection.captureFailed(t);
            }
        }
        failed(c, error);
    }

    /** Adds what a subclass knows of the batch's rows (a prepared statement: their parameters). */
    void fillBatch(Capture c) {
    }

    int batchSize() {
        return batchSql == null ? 0 : batchSql.size();
    }

    void clearBatchState() {
        if (batchSql != null) {
            batchSql.clear();
        }
    }

    // ---- executions ----
    // Each overload spells out start / delegate / end instead of passing a lambda: a capturing
    // lambda would allocate on every execution, and this is the application's hot path.

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        Capture c = start("executeQuery", sql);
        try {
            return query(c, delegate.executeQuery(sql));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        Capture c = start("executeUpdate", sql);
        try {
            return updated(c, delegate.executeUpdate(sql));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        Capture c = start("executeUpdate", sql);
        try {
            return updated(c, delegate.executeUpdate(sql, autoGeneratedKeys));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        Capture c = start("executeUpdate", sql);
        try {
            return updated(c, delegate.executeUpdate(sql, columnIndexes));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        Capture c = start("executeUpdate", sql);
        try {
            return updated(c, delegate.executeUpdate(sql, columnNames));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        Capture c = start("executeLargeUpdate", sql);
        try {
            return updated(c, delegate.executeLargeUpdate(sql));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        Capture c = start("executeLargeUpdate", sql);
        try {
            return updated(c, delegate.executeLargeUpdate(sql, autoGeneratedKeys));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        Capture c = start("executeLargeUpdate", sql);
        try {
            return updated(c, delegate.executeLargeUpdate(sql, columnIndexes));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        Capture c = start("executeLargeUpdate", sql);
        try {
            return updated(c, delegate.executeLargeUpdate(sql, columnNames));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        Capture c = start("execute", sql);
        try {
            return executed(c, delegate.execute(sql));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        Capture c = start("execute", sql);
        try {
            return executed(c, delegate.execute(sql, autoGeneratedKeys));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        Capture c = start("execute", sql);
        try {
            return executed(c, delegate.execute(sql, columnIndexes));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        Capture c = start("execute", sql);
        try {
            return executed(c, delegate.execute(sql, columnNames));
        } catch (Throwable t) {
            failed(c, t);
            throw t;
        }
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        delegate.addBatch(sql);
        if (batchSql == null) {
            batchSql = new ArrayList<>();
        }
        batchSql.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        delegate.clearBatch();
        clearBatchState();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        Capture c = startBatch("executeBatch", preparedSql(), batchSize());
        try {
            return batched(c, delegate.executeBatch());
        } catch (Throwable t) {
            batchFailed(c, t);
            throw t;
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        Capture c = startBatch("executeLargeBatch", preparedSql(), batchSize());
        try {
            return batched(c, delegate.executeLargeBatch());
        } catch (Throwable t) {
            batchFailed(c, t);
            throw t;
        }
    }

    // ---- results and identity ----

    @Override
    public ResultSet getResultSet() throws SQLException {
        ResultSet rs = delegate.getResultSet();
        if (rs == null) {
            return null;
        }
        ActivityResultSet wrapper = current;
        if (wrapper == null || wrapper.delegate != rs) {
            wrapper = new ActivityResultSet(rs, this, pending);
            current = wrapper;
        }
        return wrapper;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        boolean hasResultSet;
        try {
            hasResultSet = delegate.getMoreResults();
        } catch (Throwable t) {
            nextResultFailed(t);
            throw t;
        }
        return moreResults(hasResultSet);
    }

    @Override
    public boolean getMoreResults(int mode) throws SQLException {
        boolean hasResultSet;
        try {
            hasResultSet = delegate.getMoreResults(mode);
        } catch (Throwable t) {
            nextResultFailed(t);
            throw t;
        }
        return moreResults(hasResultSet);
    }

    /**
     * The application moved to the next result: the execution is over when there is neither
     * another result set nor another update count; else the result is noted on the capture (its
     * update count now, a result set's rows as they are read), for the publisher to give each
     * statement of the text its own.
     */
    private boolean moreResults(boolean hasResultSet) throws SQLException {
        Capture c = pending;
        if (c == null) {
            return hasResultSet;
        }
        long count = hasResultSet ? -1 : delegate.getUpdateCount();
        if (!hasResultSet && count == -1) {
            finishPending();
            return false;
        }
        if (!c.sent) {
            try {
                Results r = results(c);
                if (hasResultSet) {
                    if (c.rowsReturned < 0) {
                        c.rowsReturned = 0; // the first result was an update count
                    }
                    r.addResultSet(c.rowsReturned);
                } else {
                    r.addUpdateCount(count);
                }
            } catch (Throwable t) {
                connection.captureFailed(t);
            }
        }
        return hasResultSet;
    }

    /**
     * Moving to the next result failed: the statement that result belonged to is the one that
     * failed (the server stops a text at its first error), every result walked before it was
     * handed over. Drivers that read a text's results eagerly (both MySQL drivers, unless
     * streaming) fail in the execute call instead, and no statement can be named.
     */
    private void nextResultFailed(Throwable t) {
        walkFailed(pending, t, false);
    }

    /**
     * Reading a result set of the pending execution failed: a streaming read's own error, or,
     * since Connector/J reads the next result's header at the end of a streaming result set, the
     * next statement's. The execution is over either way (the server stops at an error).
     */
    final void readFailed(ActivityResultSet rs, Throwable t) {
        walkFailed(rs.capture, t, true);
    }

    /** Ends the pending execution {@code c} with the error its results' walk met, noting where it met it. */
    private void walkFailed(Capture c, Throwable t, boolean whileReading) {
        if (c != null && c == pending && !c.sent) {
            try {
                Results r = results(c);
                if (whileReading) {
                    r.failedReading();
                } else {
                    r.failedAtNext();
                }
            } catch (Throwable x) {
                connection.captureFailed(x);
            }
            if (PENDING.compareAndSet(this, c, null)) {
                connection.fail(c, t);
                return;
            }
        }
        connection.lostIfGone(t);
    }

    /** The capture's results, starting with its first when this is the first time it has more than one. */
    private static Results results(Capture c) {
        Results r = c.results;
        if (r == null) {
            r = Results.startingWith(c);
            c.results = r;
        }
        return r;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        ResultSet rs = delegate.getGeneratedKeys();
        return rs == null ? null : new ActivityResultSet(rs, this, null); // keys are not rows the application read
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        finishPending();
        if (registered) {
            registered = false;
            connection.removePending(this);
        }
        delegate.close();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, delegate, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Wrappers.isWrapperFor(this, delegate, iface);
    }

    // ---- plain delegation ----

    @Override
    public void cancel() throws SQLException {
        delegate.cancel();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        delegate.closeOnCompletion();
    }

    @Override
    public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
        return delegate.enquoteIdentifier(identifier, alwaysQuote);
    }

    @Override
    public String enquoteLiteral(String val) throws SQLException {
        return delegate.enquoteLiteral(val);
    }

    @Override
    public String enquoteNCharLiteral(String val) throws SQLException {
        return delegate.enquoteNCharLiteral(val);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return delegate.getFetchDirection();
    }

    @Override
    public int getFetchSize() throws SQLException {
        return delegate.getFetchSize();
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return delegate.getLargeMaxRows();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return delegate.getLargeUpdateCount();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return delegate.getMaxFieldSize();
    }

    @Override
    public int getMaxRows() throws SQLException {
        return delegate.getMaxRows();
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return delegate.getQueryTimeout();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return delegate.getResultSetConcurrency();
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return delegate.getResultSetHoldability();
    }

    @Override
    public int getResultSetType() throws SQLException {
        return delegate.getResultSetType();
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return delegate.getUpdateCount();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return delegate.isCloseOnCompletion();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return delegate.isPoolable();
    }

    @Override
    public boolean isSimpleIdentifier(String identifier) throws SQLException {
        return delegate.isSimpleIdentifier(identifier);
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        delegate.setCursorName(name);
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        delegate.setEscapeProcessing(enable);
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        delegate.setFetchDirection(direction);
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        delegate.setFetchSize(rows);
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        delegate.setLargeMaxRows(max);
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        delegate.setMaxFieldSize(max);
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        delegate.setMaxRows(max);
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        delegate.setPoolable(poolable);
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        delegate.setQueryTimeout(seconds);
    }
}
