package io.jdbcactivity.capture;

import static io.jdbcactivity.capture.SessionEffects.AUTOCOMMIT_OFF;
import static io.jdbcactivity.capture.SessionEffects.AUTOCOMMIT_ON;
import static io.jdbcactivity.capture.SessionEffects.BEGIN;
import static io.jdbcactivity.capture.SessionEffects.END;
import static io.jdbcactivity.capture.SessionEffects.END_AND_CHAIN;
import static io.jdbcactivity.capture.SessionEffects.IMPLICIT_COMMIT;
import static io.jdbcactivity.capture.SessionEffects.LOCK_TABLES;
import static io.jdbcactivity.capture.SessionEffects.NONE;
import static io.jdbcactivity.capture.SessionEffects.UNLOCK_TABLES;
import static io.jdbcactivity.capture.SessionEffects.USE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first-keyword scanner against the statements of MySQL's "Statements That Cause an Implicit
 * Commit" (8.0 manual, 15.3.3), MariaDB's list of the same name, the transaction statements, and
 * look-alikes that must not count (a compound BEGIN, ROLLBACK TO, temporary tables, ANALYZE SELECT).
 * The server-side behaviour is checked against MariaDB itself in TransactionBoundariesTest.
 */
class SessionEffectsTest {
    @Test
    void transactionStatements() {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("START TRANSACTION", BEGIN);
        cases.put("start transaction read only", BEGIN);
        cases.put("START TRANSACTION WITH CONSISTENT SNAPSHOT", BEGIN);
        cases.put("BEGIN", BEGIN);
        cases.put("begin work", BEGIN);
        cases.put("BEGIN;", BEGIN);
        cases.put("XA START 'xid1'", BEGIN);
        cases.put("xa begin 'x'", BEGIN);
        cases.put("XA END 'xid1'", NONE);
        cases.put("XA PREPARE 'xid1'", NONE);
        cases.put("XA COMMIT 'xid1'", END);
        cases.put("XA COMMIT 'xid1' ONE PHASE", END);
        cases.put("XA ROLLBACK 'xid1'", END);
        cases.put("XA RECOVER", NONE);
        cases.put("COMMIT", END);
        cases.put("commit work", END);
        cases.put("COMMIT AND NO CHAIN", END);
        cases.put("COMMIT WORK AND CHAIN", END_AND_CHAIN);
        cases.put("COMMIT AND CHAIN NO RELEASE", END_AND_CHAIN);
        cases.put("ROLLBACK", END);
        cases.put("ROLLBACK WORK", END);
        cases.put("ROLLBACK AND CHAIN", END_AND_CHAIN);
        cases.put("ROLLBACK TO SAVEPOINT sp1", NONE);
        cases.put("ROLLBACK TO sp1", NONE);
        cases.put("ROLLBACK WORK TO SAVEPOINT sp1", NONE);
        cases.put("SAVEPOINT sp1", NONE);
        cases.put("RELEASE SAVEPOINT sp1", NONE);
        cases.put("BEGIN NOT ATOMIC SELECT 1; END", NONE);
        cases.put("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", NONE);
        check(cases);
    }

