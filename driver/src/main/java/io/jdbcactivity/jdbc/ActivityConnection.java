package io.jdbcactivity.jdbc;

import io.jdbcactivity.allowlist.Allowlist;
import io.jdbcactivity.analyze.QuoteRule;
import io.jdbcactivity.capture.CallSites;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.Parameters;
import io.jdbcactivity.capture.SessionProbe;
import io.jdbcactivity.capture.SessionEffects;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.capture.Transactions;
import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.config.Option;
import io.jdbcactivity.publish.Publisher;
import io.jdbcactivity.publish.Publishers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Wraps the target driver's connection. Creates the statement wrappers, numbers every activity of
 * the connection (sequence) and its client transactions, and emits the connection's own events
 * (connect, disconnect, commit, rollback, savepoints). Everything else is plain delegation.
 */
public final class ActivityConnection implements Connection {
    final Connection delegate;
    /**
     * Where captures go. Replaced only when it stopped under an open connection (another web
     * application called {@code ActivityDriver.deregister()}, say): see {@link #publisher(Capture)}.
     */
    private volatile Publisher publisher;
    /** What a replacement publisher is made of: this connection's own options. */
    private final ActivityOptions options;
    /**
     * The last parameter snapshot taken on this connection, offered to the next statement (see
     * {@code Parameters.snapshot}); a plain field: a connection is used by one thread at a time,
     * and a stale value is only a missed reuse, as the snapshot is immutable and checked first.
     */
    Parameters.ParameterSet recentParameters;
    /** Guards {@link #released} and the swap of {@link #publisher}: close and renewal may race. */
    private final Object publisherLock = new Object();
    private boolean released;
    private volatile ConnectionContext context;
    /** Reads the physical connection's session id, host and port; null when the target tells none. */
    private final SessionProbe probe;
    /**
     * Which re-reads of {@link #probe} the next statements need: {@link SessionProbe#BEFORE_EACH},
     * {@link SessionProbe#AFTER_EACH} (both while the probe asks to watch), {@link #AFTER_ERROR}.
     * 0 on a healthy connection, where a statement pays one read of this plain field and nothing
     * else. Written by the application thread; a close on another thread only reads it.
     */
    private int recheck;
    /** A statement failed: the next one may run on a reconnected or failed-over physical connection. */
    private static final int AFTER_ERROR = 4;
    /** Numbers the activities of the connection; shared by the handles of one XA connection. */
    private final AtomicLong sequence;
    /**
     * The client transaction in progress and the auto-commit mode, followed through the JDBC
     * calls and the SQL's own boundaries; a capture costs no driver call for them.
     */
    private final Transactions transactions;
    /**
     * The {@code USE} statement under way, if any: when it ends without an error, later events
     * carry its database. Compared by identity in {@link #finish}: one field read per capture.
     */
    private Capture pendingUse;
    /** Whether calls making the target driver run SQL of its own are published ({@code activity.driverStatements}). */
    private final boolean driverStatements;
    /** Whether and where the application's call site is taken ({@code activity.callSite}). */
    private final CallSites callSites;
    private ActivityDatabaseMetaData metaData;
    /**
     * Open statements that have ever held a capture waiting for its result set; their captures are
     * finished when the connection closes. A statement joins once and leaves when it closes, so a
     * pooled prepared statement costs no locking per execution.
     */
    private final List<ActivityStatement> pending = new ArrayList<>();
    /**
     * Set once {@code close} or {@code abort} begins, before the pending executions are finished:
     * a statement that holds an execution for its result set reads it afterwards and, when set,
     * finishes the execution itself (see {@code ActivityStatement.hold}). Volatile: this is what
     * lets a close on another thread and a query still returning meet without a lock.
     */
    private volatile boolean closing;
    /**
     * Set by whichever publishes the connection's end first — the application's close or abort,
     * or the target driver found to have closed the connection itself — so there is exactly one
     * DISCONNECT, whichever threads race.
     */
    private final AtomicBoolean ended = new AtomicBoolean();
    /**
     * The physical connection was lost while the target kept the logical one open (Connector/J's
     * {@code autoReconnect}): its DISCONNECT said that end. A statement that then succeeds runs on
     * a new physical connection, whose end the close must say again (the server logs its Quit).
     * Plain field: written and read by the thread using the connection.
     */
    private boolean lostWhileOpen;

    /** What prepared statements keep of their parameters ({@code activity.parameters}). */
    final Parameters.Mode parameterMode;

