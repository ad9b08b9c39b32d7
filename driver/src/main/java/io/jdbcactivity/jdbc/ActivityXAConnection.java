package io.jdbcactivity.jdbc;

import io.jdbcactivity.allowlist.Allowlist;
import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.ConnectionContext;
import io.jdbcactivity.capture.SessionEffects;
import io.jdbcactivity.capture.StatementKind;
import io.jdbcactivity.capture.Transactions;
import io.jdbcactivity.config.ActivityOptions;
import io.jdbcactivity.publish.Publisher;
import io.jdbcactivity.publish.Publishers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.ConnectionEventListener;
import javax.sql.StatementEventListener;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * Wraps the target's {@link XAConnection}: one physical connection, which is one connection of
 * the stream (one {@code connectionId}, one numbering, CONNECT when it opens and DISCONNECT when
 * it closes). The logical handles an application server takes from it with
 * {@link #getConnection()} are {@link ActivityConnection}s that continue that numbering and
 * transaction; the transaction manager's calls on the {@link XAResource} are connection events
 * ({@code XA START}, {@code XA END}, {@code XA PREPARE}, {@code XA COMMIT}, {@code XA ROLLBACK},
 * {@code XA RECOVER}) with the Xid in {@code callArguments}, also when they come after the
 * handle was closed, as application servers do.
 */
public final class ActivityXAConnection implements XAConnection {
    private final XAConnection delegate;
    private final ConnectionContext context;
    /** Held from open to close: the XA events need it when no handle is open. */
    private final Publisher publisher;
    private final ActivityOptions options;
    private final AtomicLong sequence = new AtomicLong();
    private final Transactions transactions;
    private ActivityXAResource resource;
    private boolean closed;
    /** {@code activity.allowlist}, read when the XA connection opened; its handles check against it. */
    private final Allowlist allowlist;

    private ActivityXAConnection(XAConnection delegate, ConnectionContext context, Publisher publisher,
            ActivityOptions options, boolean autoCommit, Allowlist allowlist) {
        this.delegate = delegate;
        this.allowlist = allowlist;
        this.context = context;
        this.publisher = publisher;
        this.options = options;
        this.transactions = new Transactions(autoCommit, Transactions.ddlCommits(context.serverType()));
    }

    /**
     * Wraps a new target XA connection and emits its CONNECT event.
     *
     * @param publisher acquired for this XA connection, which releases it when it closes
     * @param autoCommit the mode a handle of it starts in
     */
    public static ActivityXAConnection open(XAConnection raw, ConnectionContext context, Publisher publisher,
            ActivityOptions options, boolean autoCommit, long startNanos, Allowlist allowlist) {
        ActivityXAConnection x = new ActivityXAConnection(raw, context, publisher, options, autoCommit, allowlist);
        try {
            x.offer(x.event("connect", SessionEffects.NONE, startNanos));
        } catch (Throwable t) {
            publisher.captureFailed(t);
        }
        return x;
    }

    /**
     * A new logical handle (the target closes the previous one, as XA connections do). Its
     * executions are captured as any connection's, under this XA connection's identity.
     */
    @Override
    public Connection getConnection() throws SQLException {
        Connection logical = delegate.getConnection();
        Publisher p;
        try {
            p = Publishers.acquire(options); // released when the handle closes
        } catch (SQLException | RuntimeException e) {
            logical.close();
            throw e;
        }
        return ActivityConnection.openHandle(logical, context, p, options, sequence, transactions, allowlist);
    }

    @Override
    public XAResource getXAResource() throws SQLException {
        XAResource r = delegate.getXAResource();
        synchronized (this) {
            if (resource == null || resource.delegate != r) {
                resource = new ActivityXAResource(r, this);
            }
            return resource;
        }
    }

    @Override
    public void close() throws SQLException {
        synchronized (this) {
            if (closed) {
                delegate.close(); // a second close: the target's answer, no event
                return;
            }
            closed = true;
        }
        Capture c = event("close", SessionEffects.NONE, System.nanoTime());
        try {
            delegate.close();
        } catch (SQLException | RuntimeException e) {
            c.error = e;
            throw e;
        } finally {
            offer(c);
            publisher.release();
        }
    }

    /**
     * Starts an XA event. The effect moves the transaction the handles' statements are stamped
     * with: {@code XA START} begins it, {@code XA COMMIT}/{@code XA ROLLBACK} end it.
     */
    Capture xaEvent(String method, int effect, Xid xid, Object... more) {
        try {
            Capture c = event(method, effect, System.nanoTime());
            if (xid != null) {
                Object[] args = new Object[6 + more.length];
                args[0] = "formatId";
                args[1] = xid.getFormatId();
                args[2] = "gtrid";
                args[3] = hex(xid.getGlobalTransactionId());
                args[4] = "bqual";
                args[5] = hex(xid.getBranchQualifier());
                System.arraycopy(more, 0, args, 6, more.length);
                c.callArguments = args;
            } else if (more.length > 0) {
                c.callArguments = more;
            }
            return c;
        } catch (Throwable t) {
            publisher.captureFailed(t);
            return null;
        }
    }

    /** Ends an XA event, with the error the transaction manager is about to receive, if any. */
    void xaDone(Capture c, Throwable error) {
        if (c != null) {
            c.error = error;
            c.endNanos = System.nanoTime();
            offer(c);
        }
    }

    private Capture event(String method, int effect, long startNanos) {
        // The transaction manager may call from a thread of its own, but only once the handle's
        // work on the branch has ended (JTA), so the transaction state is never used by two
        // threads at once, as for any connection.
        long seq = sequence.incrementAndGet();
        boolean autoCommit = transactions.autoCommit();
        long tx = transactions.stamp(seq, effect);
        return new Capture(context, StatementKind.CONNECTION, method, null, seq, tx, autoCommit,
                Thread.currentThread().getName(), startNanos);
    }

    private void offer(Capture c) {
        try {
            if (c.endNanos == 0) {
                c.endNanos = System.nanoTime();
            }
            publisher.offer(c);
        } catch (Throwable t) {
            publisher.captureFailed(t);
        }
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    // ---- plain delegation ----

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        delegate.addConnectionEventListener(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        delegate.removeConnectionEventListener(listener);
    }

    @Override
    public void addStatementEventListener(StatementEventListener listener) {
        delegate.addStatementEventListener(listener);
    }

    @Override
    public void removeStatementEventListener(StatementEventListener listener) {
        delegate.removeStatementEventListener(listener);
    }
}