    @Test
    void autocommitAssignments() {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("SET autocommit=0", AUTOCOMMIT_OFF);
        cases.put("SET autocommit = 1", AUTOCOMMIT_ON);
        cases.put("set AUTOCOMMIT=OFF", AUTOCOMMIT_OFF);
        cases.put("SET autocommit = ON", AUTOCOMMIT_ON);
        cases.put("SET autocommit := 0", AUTOCOMMIT_OFF);
        cases.put("SET @@autocommit=0", AUTOCOMMIT_OFF);
        cases.put("SET @@session.autocommit = 1", AUTOCOMMIT_ON);
        cases.put("SET @@SESSION.autocommit=0", AUTOCOMMIT_OFF);
        cases.put("SET @@local.autocommit=0", AUTOCOMMIT_OFF);
        cases.put("SET SESSION autocommit = 0", AUTOCOMMIT_OFF);
        cases.put("SET LOCAL autocommit=1", AUTOCOMMIT_ON);
        cases.put("SET autocommit='OFF'", AUTOCOMMIT_OFF);
        cases.put("SET AUTOCOMMIT FALSE", AUTOCOMMIT_OFF); // H2
        cases.put("SET AUTOCOMMIT TRUE", AUTOCOMMIT_ON);
        cases.put("SET autocommit=0, sql_mode=''", AUTOCOMMIT_OFF);
        cases.put("SET GLOBAL autocommit=0", NONE); // other sessions, not this one
        cases.put("SET @@global.autocommit=0", NONE);
        cases.put("SET autocommit_x=0", NONE);
        cases.put("SET @autocommit=0", NONE); // a user variable
        cases.put("SET sql_mode='', autocommit=0", NONE); // only the first assignment is read (documented)
        cases.put("SET NAMES utf8mb4", NONE);
        cases.put("SET PASSWORD = 'x'", IMPLICIT_COMMIT);
        cases.put("SET PASSWORD FOR u@h = PASSWORD('x')", IMPLICIT_COMMIT);
        check(cases);
    }

    @Test
    void implicitCommits() {
        Map<String, Integer> cases = new LinkedHashMap<>();
        // DDL
        for (String s : new String[] {"ALTER TABLE t ADD c INT", "ALTER DATABASE d CHARACTER SET utf8mb4",
            "ALTER EVENT e DISABLE", "ALTER FUNCTION f COMMENT 'x'", "ALTER PROCEDURE p COMMENT 'x'",
            "ALTER VIEW v AS SELECT 1", "ALTER USER u IDENTIFIED BY 'x'", "CREATE TABLE t (a INT)",
            "CREATE DATABASE d", "CREATE INDEX i ON t (a)", "CREATE VIEW v AS SELECT 1",
            "CREATE PROCEDURE p() BEGIN END", "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a = 1",
            "CREATE USER u", "CREATE ROLE r", "CREATE OR REPLACE TABLE t (a INT)", "CREATE SEQUENCE s",
            "DROP TABLE t", "DROP TABLE IF EXISTS t", "DROP DATABASE d", "DROP USER u", "DROP VIEW v",
            "RENAME TABLE a TO b", "RENAME USER a TO b", "TRUNCATE TABLE t", "TRUNCATE t",
            "GRANT SELECT ON d.* TO u", "REVOKE SELECT ON d.* FROM u",
            "INSTALL PLUGIN p SONAME 'p.so'", "UNINSTALL PLUGIN p",
            // administrative
            "ANALYZE TABLE t", "ANALYZE NO_WRITE_TO_BINLOG TABLE t", "ANALYZE LOCAL TABLE t", "CHECK TABLE t",
            "OPTIMIZE TABLE t", "REPAIR TABLE t", "FLUSH TABLES", "FLUSH PRIVILEGES", "CACHE INDEX t IN c",
            "LOAD INDEX INTO CACHE t", "RESET MASTER", "RESET QUERY CACHE",
            // replication
            "START SLAVE", "START REPLICA", "STOP SLAVE", "STOP REPLICA", "CHANGE MASTER TO MASTER_HOST='h'",
            "START ALL SLAVES", "SHUTDOWN"}) {
            cases.put(s, IMPLICIT_COMMIT);
        }
        // look-alikes that do not commit
        for (String s : new String[] {"CREATE TEMPORARY TABLE t (a INT)", "create or replace temporary table t (a int)",
            "DROP TEMPORARY TABLE t", "DROP TEMPORARY TABLE IF EXISTS t", "DROP PREPARE s", "ANALYZE SELECT 1",
            "ANALYZE FORMAT=JSON SELECT 1", "RESET PERSIST", "LOAD DATA INFILE 'f' INTO TABLE t",
            "LOAD XML INFILE 'f' INTO TABLE t", "LOCK INSTANCE FOR BACKUP", "CHECKSUM TABLE t",
            "SELECT 1", "select * from alter_log", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1",
            "DELETE FROM t", "REPLACE INTO t VALUES (1)", "CALL p()", "{call p()}", "WITH x AS (SELECT 1) SELECT * FROM x",
            "(SELECT 1)", "SHOW TABLES", "EXPLAIN SELECT 1", "DO 1", "HANDLER t OPEN", "", "   ", "-- only a comment"}) {
            cases.put(s, NONE);
        }
        cases.put("LOCK TABLES t WRITE", LOCK_TABLES);
        cases.put("LOCK TABLE t READ", LOCK_TABLES);
        cases.put("UNLOCK TABLES", UNLOCK_TABLES);
        cases.put("unlock table", UNLOCK_TABLES);
        check(cases);
    }