    /**
     * {@code activity.allowlist}, read when the connection opened; null when none. Each statement
     * capture carries it to the publisher (detect: the risk {@code UNLISTED_STATEMENT}); in protect
     * mode the statement wrappers check it before a text runs.
     */
    final Allowlist allowlist;

    /**
     * A logical handle of an XA connection ({@link ActivityXAConnection}): it shares the XA
     * connection's identity, numbering and transaction, and its opening and closing are no
     * events (the XA connection's are).
     */
    private final boolean handle;

    private ActivityConnection(Connection delegate, ConnectionContext context, SessionProbe probe,
            Publisher publisher, ActivityOptions options, AtomicLong sequence, Transactions transactions,
            boolean handle, Allowlist allowlist) {
        this.delegate = delegate;
        this.allowlist = allowlist;
        this.sequence = sequence;
        this.transactions = transactions;
        this.handle = handle;
        this.context = context;
        this.probe = probe;
        this.recheck = probe == null ? 0 : probe.watch(context);
        this.publisher = publisher;
        this.options = options;
        this.parameterMode = Parameters.Mode.of(options.get(Option.PARAMETERS));
        this.driverStatements = options.getBoolean(Option.DRIVER_STATEMENTS);
        this.callSites = new CallSites(options.get(Option.CALL_SITE), options.get(Option.CALL_SITE_SKIP));
    }

    /**
     * Wraps a new target connection and emits its CONNECT event.
     *
     * @param probe     reads which physical connection runs the statements (null: none can be read)
     * @param publisher acquired for this connection, which releases it when it closes
     * @param allowlist {@code activity.allowlist} as read for this connection; null when none
     */
    public static ActivityConnection open(Connection raw, ConnectionContext context, SessionProbe probe,
            Publisher publisher, long startNanos, ActivityOptions options, Allowlist allowlist) {
        boolean autoCommit;
        try {
            autoCommit = raw.getAutoCommit();
        } catch (SQLException e) {
            autoCommit = true; // the JDBC default
        }
        ActivityConnection c = new ActivityConnection(raw, context, probe, publisher, options, new AtomicLong(),
                new Transactions(autoCommit, Transactions.ddlCommits(context.serverType())), false, allowlist);
        try {
            long seq = c.sequence.incrementAndGet();
            Capture connect = new Capture(context, StatementKind.CONNECTION, "connect", null, seq, seq, autoCommit,
                    Thread.currentThread().getName(), startNanos);
            connect.callSite = c.callSites.take();
            c.finish(connect);
        } catch (Throwable t) {
            publisher.captureFailed(t);
        }
        return c;
    }

    /**
     * Wraps a logical handle of an XA connection: no CONNECT event, the XA connection's numbering
     * and transaction continue (see {@link ActivityXAConnection}).
     *
     * @param publisher acquired for this handle, which releases it when it closes
     */
    static ActivityConnection openHandle(Connection logical, ConnectionContext context, Publisher publisher,
            ActivityOptions options, AtomicLong sequence, Transactions transactions, Allowlist allowlist) {
        // the XA connection's context stands for its handles: XA data sources are single-host
        return new ActivityConnection(logical, context, null, publisher, options, sequence, transactions, true,
                allowlist);
    }

    public ConnectionContext context() {
        return context;
    }

    // ---- capture helpers used by the statement and result-set wrappers ----

    /**
     * Starts a capture; null if the capture path failed (the execution goes on uncaptured). The
     * SQL's first keywords are looked at here (a few nanoseconds, no allocation) because the
     * transaction it belongs to is stamped now: see {@link SessionEffects}.
     */
    Capture begin(StatementKind kind, String method, String sql) {
        try {
            if ((recheck & SessionProbe.BEFORE_EACH) != 0) {
                reread();
            }
            Transactions t = transactions;
            boolean ac = t.autoCommit(); // the mode the statement runs in, before it changes it
            long seq = sequence.incrementAndGet();
            int effect = SessionEffects.of(sql);
            long tx = t.stamp(seq, effect);
            Capture c = new Capture(context, kind, method, sql, seq, tx, ac, Thread.currentThread().getName(),
                    System.nanoTime());
            c.callSite = callSites.take();
            if (effect == SessionEffects.USE) {
                pendingUse = c;
            }
            return c;
        } catch (Throwable t) {
            publisher.captureFailed(t);
            return null;
        }
    }

