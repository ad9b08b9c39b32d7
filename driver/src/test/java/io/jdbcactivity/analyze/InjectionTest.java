package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each injection signal on the issue's own examples, and the forms each one deliberately leaves
 * alone (what generators and ordinary SQL write); per statement for multi-statement texts.
 */
class InjectionTest {
    private static List<List<String>> signals(String sql, QuoteRule rule) {
        List<List<String>> out = new ArrayList<>();
        for (Analysis.Statement st : SqlAnalyzer.analyzeUncached(sql, rule).statements()) {
            out.add(st.risks().stream().filter(r -> r.startsWith("SQLI_")).toList());
        }
        return out;
    }

    private static List<String> flags(String sql) {
        return signals(sql, QuoteRule.MYSQL).get(0);
    }

    @Test
    void theIssuesExamplesAreFlagged() {
        assertEquals(List.of("SQLI_TAUTOLOGY"), flags("SELECT * FROM users WHERE name = '' OR '1'='1'"));
        assertEquals(List.of("SQLI_TAUTOLOGY"), flags("SELECT * FROM users WHERE id = 5 OR 1=1"));
        assertEquals(List.of("SQLI_SYSTEM_PROBE"),
                flags("SELECT name, 2 FROM users WHERE id = -1 UNION SELECT table_name, 2 FROM information_schema.tables"));
        assertEquals(List.of("SQLI_TIME_DELAY"), flags("SELECT * FROM users WHERE id = 1 AND SLEEP(5)"));
        assertEquals(List.of("SQLI_TIME_DELAY"), flags("SELECT BENCHMARK(1000000, MD5('x'))"));
        assertEquals(List.of("SQLI_FILE_READ"), flags("SELECT LOAD_FILE('/etc/passwd')"));
        assertEquals(List.of("SQLI_FILE_WRITE"), flags("SELECT * FROM customers INTO OUTFILE '/tmp/c.csv'"));
        assertEquals(List.of("SQLI_COMMENT_TRUNCATION"),
                flags("SELECT * FROM users WHERE name = 'admin' -- ' AND password = 'x'"));
        assertEquals(List.of("SQLI_COMMENT_TRUNCATION"), flags("SELECT * FROM users WHERE name = 'admin'--' AND pw = 'x'"));
        assertEquals(List.of("SQLI_ENCODED_STRING"), flags("SELECT * FROM users WHERE name = 0x61646d696e"));
        assertEquals(List.of("SQLI_ENCODED_STRING"), flags("SELECT * FROM users WHERE name = CHAR(114,111,111,116)"));
        assertEquals(List.of("SQLI_ERROR_BASED"),
                flags("SELECT * FROM users WHERE id = 1 AND EXTRACTVALUE(1, CONCAT(0x5c, (SELECT user())))"));
    }

    @Test
    void aStackedStatementCarriesTheFlagItself() {
        assertEquals(List.of(List.of(), List.of("SQLI_COMMENT_TRUNCATION", "SQLI_STACKED_QUERY")),
                signals("SELECT * FROM users WHERE name = 'x'; DROP TABLE users -- '", QuoteRule.MYSQL));
        assertEquals(List.of(List.of(), List.of("SQLI_STACKED_QUERY")),
                signals("SELECT * FROM products WHERE id = 1; SHUTDOWN", QuoteRule.MYSQL));
        assertEquals(List.of(List.of(), List.of()), signals("SET NAMES 'utf8mb4'; SELECT * FROM users", QuoteRule.MYSQL));
        assertEquals(List.of(List.of(), List.of()),
                signals("INSERT INTO t VALUES ('a'); INSERT INTO t VALUES ('b')", QuoteRule.MYSQL));
        assertEquals(List.of(List.of(), List.of()),
                signals("UPDATE t SET a = 'x' WHERE id = 1; UPDATE t SET a = 'y' WHERE id = 2", QuoteRule.MYSQL));
    }

