package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT * FROM t | SELECT | READ",
        "show tables | SHOW | READ",
        "EXPLAIN SELECT 1 | EXPLAIN | READ",
        "WITH x AS (SELECT 1) SELECT * FROM x | SELECT | READ",
        "insert into t values (?) | INSERT | WRITE",
        "REPLACE INTO t VALUES (?) | REPLACE | WRITE",
        "DELETE FROM t | DELETE | WRITE",
        "DROP TABLE t | DROP TABLE | DDL",
        "TRUNCATE t | TRUNCATE TABLE | WRITE",
        "TRUNCATE TABLE t | TRUNCATE TABLE | WRITE",
        "CREATE OR REPLACE VIEW v AS SELECT ? | CREATE VIEW | DDL",
        "CREATE TEMPORARY TABLE t (a INT) | CREATE TABLE | DDL",
        "CREATE UNIQUE INDEX i ON t (a) | CREATE INDEX | DDL",
        "CREATE USER bob | CREATE USER | ROLE",
        "DROP ROLE r | DROP ROLE | ROLE",
        "GRANT SELECT ON db.* TO bob | GRANT | ROLE",
        "SET PASSWORD FOR bob = ? | SET PASSWORD | ROLE",
        "SET autocommit = ? | SET | MISC",
        "LOAD DATA INFILE ? INTO TABLE t | LOAD DATA | WRITE",
        "CALL p(?) | CALL | FUNCTION",
        "START TRANSACTION | START TRANSACTION | MISC",
        "LOCK TABLES t WRITE | LOCK TABLES | MISC",
        "(SELECT 1) UNION (SELECT 2) | SELECT | READ",
        "? | UNKNOWN | MISC",
    })
    void namesTheCommandAndItsClass(String normalized, String command, String activityClass) {
        Commands.Classified c = Commands.classify(normalized);
        assertEquals(command, c.command());
        assertEquals(activityClass, c.activityClass());
    }
}