    /**
     * Starts the capture of a JDBC call that may make the target driver run SQL of its own
     * (metadata, session settings; see docs/reading.md); null when such calls are not published
     * ({@code activity.driverStatements=false}) or the capture path failed. It joins the open
     * transaction but never begins one.
     *
     * @param arguments name, value, name, value…: the call's arguments that are names, patterns,
     *                  numbers or flags, never data (so nothing secret)
     */
    Capture beginDriverCall(String method, String sql, Object... arguments) {
        if (!driverStatements) {
            return null;
        }
        Capture c = beginJoined(StatementKind.DRIVER, method, sql);
        if (c != null) {
            c.callArguments = arguments.length == 0 ? null : arguments;
        }
        return c;
    }

    /**
     * Starts the capture of an execution protect mode refuses: it joins the open transaction but
     * changes nothing of the session — a refused COMMIT, BEGIN, DDL or SET autocommit never reached
     * the server, so it is no boundary. Null when the capture path failed.
     */
    Capture beginRefused(StatementKind kind, String method, String sql) {
        return beginJoined(kind, method, sql);
    }

    /** A capture that joins the open transaction and changes nothing of the session; null when the capture path failed. */
    private Capture beginJoined(StatementKind kind, String method, String sql) {
        try {
            long seq = sequence.incrementAndGet();
            Transactions t = transactions;
            Capture c = new Capture(context, kind, method, sql, seq, t.join(seq), t.autoCommit(),
                    Thread.currentThread().getName(), System.nanoTime());
            c.callSite = callSites.take();
            return c;
        } catch (Throwable t) {
            publisher.captureFailed(t);
            return null;
        }
    }

    /** Ends a capture now (if not ended yet) and hands it to the publisher. Never throws. */
    void finish(Capture c) {
        if (c == null || c.sent) {
            return;
        }
        try {
            if (c.endNanos == 0) {
                c.endNanos = System.nanoTime();
            }
            if (c == pendingUse) {
                used(c);
            }
            if (lostWhileOpen && c.error == null && c.kind != StatementKind.CONNECTION) {
                lostWhileOpen = false; // it ran: the target reconnected, and this connection lives on
                ended.set(false);
            }
            if (recheck > SessionProbe.BEFORE_EACH && c.kind != StatementKind.CONNECTION && !closing) {
                rereadAfter(c);
            }
            publisher(c).offer(c);
            if (c.sql != null && QuoteRules.maySetSqlMode(c.sql)) {
                followSqlMode();
            }
        } catch (Throwable t) {
            publisher.captureFailed(t);
        }
    }

    /**
     * After a {@code SET … sql_mode}: later statements are read with the quote rule the session
     * has now, as the target driver knows it from the server's reply (no round trip).
     */
    private void followSqlMode() {
        ConnectionContext now = context;
        QuoteRule rule = QuoteRules.of(delegate, now.serverType(), now.driver());
        if (rule != now.quoteRule()) {
            context = now.withQuoteRule(rule);
        }
    }

    /** A {@code USE} ended: after success, later events carry the database it selected. */
    private void used(Capture c) {
        pendingUse = null;
        if (c.error == null) {
            String db = SessionEffects.useTarget(c.sql);
            if (db != null) {
                context = context.withDatabase(db);
            }
        }
    }

    /** Ends a capture with the error the application is about to receive. */
    void fail(Capture c, Throwable error) {
        if (c != null && !c.sent) {
            c.error = error;
            finish(c);
        }
        if (probe != null) {
            // Connector/J's autoReconnect pings (and reconnects) before the statement after any
            // error; failover, AWS wrapper and MariaDB HA move on connection errors.
            recheck |= AFTER_ERROR;
        }
        lostIfGone(error);
    }

    // ---- which physical connection ran a statement ----

    /** Reads the physical connection now, for the statements from here on. */
    private void reread() {
        try {
            ConnectionContext now = probe.reread(context);
            context = now;
            recheck = probe.watch(now) | (recheck & AFTER_ERROR);
        } catch (Throwable t) {
            publisher.captureFailed(t);
        }
    }

    /**
     * Reads the physical connection after {@code c} ran, and gives {@code c} what it finds: a
     * reconnect (autoReconnect's ping, MariaDB Connector/J's re-run on another host) happens before
     * the statement is sent. Not when {@code c} itself lost its connection: it ran on the old one.
     */
    private void rereadAfter(Capture c) {
        try {
            ConnectionContext now = probe.reread(context);
            context = now;
            recheck = probe.watch(now);
            if (c.error != null && connectionLost(c.error)) {
                return;
            }
            ConnectionContext ran = c.context;
            if (!Objects.equals(ran.sessionId(), now.sessionId()) || !Objects.equals(ran.serverHost(), now.serverHost())
                    || ran.serverPort() != now.serverPort()) {
                c.context = ran.withSession(now.sessionId(), now.serverHost(), now.serverPort());
            }
        } catch (Throwable t) {
            publisher.captureFailed(t);
        }
    }

