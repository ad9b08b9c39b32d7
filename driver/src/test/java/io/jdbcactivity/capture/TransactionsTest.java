package io.jdbcactivity.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** transactionId stamping from JDBC calls and SQL boundaries (the server's view is checked in TransactionBoundariesTest). */
class TransactionsTest {
    private long seq;

    private long run(Transactions t, String sql) {
        return t.stamp(++seq, SessionEffects.of(sql));
    }

    /** Runs {@code sql} and asserts it begins a transaction: named by its own sequence. */
    private long own(Transactions t, String sql, String why) {
        long tx = run(t, sql);
        assertEquals(seq, tx, sql + ": " + why);
        return tx;
    }

    @Test
    void startTransactionToCommitIsOneTransactionUnderAutoCommit() {
        Transactions t = new Transactions(true, true);
        long before = run(t, "INSERT INTO a VALUES (1)");
        long begin = run(t, "START TRANSACTION");
        assertEquals(begin, run(t, "INSERT INTO a VALUES (2)"));
        assertEquals(begin, run(t, "SELECT * FROM a"));
        assertEquals(begin, run(t, "COMMIT"));
        long after = run(t, "INSERT INTO a VALUES (3)");
        assertEquals(seq, after, "after COMMIT, auto-commit statements are their own again");
        assertTrue(before < begin && begin < after);
        assertTrue(t.autoCommit());
    }

    @Test
    void ddlCommitsAndIsATransactionOfItsOwn() {
        Transactions t = new Transactions(false, true);
        long first = run(t, "INSERT INTO a VALUES (1)");
        assertEquals(first, run(t, "UPDATE a SET x = 1"));
        long ddl = run(t, "CREATE TABLE b (x INT)");
        assertEquals(seq, ddl);
        long next = run(t, "INSERT INTO a VALUES (2)");
        assertEquals(seq, next, "a new transaction begins after the DDL");
        assertEquals(next, run(t, "DELETE FROM a"));
        assertEquals(next, run(t, "CREATE TEMPORARY TABLE tmp (x INT)"), "temporary tables do not commit");
    }

    @Test
    void ddlDoesNotCommitWhereTheServerRunsItInTheTransaction() {
        Transactions t = new Transactions(false, Transactions.ddlCommits("PostgreSQL"));
        long first = run(t, "INSERT INTO a VALUES (1)");
        assertEquals(first, run(t, "CREATE TABLE b (x INT)"));
        assertTrue(Transactions.ddlCommits("MariaDB") && Transactions.ddlCommits("H2") && Transactions.ddlCommits(null));
    }

    @Test
    void setAutocommitFromSqlChangesTheModeAndCommits() {
        Transactions t = new Transactions(true, true);
        long off = run(t, "SET autocommit = 0");
        assertEquals(seq, off);
        assertFalse(t.autoCommit());
        long tx = run(t, "INSERT INTO a VALUES (1)");
        assertEquals(seq, tx);
        assertEquals(tx, run(t, "UPDATE a SET x = 2"));
        assertEquals(tx, run(t, "SET autocommit = 1"), "switching it on ends the open transaction, as COMMIT");
        assertTrue(t.autoCommit());
        long own = run(t, "INSERT INTO a VALUES (3)");
        assertEquals(seq, own);
        own(t, "SET autocommit = 1", "already on: nothing ends, an auto-commit statement of its own");
    }

    @Test
    void chainedCommitBeginsTheNextTransactionAtOnce() {
        Transactions t = new Transactions(true, true);
        long first = run(t, "BEGIN");
        run(t, "INSERT INTO a VALUES (1)");
        assertEquals(first, run(t, "COMMIT AND CHAIN"));
        long second = run(t, "INSERT INTO a VALUES (2)");
        assertEquals(seq, second);
        assertEquals(second, run(t, "INSERT INTO a VALUES (3)"), "still in the chained transaction under auto-commit");
        assertEquals(second, run(t, "ROLLBACK"));
        own(t, "INSERT INTO a VALUES (4)", "auto-commit again");
    }

    @Test
    void beginInsideATransactionCommitsItAndOpensAnother() {
        Transactions t = new Transactions(false, true);
        long first = run(t, "INSERT INTO a VALUES (1)");
        long begin = run(t, "START TRANSACTION");
        assertTrue(begin > first);
        assertEquals(begin, run(t, "INSERT INTO a VALUES (2)"));
    }

    @Test
    void unlockTablesCommitsOnlyAfterLockTables() {
        Transactions t = new Transactions(false, true);
        long tx = run(t, "INSERT INTO a VALUES (1)");
        assertEquals(tx, run(t, "UNLOCK TABLES"), "no LOCK TABLES before: nothing committed");
        own(t, "LOCK TABLES a WRITE", "commits");
        own(t, "INSERT INTO a VALUES (2)", "a new transaction");
        own(t, "UNLOCK TABLES", "commits after LOCK TABLES");
        own(t, "INSERT INTO a VALUES (3)", "a new transaction");
    }

    @Test
    void jdbcCallsEndTransactions() {
        Transactions t = new Transactions(true, true);
        t.autoCommitSet(false);
        assertFalse(t.switchingOnCommits(), "nothing ran: nothing to commit");
        long tx = run(t, "INSERT INTO a VALUES (1)");
        assertEquals(tx, t.join(++seq), "a driver call joins the open transaction");
        assertTrue(t.switchingOnCommits());
        t.autoCommitSet(true);
        assertEquals(seq + 1, t.join(++seq), "none open after setAutoCommit(true)");
        t.autoCommitSet(false);
        long next = run(t, "INSERT INTO a VALUES (2)");
        t.ended();
        assertTrue(run(t, "INSERT INTO a VALUES (3)") > next);
    }
}