    @Test
    void commentsAndSpacingBeforeTheKeyword() {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("  \n\t START   TRANSACTION", BEGIN);
        cases.put("/* app: checkout */ COMMIT", END);
        cases.put("-- a comment\nCOMMIT", END);
        cases.put("# a comment\nBEGIN", BEGIN);
        cases.put("/* a */ /* b */ DROP /* c */ TEMPORARY TABLE t", NONE);
        cases.put("ROLLBACK /* to what? */ TO sp", NONE);
        cases.put("SET /* x */ autocommit /* y */ = /* z */ 0", AUTOCOMMIT_OFF);
        cases.put("/* unterminated", NONE);
        cases.put("USE shop", USE);
        cases.put("use `my db`", USE);
        // a text of several statements is judged by its first (documented)
        cases.put("INSERT INTO t VALUES (1); COMMIT", NONE);
        cases.put("START TRANSACTION; INSERT INTO t VALUES (1)", BEGIN);
        check(cases);
        assertEquals(NONE, SessionEffects.of(null));
    }

    @Test
    void useNamesTheDatabaseAsTheServerDoes() {
        assertEquals("shop", SessionEffects.useTarget("USE shop"));
        assertEquals("shop", SessionEffects.useTarget("/* x */ use   shop ;"));
        assertEquals("my db", SessionEffects.useTarget("USE `my db`"));
        assertEquals("a`b", SessionEffects.useTarget("USE `a``b`"));
        assertEquals("ansi", SessionEffects.useTarget("USE \"ansi\""));
        assertEquals("d_1$x", SessionEffects.useTarget("USE d_1$x"));
        assertNull(SessionEffects.useTarget("USE"));
        assertNull(SessionEffects.useTarget("USE `unterminated"));
    }

    private static void check(Map<String, Integer> cases) {
        StringBuilder wrong = new StringBuilder();
        cases.forEach((sql, expected) -> {
            int got = SessionEffects.of(sql);
            if (got != expected) {
                wrong.append('\n').append(sql).append(": expected ").append(expected).append(", got ").append(got);
            }
        });
        assertEquals("", wrong.toString());
    }

    /**
     * The scan and the stamp run on the application thread for every execution: they must not
     * allocate. The thread's own allocation counter, over a million statements of every kind.
     */
    @Test
    void scanningAndStampingAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        String[] statements = {"SELECT * FROM t WHERE id = ?", "INSERT INTO t VALUES (?, ?)",
            "UPDATE t SET a = ? WHERE id = ?", "COMMIT", "/* app */ START TRANSACTION", "SET autocommit=0",
            "CREATE TEMPORARY TABLE x (a INT)", "ROLLBACK TO SAVEPOINT s"};
        Transactions t = new Transactions(true, true);
        long sink = 0;
        for (int i = 1; i <= 200_000; i++) { // warm up: the JIT compiles both
            sink += t.stamp(i, SessionEffects.of(statements[i & 7]));
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 1; i <= 1_000_000; i++) {
            sink += t.stamp(i, SessionEffects.of(statements[i & 7]));
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sink > 0);
        // one allocation per statement would be 16 MB at least; what the JIT does meanwhile is some bytes
        assertTrue(allocated < 64 * 1024, allocated + " bytes for a million statements");
    }
}