    @Test
    void whatGeneratorsAndOrdinarySqlWriteIsLeftAlone() {
        for (String sql : List.of(
                "SELECT * FROM user WHERE 1=1 AND name = ? AND status = ?",
                "select c1_0.id from customer c1_0 where c1_0.name=? or 1<>1",
                "select c1_0.id from customer c1_0 where 1=0 order by c1_0.name",
                "select `b`.`id` from `book` as `b` where (1 = 1 and `b`.`year` > ?)",
                "SELECT * FROM users WHERE email = ? OR username = ?",
                "SELECT id FROM product WHERE (? IS NULL OR category_id = ?)",
                "SELECT id FROM users WHERE bio LIKE '%OR 1=1%'",
                "SELECT CHAR(65, 66, 67) AS letters FROM dual",
                "SELECT label FROM uuid_entity WHERE id = 0x3F06AF63A93C11E4979700505690773F",
                "SELECT id FROM flags WHERE mask & 0x0F = 0x0F",
                "SELECT SLEEP(1)",
                "DO SLEEP(0.5)",
                "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                "SELECT table_name FROM information_schema.tables UNION ALL SELECT routine_name FROM information_schema.routines",
                "SELECT DATABASE()",
                "SELECT * FROM docs WHERE owner IN (SELECT id FROM users WHERE login = CURRENT_USER())",
                "/* load Customer */ select c1_0.id from customer c1_0 where c1_0.id=?",
                "ALTER TABLE orders ADD COLUMN note TEXT NULL -- free text entered by staff",
                "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */",
                "SELECT EXTRACTVALUE(doc, '/a/b') FROM xml_docs WHERE id = ?",
                "select d1_0.id from (select id, null as method, 1 as clazz_ from invoice union all "
                        + "select id, method, 2 as clazz_ from receipt) d1_0")) {
            assertEquals(List.of(), flags(sql), sql);
        }
    }

    /** Forms a reviewer's probes found flagged: each is ordinary SQL (see benign.sql for their sources). */
    @Test
    void probedFalseAlarmsAreLeftAlone() {
        // a sqlcommenter trace comment at the end of a multi-statement text swallows nothing
        assertEquals(List.of(List.of(), List.of()), signals("UPDATE a SET x = 1 WHERE id = 7; UPDATE b SET y = 2 WHERE id = 8 "
                + "/*traceparent='00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'*/", QuoteRule.MYSQL));
        // a script's SET preamble before TRUNCATE/DROP, plain and as mysqldump writes it
        assertEquals(List.of(List.of(), List.of()),
                signals("SET FOREIGN_KEY_CHECKS=0; TRUNCATE TABLE orders", QuoteRule.MYSQL));
        assertEquals(List.of(List.of(), List.of()),
                signals("/*!40014 SET FOREIGN_KEY_CHECKS=0 */; DROP TABLE IF EXISTS t", QuoteRule.MYSQL));
        for (String sql : List.of(
                // JSON_KEYS and ExtractValue in predicates, with nothing an error message would carry
                "SELECT id FROM docs WHERE JSON_CONTAINS(JSON_KEYS(attrs), '\"color\"')",
                "SELECT id FROM docs WHERE ExtractValue(body, '/doc/title') = ?",
                // identity functions and @@ variables in a UNION branch's WHERE, not its select list
                "SELECT a FROM t1 UNION ALL SELECT b FROM t2 WHERE owner = CURRENT_USER()",
                "SELECT x FROM t1 UNION SELECT y FROM t2 WHERE schema_name = DATABASE()",
                "SELECT x FROM t1 UNION SELECT y FROM t2 WHERE tz = @@time_zone",
                // table aliases named sys and mysql
                "SELECT id FROM accounts WHERE id IN (SELECT sys.id FROM systems sys WHERE sys.active = 1)",
                "SELECT id FROM accounts WHERE host IN (SELECT mysql.name FROM db_hosts AS mysql WHERE mysql.up = 1)")) {
            assertEquals(List.of(), flags(sql), sql);
        }
    }

    /** What the precision fixes must keep flagging. */
    @Test
    void theNarrowedRulesStillFlagAttacks() {
        // a stacked UPDATE after a closed quote, with a line comment or a block comment that swallows the rest
        assertEquals(List.of(List.of(), List.of("SQLI_STACKED_QUERY")),
                signals("SELECT * FROM t WHERE a = 'x'; UPDATE users SET role = 'admin' WHERE id = 1; -- nightly", QuoteRule.MYSQL));
        assertEquals(List.of(List.of(), List.of("SQLI_COMMENT_TRUNCATION", "SQLI_STACKED_QUERY")),
                signals("SELECT * FROM t WHERE a = 'x'; UPDATE users SET role = 'admin' WHERE id = 1 /*' ORDER BY a", QuoteRule.MYSQL));
        assertEquals(List.of("SQLI_ERROR_BASED"),
                flags("SELECT * FROM t WHERE a = 1 AND JSON_KEYS((SELECT CONVERT((SELECT @@version) USING utf8)))"));
        assertEquals(List.of("SQLI_ERROR_BASED"), flags("SELECT * FROM t WHERE a = 1 AND GTID_SUBSET(CONCAT(0x7e, user()), 1)"));
        assertEquals(List.of("SQLI_ERROR_BASED"), flags("SELECT * FROM t WHERE a = 1 AND UPDATEXML(1, 0x7e, 1)"));
        assertEquals(List.of("SQLI_SYSTEM_PROBE"), flags("SELECT a FROM t1 UNION SELECT CURRENT_USER() FROM t2"));
        // an alias cannot hide a system table after FROM, nor a qualifier the statement does not declare
        assertEquals(List.of("SQLI_SYSTEM_PROBE"),
                flags("SELECT id FROM t WHERE id IN (SELECT mysql.user FROM mysql.user mysql)"));
        assertEquals(List.of("SQLI_SYSTEM_PROBE"),
                flags("SELECT id FROM t WHERE id IN (SELECT 1 FROM dual WHERE sys.version() > 0 OR 1 IN (SELECT 1 FROM sys.x))"));
    }

