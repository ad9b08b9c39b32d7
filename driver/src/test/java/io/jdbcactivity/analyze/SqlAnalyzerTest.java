package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlAnalyzerTest {
    private static String digest(String sql) {
        return SqlAnalyzer.analyzeUncached(sql).statements().get(0).digest();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "SELECT * FROM t WHERE id = 1 | select *   from t where id=42",
        "SELECT * FROM t WHERE id = 1 | SELECT * FROM t /* hint */ WHERE id = 'x' -- trailing",
        "SELECT * FROM t WHERE id IN (1, 2) | SELECT * FROM t WHERE id IN (1, 2, 3, 4, 5, 6)",
        "INSERT INTO t (a, b) VALUES (1, 'x') | insert into t (a, b) values (1, 'x'), (2, 'y'), (3, 'z')",
        "SELECT `Name` FROM `Shop`.`Item` | select `Name` from `Shop`.`Item`",
    })
    void theDigestIgnoresLiteralsSpacingCommentsCaseAndListLengths(String a, String b) {
        assertEquals(digest(a), digest(b));
        assertTrue(digest(a).matches("[0-9a-f]{32}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT a FROM t WHERE id = 1 | SELECT b FROM t WHERE id = 1",
        "SELECT * FROM t WHERE id = 1 | SELECT * FROM u WHERE id = 1",
        "SELECT * FROM t WHERE id = 1 | SELECT * FROM t WHERE id > 1",
        "SELECT * FROM Item | SELECT * FROM item",
    })
    void theDigestChangesWithTheShape(String a, String b) {
        assertNotEquals(digest(a), digest(b));
    }

    @Test
    void thousandsOfRowsOrListItemsAreOneShapeAndNoStackOverflow() {
        StringBuilder rows = new StringBuilder("INSERT INTO t (a, b) VALUES (1, 'x')");
        StringBuilder in = new StringBuilder("SELECT * FROM t WHERE id IN (1");
        for (int i = 0; i < 3000; i++) {
            rows.append(", (").append(i).append(", 'y')");
            in.append(", ").append(i);
        }
        in.append(")");
        assertEquals(digest("INSERT INTO t (a, b) VALUES (7, 'z')"), digest(rows.toString()));
        assertEquals(digest("SELECT * FROM t WHERE id IN (5)"), digest(in.toString()));
    }

    @Test
    void multiStatementTextIsOneEntryPerStatement() {
        Analysis a = SqlAnalyzer.analyzeUncached("UPDATE t SET a = 1 WHERE id = 2; SELECT ';' FROM `x;y`; DELETE FROM t;");
        List<Analysis.Statement> s = a.statements();
        assertEquals(3, s.size());
        assertEquals("UPDATE", s.get(0).command());
        assertEquals("SELECT ? FROM `x;y`", s.get(1).normalized());
        assertEquals(List.of(Risks.DELETE_WITHOUT_WHERE), s.get(2).risks());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UPDATE t SET a = 1 | UPDATE_WITHOUT_WHERE",
        "UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1) | UPDATE_WITHOUT_WHERE",
        "DELETE FROM t | DELETE_WITHOUT_WHERE",
        "DROP TABLE t | DROP",
        "TRUNCATE t | TRUNCATE",
        "GRANT SELECT ON db.* TO bob | PRIVILEGES",
        "CREATE USER bob IDENTIFIED BY 'x' | PRIVILEGES",
        "LOAD DATA INFILE '/tmp/x' INTO TABLE t | LOAD_DATA",
    })
    void risksAreFlagged(String sql, String risk) {
        assertEquals(List.of(risk), SqlAnalyzer.analyzeUncached(sql).statements().get(0).risks());
    }

    @Test
    void ordinaryStatementsCarryNoRisk() {
        assertTrue(SqlAnalyzer.analyzeUncached("UPDATE t SET a = 1 WHERE id = 2").statements().get(0).risks().isEmpty());
        assertTrue(SqlAnalyzer.analyzeUncached("SELECT * FROM t").statements().get(0).risks().isEmpty());
        assertTrue(Risks.accessDenied("42000", 1142));
        assertTrue(Risks.accessDenied("28000", 0));
        assertFalse(Risks.accessDenied("42S02", 1146));
    }

    @Test
    void answersAreCachedWithinBounds() {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        Analysis first = analyzer.analyze("SELECT 1");
        assertSame(first, analyzer.analyze("SELECT 1"));
        for (int i = 0; i < SqlAnalyzer.MAX_ENTRIES + 100; i++) {
            analyzer.analyze("SELECT " + i + " FROM t");
        }
        assertEquals(SqlAnalyzer.MAX_ENTRIES, analyzer.cacheSize());
        String big = "SELECT '" + "x".repeat(SqlAnalyzer.MAX_CACHED_CHARS) + "'";
        analyzer.analyze(big);
        assertEquals(SqlAnalyzer.MAX_ENTRIES, analyzer.cacheSize(), "large texts are not cached");
    }

    @Test
    void aStoredProgramIsOneStatementAndNotWhatItsBodyDoes() {
        // issue 12 item 2: three events, one a phantom DROP TABLE with risk DROP, one a bare END
        Analysis a = SqlAnalyzer.analyzeUncached("CREATE PROCEDURE p() BEGIN DELETE FROM t; DROP TABLE IF EXISTS t; END");
        assertEquals(1, a.statements().size());
        Analysis.Statement s = a.statements().get(0);
        assertEquals("CREATE PROCEDURE", s.command());
        assertEquals("DDL", s.activityClass());
        assertTrue(s.risks().isEmpty(), s.risks()::toString);
        assertTrue(s.tables().isEmpty(), s.tables()::toString);
        assertEquals("PROCEDURE", s.objectType());
        assertEquals("p", s.objectName());
        assertEquals(4, SqlAnalyzer.analyzeUncached("CREATE FUNCTION f(x INT) RETURNS INT BEGIN DECLARE y INT;"
                + " SET y = x; RETURN y; END; SELECT 1; SELECT 2; SELECT 3").statements().size());
    }

    @Test
    void anAnonymousBlockRunsNowSoItsStatementsCount() {
        Analysis.Statement s = SqlAnalyzer.analyzeUncached("BEGIN NOT ATOMIC UPDATE t SET a = 1; DROP TABLE u; END")
                .statements().get(0);
        assertEquals("COMPOUND", s.command());
        assertEquals("FUNCTION", s.activityClass());
        assertEquals(List.of(Risks.UPDATE_WITHOUT_WHERE, Risks.DROP), s.risks());
        assertEquals(List.of(new TableAccess("t", "UPDATE"), new TableAccess("u", "DROP")), s.tables());
        assertEquals("TABLE", s.objectType());
        assertEquals("t", s.objectName());
    }

    @Test
    void theSameTextUnderAnotherQuoteRuleIsAnotherAnswer() {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        String sql = "SELECT * FROM a WHERE x LIKE 'q%' ESCAPE '\\' AND id IN (SELECT id FROM b)";
        Analysis mysql = analyzer.analyze(sql, QuoteRule.MYSQL);
        Analysis standard = analyzer.analyze(sql, QuoteRule.STANDARD);
        assertEquals(List.of(new TableAccess("a", "READ")), mysql.statements().get(0).tables());
        assertTrue(mysql.truncated(), "the literal never closes: the text is not covered");
        assertEquals(List.of(new TableAccess("a", "READ"), new TableAccess("b", "READ")),
                standard.statements().get(0).tables());
        assertFalse(standard.truncated());
        assertEquals("SELECT * FROM a WHERE x LIKE ? ESCAPE ? AND id IN (SELECT id FROM b)",
                standard.statements().get(0).normalized());
        assertSame(mysql, analyzer.analyze(sql, QuoteRule.MYSQL));
        assertSame(standard, analyzer.analyze(sql, QuoteRule.STANDARD));
        assertSame(mysql, analyzer.analyze(sql));
        assertEquals(2, analyzer.cacheSize());
    }

    @Test
    void callEscapesNameTheirRoutine() {
        Analysis.Statement f = SqlAnalyzer.analyzeUncached("{? = call shop.f_total(?)}").statements().get(0);
        assertEquals("CALL", f.command());
        assertEquals("FUNCTION", f.activityClass());
        assertEquals("FUNCTION", f.objectType());
        assertEquals("shop.f_total", f.objectName());
        Analysis.Statement p = SqlAnalyzer.analyzeUncached("{call `p one`(?, ?)}").statements().get(0);
        assertEquals("PROCEDURE", p.objectType());
        assertEquals("p one", p.objectName());
        assertEquals(digest("{call p(?)}"), digest("{call p(1)}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "CREATE USER 'bob'@'%' IDENTIFIED BY 's3cret' | CREATE USER ?@? IDENTIFIED BY ?",
        "ALTER USER bob IDENTIFIED WITH mysql_native_password BY 's3cret' | ALTER USER bob IDENTIFIED WITH mysql_native_password BY ?",
        "ALTER USER bob IDENTIFIED BY 'n3w' REPLACE 's3cret' | ALTER USER bob IDENTIFIED BY ? REPLACE ?",
        "CREATE USER bob IDENTIFIED BY PASSWORD '*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19' | CREATE USER bob IDENTIFIED BY PASSWORD ?",
        "CREATE USER bob IDENTIFIED WITH caching_sha2_password AS X'24412430' | CREATE USER bob IDENTIFIED WITH caching_sha2_password AS ?",
        "CREATE USER bob IDENTIFIED VIA ed25519 USING PASSWORD('s3cret') OR unix_socket | CREATE USER bob IDENTIFIED VIA ed25519 USING PASSWORD(?) OR unix_socket",
        "GRANT SELECT ON db.* TO bob IDENTIFIED BY 's3cret' | GRANT SELECT ON db.* TO bob IDENTIFIED BY ?",
        "SET PASSWORD FOR 'bob'@'%' = 's3cret' | SET PASSWORD FOR ?@? = ?",
        "SET PASSWORD = PASSWORD('s3cret') | SET PASSWORD = PASSWORD(?)",
        "SELECT PASSWORD(\"it's s3cret\") | SELECT PASSWORD(?)",
        "CHANGE MASTER TO MASTER_HOST='h', MASTER_PASSWORD='s3cret' | CHANGE MASTER TO MASTER_HOST=?, MASTER_PASSWORD=?",
        "CHANGE REPLICATION SOURCE TO SOURCE_USER='r', SOURCE_PASSWORD='s3cret' | CHANGE REPLICATION SOURCE TO SOURCE_USER=?, SOURCE_PASSWORD=?",
        "CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER 'r', PASSWORD 's3cret') | CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (USER ?, PASSWORD ?)",
        "START SLAVE USER='r' PASSWORD='s3cret' | START SLAVE USER=? PASSWORD=?",
        "CREATE TABLE f (id INT) ENGINE=FEDERATED CONNECTION='mysql://r:s3cret@h/db/t' | CREATE TABLE f (id INT) ENGINE=FEDERATED CONNECTION=?",
        "UPDATE users SET `password` = 's3cret' WHERE id = 7 | UPDATE users SET `password` = ? WHERE id = ?",
        "SELECT AES_DECRYPT(card, 's3cret') FROM wallet | SELECT AES_DECRYPT(card, ?) FROM wallet",
        "SELECT 'kept'; CREATE USER bob IDENTIFIED BY 's3cret' | SELECT ?; CREATE USER bob IDENTIFIED BY ?",
        "SELECT name FROM t WHERE name = 'kept' | SELECT name FROM t WHERE name = 'kept'",
        "SELECT password_reset FROM t WHERE name = 'kept' | SELECT password_reset FROM t WHERE name = 'kept'",
    })
    void fullTextShowsStatementsThatCanHoldACredentialInTheirNormalForm(String sql, String published) {
        assertEquals(published, Redaction.fullText(sql, new SqlAnalyzer().analyze(sql)));
    }
}