    /** The target lost or replaced its physical connection: SQLState class 08, MariaDB's "reconnected" 25S03. */
    private static boolean connectionLost(Throwable error) {
        if (error instanceof SQLRecoverableException || error instanceof SQLNonTransientConnectionException
                || error instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = error instanceof SQLException e ? e.getSQLState() : null;
        return state != null && (state.startsWith("08") || state.equals("25S03"));
    }

    /** After a call that may move a multi-host connection (transaction end, read-only switch). */
    private void movedMaybe() {
        if (probe != null && probe.multiHost()) {
            reread();
        }
    }

    /**
     * After an error on this connection: if the target driver has closed the connection itself
     * (a network or socket timeout, the server's KILL or restart: both MySQL drivers close on a
     * broken link, with an 08xxx SQLState), or the error says the link is gone while the driver
     * still calls it open (a streaming read cut: see {@link BrokenLink}), what was waiting for its
     * result set is published with the rows read so far, and a DISCONNECT (method
     * {@code connectionLost}) says why. {@code isClosed()} is the target's own flag, no round
     * trip, and both are asked only on the error path. Once lost, the connection's end has been
     * said: a later close adds no second DISCONNECT (and a driver that reconnects by itself,
     * {@code autoReconnect}, goes on with events after it).
     *
     * @param error what revealed it; null when nothing did (the event then carries an 08003 of its own)
     */
    void lostIfGone(Throwable error) {
        try {
            if (ended.get()) {
                return;
            }
            boolean closed = delegate.isClosed();
            if (!closed && !BrokenLink.in(error) || !ended.compareAndSet(false, true)) {
                return;
            }
            if (closed) {
                finishAllPending();
            } else {
                finishPendingNow(); // the driver may still use it (autoReconnect): later holds wait as usual
                lostWhileOpen = true;
            }
            Capture lost = begin(StatementKind.CONNECTION, "connectionLost", null);
            if (lost != null) {
                lost.error = error != null ? error
                        : new SQLException("The target driver had closed the connection", "08003");
                finish(lost);
            }
        } catch (Throwable t) {
            publisher.captureFailed(t);
        }
    }

    void captureFailed(Throwable t) {
        publisher.captureFailed(t);
    }

    void addPending(ActivityStatement s) {
        synchronized (pending) {
            pending.add(s);
        }
    }

    void removePending(ActivityStatement s) {
        synchronized (pending) {
            for (int i = pending.size() - 1; i >= 0; i--) {
                if (pending.get(i) == s) {
                    pending.remove(i);
                    return;
                }
            }
        }
    }

    boolean isClosing() {
        return closing;
    }

    /** Ends every execution still held for its result set; from now on new holds end at once. */
    private void finishAllPending() {
        closing = true; // before the statements are looked at: see ActivityStatement.hold
        finishPendingNow();
    }

    /** Ends every execution held for its result set now. */
    private void finishPendingNow() {
        ActivityStatement[] open;
        synchronized (pending) {
            open = pending.toArray(new ActivityStatement[0]);
        }
        for (ActivityStatement s : open) {
            s.finishPending();
        }
    }

    /** Runs a call of the target connection (commit, savepoint, close...) as one captured connection event. */
    private <T> T connectionEvent(String method, SqlCall<T> call) throws SQLException {
        return captured(begin(StatementKind.CONNECTION, method, null), call);
    }

    /** Runs {@code call}, then ends {@code c} (null: not captured) with its outcome. */
    private <T> T captured(Capture c, SqlCall<T> call) throws SQLException {
        T result;
        try {
            result = call.run();
        } catch (Throwable t) {
            fail(c, t);
            throw t;
        }
        finish(c);
        return result;
    }

    /**
     * Runs a call that may make the target driver run SQL of its own (see
     * {@link #beginDriverCall}) as one DRIVER event. A lambda per call: none of these calls is on
     * an execution's path.
     */
    <T> T driverCall(String method, SqlCall<T> call, Object... arguments) throws SQLException {
        return captured(beginDriverCall(method, null, arguments), call);
    }

    /** {@link #driverCall} of a prepared statement's call, described by the statement's SQL. */
    <T> T driverCall(String method, String sql, SqlCall<T> call) throws SQLException {
        return captured(beginDriverCall(method, sql), call);
    }

    /** A call to the target connection that may throw what the application must receive. */
    @FunctionalInterface
    interface SqlCall<T> {
        T run() throws SQLException;
    }

    // ---- statements ----

    @Override
    public Statement createStatement() throws SQLException {
        return new ActivityStatement(this, delegate.createStatement());
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return new ActivityStatement(this, delegate.createStatement(resultSetType, resultSetConcurrency));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return new ActivityStatement(this,
                delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return new ActivityPreparedStatement(this, delegate.prepareStatement(sql), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return new ActivityPreparedStatement(this, delegate.prepareStatement(sql, autoGeneratedKeys), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return new ActivityPreparedStatement(this, delegate.prepareStatement(sql, columnIndexes), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return new ActivityPreparedStatement(this, delegate.prepareStatement(sql, columnNames), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return new ActivityPreparedStatement(this,
                delegate.prepareStatement(sql, resultSetType, resultSetConcurrency), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        return new ActivityPreparedStatement(this,
                delegate.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability), sql);
    }

    // prepareCall is a DRIVER event: the target driver looks the routine's parameters up (Connector/J
    // queries information_schema.PARAMETERS unless it has them cached). Its SQL may hold literals:
    // the event carries no argument; the executions carry the SQL.

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return new ActivityCallableStatement(this, driverCall("prepareCall", () -> delegate.prepareCall(sql)), sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return new ActivityCallableStatement(this,
                driverCall("prepareCall", () -> delegate.prepareCall(sql, resultSetType, resultSetConcurrency)), sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        return new ActivityCallableStatement(this, driverCall("prepareCall",
                () -> delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability)), sql);
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        // One wrapper per connection: some drivers (H2) build a new metadata object per call.
        ActivityDatabaseMetaData wrapper = metaData;
        if (wrapper == null) {
            wrapper = new ActivityDatabaseMetaData(this, delegate.getMetaData());
            metaData = wrapper;
        }
        return wrapper;
    }

    // ---- transactions and context ----

    @Override
    public void commit() throws SQLException {
        connectionEvent("commit", () -> {
            delegate.commit();
            return null;
        });
        transactions.ended();
        movedMaybe(); // a load-balanced connection picks its host again at a transaction end
    }

    @Override
    public void rollback() throws SQLException {
        connectionEvent("rollback", () -> {
            delegate.rollback();
            return null;
        });
        transactions.ended();
        movedMaybe();
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        connectionEvent("rollbackToSavepoint", () -> {
            delegate.rollback(savepoint);
            return null;
        });
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return connectionEvent("setSavepoint", delegate::setSavepoint);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return connectionEvent("setSavepoint", () -> delegate.setSavepoint(name));
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        connectionEvent("releaseSavepoint", () -> {
            delegate.releaseSavepoint(savepoint);
            return null;
        });
    }

    /**
     * Switching auto-commit on with a transaction open commits it (JDBC): that is a COMMIT event
     * of the transaction, published whatever {@code activity.driverStatements} says. Any other
     * call is the driver's own {@code SET autocommit}: a DRIVER event.
     */
    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        Capture c = autoCommit && transactions.switchingOnCommits()
                ? begin(StatementKind.CONNECTION, "setAutoCommit", null)
                : beginDriverCall("setAutoCommit", null, "autoCommit", autoCommit);
        try {
            delegate.setAutoCommit(autoCommit);
        } catch (Throwable t) {
            fail(c, t);
            throw t;
        }
        transactions.autoCommitSet(autoCommit);
        finish(c);
        movedMaybe();
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        driverCall("setCatalog", () -> {
            delegate.setCatalog(catalog);
            return null;
        }, "catalog", catalog);
        refreshDatabase();
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        driverCall("setSchema", () -> {
            delegate.setSchema(schema);
            return null;
        }, "schema", schema);
        refreshDatabase();
    }

    private void refreshDatabase() {
        try {
            String db = delegate.getCatalog();
            if (db == null) {
                db = delegate.getSchema();
            }
            context = context.withDatabase(db);
        } catch (Throwable t) {
            publisher.captureFailed(t);
        }
    }

    // ---- lifecycle ----

    @Override
    public void close() throws SQLException {
        // Also when the target connection is closed already (a broken link, an abort): JDBC
        // closes the result sets with the connection, so their executions end here in any case.
        finishAllPending();
        if (!handle && delegate.isClosed()) {
            try {
                lostIfGone(null); // closed by the target unnoticed so far; closing twice emits nothing
            } finally {
                releasePublisher();
            }
            delegate.close();
            return;
        }
        if (handle || !ended.compareAndSet(false, true)) { // a handle's close is not the physical connection's: no event
            releasePublisher();
            delegate.close();
            return;
        }
        try {
            connectionEvent("close", () -> {
                delegate.close();
                return null;
            });
        } finally {
            releasePublisher();
        }
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        finishAllPending();
        if (!ended.compareAndSet(false, true)) {
            try {
                delegate.abort(executor);
            } finally {
                releasePublisher();
            }
            return;
        }
        try {
            connectionEvent("abort", () -> {
                delegate.abort(executor);
                return null;
            });
        } finally {
            releasePublisher();
        }
    }

    /** The connection no longer uses its publisher (once): with none left, the publisher may retire. */
    private void releasePublisher() {
        synchronized (publisherLock) {
            if (!released) {
                released = true;
                publisher.release();
            }
        }
    }

    /**
     * The publisher to hand {@code c} to. When it was stopped while this connection stayed open
     * ({@code Activity.shutdown()}, {@code ActivityDriver.deregister()} by one of several web
     * applications sharing the jar), a connection still in use moves to a new one rather than
     * losing everything it runs from then on. Closing does not: a pool closing its connections
     * after an undeploy's deregistration must not start threads again (its disconnects are
     * dropped and counted), and nothing is renewed while the JVM exits. One volatile read otherwise.
     */
    private Publisher publisher(Capture c) {
        Publisher p = publisher;
        if (!p.isStopping() || c.kind == StatementKind.CONNECTION && (c.method.equals("close")
                || c.method.equals("abort") || c.method.equals("connectionLost")) || !Publishers.renewalAllowed()) {
            return p;
        }
        synchronized (publisherLock) { // against a concurrent close releasing the one being replaced
            if (released || publisher != p) {
                return publisher;
            }
            try {
                Publisher renewed = Publishers.acquire(options);
                publisher = renewed;
                p.release();
                return renewed;
            } catch (SQLException | RuntimeException e) {
                return p; // it drops and counts; the sink could not be opened again
            }
        }
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
    public void beginRequest() throws SQLException {
        delegate.beginRequest();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        return delegate.createArrayOf(typeName, elements);
    }

    @Override
    public Blob createBlob() throws SQLException {
        return delegate.createBlob();
    }

    @Override
    public Clob createClob() throws SQLException {
        return delegate.createClob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        return delegate.createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return delegate.createSQLXML();
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        return delegate.createStruct(typeName, attributes);
    }

    @Override
    public void endRequest() throws SQLException {
        delegate.endRequest();
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return delegate.getAutoCommit();
    }

    @Override
    public String getCatalog() throws SQLException {
        return delegate.getCatalog();
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return delegate.getClientInfo();
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return delegate.getClientInfo(name);
    }

    @Override
    public int getHoldability() throws SQLException {
        return delegate.getHoldability();
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return delegate.getNetworkTimeout();
    }

    @Override
    public String getSchema() throws SQLException {
        return delegate.getSchema();
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return driverCall("getTransactionIsolation", delegate::getTransactionIsolation); // Connector/J asks the server
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return delegate.getTypeMap();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return delegate.isReadOnly();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        boolean valid;
        try {
            valid = delegate.isValid(timeout);
        } catch (Throwable t) {
            lostIfGone(t);
            throw t;
        }
        if (!valid) {
            lostIfGone(null); // a pool's validation: Connector/J closes a connection it finds dead
        }
        return valid;
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        return delegate.nativeSQL(sql);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        delegate.setClientInfo(properties);
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        delegate.setClientInfo(name, value);
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        delegate.setHoldability(holdability);
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        delegate.setNetworkTimeout(executor, milliseconds);
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        driverCall("setReadOnly", () -> {
            delegate.setReadOnly(readOnly);
            return null;
        }, "readOnly", readOnly);
        movedMaybe(); // a replication connection moves to a replica and back
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey) throws SQLException {
        delegate.setShardingKey(shardingKey);
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
        delegate.setShardingKey(shardingKey, superShardingKey);
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
        return delegate.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
        return delegate.setShardingKeyIfValid(shardingKey, timeout);
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        driverCall("setTransactionIsolation", () -> {
            delegate.setTransactionIsolation(level);
            return null;
        }, "level", level);
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        delegate.setTypeMap(map);
    }
}
