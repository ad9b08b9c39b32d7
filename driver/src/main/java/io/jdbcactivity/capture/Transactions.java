package io.jdbcactivity.capture;

/**
 * The client transaction a connection is in, kept on the application thread so every capture is
 * stamped with its {@code transactionId} at execute. A transaction is named by the sequence of
 * its first activity (0: none open): unique within the connection without a second counter.
 *
 * <p>Boundaries come from the JDBC calls ({@code commit}, {@code rollback},
 * {@code setAutoCommit}) and from the SQL itself ({@link SessionEffects}): {@code START
 * TRANSACTION … COMMIT} is one transaction also under auto-commit, {@code SET autocommit} changes
 * the mode, and DDL commits what was open and is a transaction of its own. An effect is applied
 * when the statement starts, as the server applies an implicit commit before the statement runs;
 * a boundary statement the server refuses (a syntax error in {@code START TRANSACTION}) is
 * therefore still taken as one.
 *
 * <p>Not thread-safe, as the rest of a connection's capture state: JDBC connections are used by
 * one thread at a time. {@link #autoCommit} is volatile only so a connection handed between
 * threads by a pool reads the mode its last user left.
 */
public final class Transactions {
    private final boolean ddlCommits;
    private volatile boolean autoCommit;
    /** The transaction in progress, named by the sequence of its first activity; 0: none. */
    private long open;
    /**
     * A transaction was begun by SQL ({@code START TRANSACTION}, {@code BEGIN}, {@code XA START},
     * {@code AND CHAIN}) and has not ended: statements join it even under auto-commit.
     */
    private boolean explicit;
    /** {@code LOCK TABLES} ran and no {@code UNLOCK TABLES} since: only then does the unlock commit. */
    private boolean tablesLocked;

    /**
     * @param autoCommit the connection's mode when it opened
     * @param ddlCommits whether the server commits implicitly on DDL (MySQL, MariaDB, H2, Oracle
     *                   do; PostgreSQL and SQL Server run DDL inside the transaction)
     */
    public Transactions(boolean autoCommit, boolean ddlCommits) {
        this.autoCommit = autoCommit;
        this.ddlCommits = ddlCommits;
    }

    /** Whether DDL commits on a server of this {@code serverType} (product name; null: unknown, taken as MySQL). */
    public static boolean ddlCommits(String serverType) {
        if (serverType == null) {
            return true;
        }
        return switch (serverType) {
            case "MySQL", "MariaDB", "H2", "Oracle", "HSQL Database Engine" -> true;
            default -> false;
        };
    }

    /** The auto-commit mode the next statement runs in. */
    public boolean autoCommit() {
        return autoCommit;
    }

    /**
     * The transaction of the activity numbered {@code sequence}, whose SQL has {@code effect}
     * ({@link SessionEffects}); applies the effect to what follows.
     */
    public long stamp(long sequence, int effect) {
        if (effect == SessionEffects.NONE) {
            return current(sequence);
        }
        long tx;
        switch (effect) {
            case SessionEffects.BEGIN: // commits what was open (no event says so: the new id does)
                open = sequence;
                explicit = true;
                return sequence;
            case SessionEffects.END:
                tx = open != 0 ? open : sequence;
                open = 0;
                explicit = false;
                return tx;
            case SessionEffects.END_AND_CHAIN: // the next transaction begins at once, also under auto-commit
                tx = open != 0 ? open : sequence;
                open = 0;
                explicit = true;
                return tx;
            case SessionEffects.LOCK_TABLES:
                tablesLocked = true;
                return implicitCommit(sequence);
            case SessionEffects.UNLOCK_TABLES:
                if (!tablesLocked) {
                    return current(sequence);
                }
                tablesLocked = false;
                return implicitCommit(sequence);
            case SessionEffects.IMPLICIT_COMMIT:
                return ddlCommits ? implicitCommit(sequence) : current(sequence);
            case SessionEffects.AUTOCOMMIT_ON:
                if (autoCommit) {
                    return current(sequence); // already on: the server commits nothing
                }
                tx = open != 0 ? open : sequence; // ends the open transaction, as a COMMIT would
                open = 0;
                explicit = false;
                autoCommit = true;
                return tx;
            case SessionEffects.AUTOCOMMIT_OFF:
                tx = current(sequence);
                autoCommit = false;
                return tx;
            default: // USE
                return current(sequence);
        }
    }

    /**
     * The transaction of a call that does not begin one by itself (the driver's own SQL: metadata,
     * session settings): the open transaction, else a transaction of its own.
     */
    public long join(long sequence) {
        return open != 0 ? open : sequence;
    }

    /** {@code commit()} or {@code rollback()} ended the transaction. */
    public void ended() {
        open = 0;
        explicit = false;
    }

    /** Whether {@code setAutoCommit(true)} now commits (JDBC: switching the mode on commits the open transaction). */
    public boolean switchingOnCommits() {
        return !autoCommit && open != 0;
    }

    /** {@code setAutoCommit(on)} succeeded. */
    public void autoCommitSet(boolean on) {
        if (on && !autoCommit) {
            open = 0;
            explicit = false;
        }
        autoCommit = on;
    }

    /** The open transaction, joined, or a new one: under auto-commit, outside an explicit transaction, its own. */
    private long current(long sequence) {
        if (open != 0) {
            return open;
        }
        if (autoCommit && !explicit) {
            return sequence;
        }
        open = sequence;
        return sequence;
    }

    /** A statement that commits before and after itself: a transaction of its own, and none open after it. */
    private long implicitCommit(long sequence) {
        open = 0;
        explicit = false;
        return sequence;
    }
}