    /** By design (docs/events.md): a clause commented out at the very end has an injection's shape. */
    @Test
    void aCommentedOutClauseAtTheEndIsTruncation() {
        assertEquals(List.of("SQLI_COMMENT_TRUNCATION"), flags("SELECT id FROM orders WHERE status = 'open' -- AND deleted = 0"));
    }

    /** MariaDB runs the body of {@code /*M!…*}{@code /} like MySQL's {@code /*!…*}{@code /}. */
    @Test
    void mariaDbExecutableCommentsAreCode() {
        assertEquals(List.of("SQLI_TAUTOLOGY"), flags("SELECT * FROM users WHERE id = 5 /*M! OR 1=1 */"));
        assertEquals(List.of("SQLI_TAUTOLOGY"), flags("SELECT * FROM users WHERE id = 5 /*M!100100 OR 1=1 */"));
        assertEquals(List.of("SQLI_TAUTOLOGY", "SQLI_COMMENT_TRUNCATION"),
                flags("SELECT * FROM users WHERE name = 'x' /*M! OR 1=1 */ -- '"));
        assertEquals(List.of(), flags("/*M!100616 SET NOTE_VERBOSITY=@@NOTE_VERBOSITY */"));
    }

    @Test
    void theQuoteRuleDecidesWhatIsALiteral() {
        // "1" is a string by default; with ANSI quotes a name, and "1"="1" compares a column with itself
        assertEquals(List.of("SQLI_TAUTOLOGY"), signals("SELECT * FROM t WHERE a = '' OR \"1\"=\"1\"", QuoteRule.MYSQL).get(0));
        assertEquals(List.of(), signals("SELECT * FROM t WHERE a = '' OR \"1\"=\"1\"", QuoteRule.MYSQL_ANSI_QUOTES).get(0));
        // in H2 (standard rule) || concatenates and --x is a comment
        assertEquals(List.of(), signals("SELECT 'a' || 'b' = 'ab' FROM t", QuoteRule.STANDARD).get(0));
        assertEquals(List.of("SQLI_COMMENT_TRUNCATION"),
                signals("SELECT * FROM users WHERE name = 'admin'--' AND pw = 'x'", QuoteRule.STANDARD).get(0));
    }

    @Test
    void printableHexIsText() {
        assertEquals(true, Injection.printableText("61646d696e"));
        assertEquals(false, Injection.printableText("3F06AF63"));
        assertEquals(false, Injection.printableText("41"));
        assertEquals(false, Injection.printableText("zz41"), "X'zz41' is no hex: no signal, no exception");
    }

    /**
     * Word tokens are compared by identity with RawTokens' vocabulary: a word the rules ask about
     * that is missing there would silently never match. Every upper-case literal in the sources of
     * Injection and ConstantConditions (flag names aside) must be in it.
     */
    @Test
    void everyWordTheRulesAskAboutIsInTheVocabulary() throws java.io.IOException {
        String source = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/java/io/jdbcactivity/analyze/Injection.java"))
                + java.nio.file.Files.readString(
                        java.nio.file.Path.of("src/main/java/io/jdbcactivity/analyze/ConstantConditions.java"));
        java.util.Set<String> vocabulary = java.util.Set.of(RawTokens.VOCABULARY);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([A-Z][A-Z_]*)\"").matcher(source);
        List<String> missing = new ArrayList<>();
        int words = 0;
        while (m.find()) {
            if (!m.group(1).startsWith("SQLI_")) {
                words++;
                if (!vocabulary.contains(m.group(1))) {
                    missing.add(m.group(1));
                }
            }
        }
        assertEquals(List.of(), missing);
        assertEquals(true, words > 50, "the scan found the rules' words: " + words);
    }
}
