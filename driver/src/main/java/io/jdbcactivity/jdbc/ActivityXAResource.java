package io.jdbcactivity.jdbc;

import io.jdbcactivity.capture.Capture;
import io.jdbcactivity.capture.SessionEffects;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * Wraps the target's {@link XAResource}: every call is passed through unchanged, and those that
 * make the server run an XA statement are events of the XA connection (see
 * {@link ActivityXAConnection}). {@code forget} (MySQL has no XA FORGET) and the timeout and
 * {@code isSameRM} calls send nothing and are plain delegation.
 */
final class ActivityXAResource implements XAResource {
    final XAResource delegate;
    private final ActivityXAConnection owner;

    ActivityXAResource(XAResource delegate, ActivityXAConnection owner) {
        this.delegate = delegate;
        this.owner = owner;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        // joining or resuming a branch continues its transaction; only a new branch begins one
        int effect = flags == TMNOFLAGS ? SessionEffects.BEGIN : SessionEffects.NONE;
        call(owner.xaEvent("xaStart", effect, xid, "flags", flags), () -> {
            delegate.start(xid, flags);
            return null;
        });
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        call(owner.xaEvent("xaEnd", SessionEffects.NONE, xid, "flags", flags), () -> {
            delegate.end(xid, flags);
            return null;
        });
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return call(owner.xaEvent("xaPrepare", SessionEffects.NONE, xid), () -> delegate.prepare(xid));
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        call(owner.xaEvent("xaCommit", SessionEffects.END, xid, "onePhase", onePhase), () -> {
            delegate.commit(xid, onePhase);
            return null;
        });
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        call(owner.xaEvent("xaRollback", SessionEffects.END, xid), () -> {
            delegate.rollback(xid);
            return null;
        });
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return call(owner.xaEvent("xaRecover", SessionEffects.NONE, null, "flags", flag), () -> delegate.recover(flag));
    }

    /** A call of the target resource; its event ends with the outcome (a recovery scan's: the branches found). */
    private <T> T call(Capture c, XaCall<T> call) throws XAException {
        T result;
        try {
            result = call.run();
        } catch (XAException | RuntimeException e) {
            owner.xaDone(c, e);
            throw e;
        }
        if (c != null && result instanceof Xid[] found) {
            c.rowsReturned = found.length;
        }
        owner.xaDone(c, null);
        return result;
    }

    @FunctionalInterface
    private interface XaCall<T> {
        T run() throws XAException;
    }

    // ---- plain delegation ----

    @Override
    public void forget(Xid xid) throws XAException {
        delegate.forget(xid);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return delegate.isSameRM(other instanceof ActivityXAResource a ? a.delegate : other);
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate.setTransactionTimeout(seconds);
    }
}
