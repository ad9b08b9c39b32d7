package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "SELECT * FROM t WHERE id = 42 | SELECT * FROM t WHERE id = ?",
        "SELECT * FROM t WHERE name = 'O''Brien' AND x = 'a\\'b' | SELECT * FROM t WHERE name = ? AND x = ?",
        "~select  a,\n\tb from t -- trailing comment\nwhere c = \"dq\"~ | SELECT a, b FROM t WHERE c = ?",
        "SELECT 1 # hash comment | SELECT ?",
        "SELECT /* hidden */ a FROM t | SELECT a FROM t",
        "/*!40101 SET NAMES utf8mb4 */ | SET NAMES utf8mb4",
        "SELECT 1.5e-3, .5, 0x1F, X'0F', b'101', -7 | SELECT ?, ?, ?, ?, ?, -?",
        "SELECT col1, t2.c3 FROM `my table` t2 | SELECT col1, t2.c3 FROM `my table` t2",
        "SELECT _utf8mb4'x' , N'y' | SELECT ? , ?",
        "UPDATE t SET a = a-1 WHERE b--1 | UPDATE t SET a = a-? WHERE b--?",
        "INSERT INTO t VALUES (?, ?) | INSERT INTO t VALUES (?, ?)",
        "SELECT 'unterminated | SELECT ?",
    })
    void literalsCommentsAndSpacingGo(String sql, String expected) {
        assertEquals(expected, SqlText.normalize(sql).text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "CREATE USER 'bob'@'%' IDENTIFIED BY 's3cret!'",
        "ALTER USER bob IDENTIFIED BY 's3cret!'",
        "SET PASSWORD FOR bob = 's3cret!'",
        "SELECT PASSWORD('s3cret!')",
        "GRANT ALL ON db.* TO bob IDENTIFIED BY \"s3cret!\"",
    })
    void passwordsNeverSurvive(String sql) {
        String text = SqlText.normalize(sql).text();
        assertFalse(text.contains("s3cret"), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "MYSQL | SELECT 'a\\'b', \"c\\\"d\" FROM t | SELECT ?, ? FROM t",
        "MYSQL_NO_BACKSLASH_ESCAPES | SELECT 'C:\\', x FROM t | SELECT ?, x FROM t",
        "MYSQL_NO_BACKSLASH_ESCAPES | SELECT \"C:\\\", x FROM t | SELECT ?, x FROM t",
        "STANDARD | SELECT 'C:\\', \"Name\" FROM \"My \"\"T\"\"\" | SELECT ?, \"Name\" FROM \"My \"\"T\"\"\"",
        "STANDARD | SELECT E'it\\'s', 'x' | SELECT ?, ?",
        "MYSQL_ANSI_QUOTES | SELECT 'it\\'s', \"Name\" FROM t | SELECT ?, \"Name\" FROM t",
        "MYSQL | SELECT * FROM t WHERE a LIKE 'x\\_%' {escape '\\'} AND b = 1 | SELECT * FROM t WHERE a LIKE ? {escape ?} AND b = ?",
    })
    void quotesAreReadAsTheTargetReadsThem(QuoteRule rule, String sql, String expected) {
        SqlText.Normalized n = SqlText.normalize(sql, true, rule);
        assertEquals(expected, n.text());
        assertFalse(n.truncated());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "MYSQL | SELECT a FROM t WHERE x = 'C:\\' AND secret = hunter2",
        "STANDARD | SELECT a FROM t WHERE x = 'open AND secret = hunter2",
        "MYSQL | SELECT `a, 'hunter2' FROM t",
        "STANDARD | SELECT \"a, 'hunter2' FROM t",
    })
    void anUnclosedLiteralOrNameHidesTheRestAndSaysTheTextIsNotCovered(QuoteRule rule, String sql) {
        SqlText.Normalized n = SqlText.normalize(sql, true, rule);
        assertTrue(n.truncated(), n::text);
        assertFalse(n.text().contains("hunter2"), n::text);
    }

    @Test
    void aHugeStatementIsAnalysedFromItsHeadAndSaysSo() {
        StringBuilder sb = new StringBuilder("INSERT INTO t VALUES ");
        while (sb.length() < 10 * 1024 * 1024) {
            sb.append("(1, 'abcdefgh'),");
        }
        SqlText.Normalized n = SqlText.normalize(sb.toString());
        assertTrue(n.truncated());
        assertTrue(n.text().length() <= SqlText.MAX_ANALYSED_CHARS);
        assertTrue(n.text().startsWith("INSERT INTO t VALUES (?, ?),"));
    }
}
