package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Column-level access from JSqlParser's tree, through the analyzer (so over the normal form, as
 * the publisher does), for the shapes the issue names. Each expectation is written as
 * {@code table r[read…] w[written…]} per table (no {@code w} when nothing is written), in order
 * of the first mention of one of its columns.
 */
class ColumnsTest {
    private static String columns(String sql) {
        ColumnAccess c = SqlAnalyzer.analyzeUncached(sql).statements().get(0).columns();
        assertTrue(c.parsed(), () -> "not parsed (" + c.reason() + "): " + sql);
        return c.tables().stream()
                .map(t -> t.table() + " r" + t.read() + (t.written().isEmpty() ? "" : " w" + t.written()))
                .collect(Collectors.joining("; ")).replace(", ", ",");
    }

    @Test
    void selectWithAliasesAndQualifiedNames() {
        assertEquals("shop.users r[id,name,active]",
                columns("SELECT u.id, `u`.`name` FROM `shop`.`users` AS u WHERE u.active = 1"));
        assertEquals("users r[id,name,email]", columns("select id, name from users where email = 'a@b.c'"));
    }

    @Test
    void joinsResolveEachAliasToItsTable() {
        assertEquals("orders r[id,total,user_id,created_at]; users r[name,id,country]",
                columns("SELECT o.id, o.total, u.name FROM orders o JOIN users u ON u.id = o.user_id "
                        + "WHERE u.country = 'FR' ORDER BY o.created_at DESC"));
        assertEquals("a r[x,id]; b r[y,a_id]",
                columns("SELECT a.x, b.y FROM a LEFT OUTER JOIN b ON b.a_id = a.id"));
    }

    @Test
    void unqualifiedColumnsOfSeveralTablesGoToQuestionMark() {
        assertEquals("? r[x,y]; a r[id]; b r[id]", columns("SELECT x, y FROM a JOIN b ON a.id = b.id"));
    }

    @Test
    void usingReadsBothSides() {
        assertEquals("a r[x,id]; b r[id]", columns("SELECT a.x FROM a JOIN b USING (id)"));
    }

    @Test
    void starAndTableStarStayStars() {
        assertEquals("t r[*]", columns("SELECT * FROM t"));
        assertEquals("a r[*,id]; b r[name,a_id]", columns("SELECT a.*, b.name FROM a JOIN b ON b.a_id = a.id"));
        assertEquals("a r[*]; b r[*]", columns("SELECT * FROM a, b"));
    }

    @Test
    void countStarReadsNoColumnButFunctionsReadTheirArguments() {
        assertEquals("t r[status]", columns("SELECT COUNT(*) FROM t WHERE status = 'x'"));
        assertEquals("t r[price,qty,name]",
                columns("SELECT SUM(price * qty), UPPER(name), NOW() FROM t"));
    }

    @Test
    void groupByHavingOrderByAndSelectAliases() {
        assertEquals("orders r[customer_id,total,status]",
                columns("SELECT customer_id, SUM(total) AS spent FROM orders WHERE status = 'paid' "
                        + "GROUP BY customer_id HAVING spent > 100 ORDER BY spent DESC"));
    }

    @Test
    void subqueriesInWhereAndFrom() {
        assertEquals("users r[name,id]; orders r[user_id,total]",
                columns("SELECT name FROM users WHERE id IN (SELECT user_id FROM orders WHERE total > 10)"));
        assertEquals("users r[name,id]; orders r[user_id]",
                columns("SELECT u.name FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.id)"));
        // a derived table is no table: its columns are read inside it
        assertEquals("orders r[user_id,total]",
                columns("SELECT d.user_id, d.s FROM (SELECT user_id, SUM(total) AS s FROM orders GROUP BY user_id) d"));
    }

    @Test
    void unionBranchesEachReadTheirOwn() {
        assertEquals("a r[id,name]; b r[id,title,deleted]",
                columns("SELECT id, name FROM a UNION ALL SELECT id, title FROM b WHERE deleted = 0 ORDER BY id"));
    }

    @Test
    void cteIsNoTableEvenWhenNamedLikeOne() {
        assertEquals("orders r[user_id,total,created_at]; users r[name,id]",
                columns("WITH big AS (SELECT user_id, total FROM orders WHERE created_at > ?) "
                        + "SELECT u.name, big.total FROM big JOIN users u ON u.id = big.user_id"));
        // the CTE hides the real table of the same name
        assertEquals("accounts r[id,owner]", columns("WITH users AS (SELECT id, owner FROM accounts) SELECT * FROM users"));
    }

    @Test
    void insertColumnListIsWritten() {
        assertEquals("users r[] w[name,email]", columns("INSERT INTO users (name, email) VALUES ('a', 'b'), ('c', 'd')"));
        assertEquals("users r[] w[*]", columns("INSERT INTO users VALUES (1, 'a')"));
        assertEquals("users r[] w[name,email]", columns("INSERT INTO users SET name = 'a', email = 'b'"));
    }

    @Test
    void insertSelectWritesOneAndReadsTheOther() {
        assertEquals("archive r[] w[id,total]; orders r[id,total,created_at]",
                columns("INSERT INTO archive (id, total) SELECT id, total FROM orders WHERE created_at < ?"));
    }

    @Test
    void onDuplicateKeyUpdateWritesItsTargets() {
        assertEquals("counters r[hits] w[name,hits,seen]",
                columns("INSERT INTO counters (name, hits) VALUES ('x', 1) "
                        + "ON DUPLICATE KEY UPDATE hits = hits + VALUES(hits), seen = NOW()"));
    }

    @Test
    void replace() {
        assertEquals("kv r[] w[k,v]", columns("REPLACE INTO kv (k, v) VALUES ('a', 'b')"));
    }

    @Test
    void updateSetTargetsAreWrittenAndExpressionsRead() {
        assertEquals("product r[stock,id] w[stock]",
                columns("UPDATE product SET stock = stock - 1 WHERE id = 7 AND stock >= 1"));
    }

    @Test
    void multiTableUpdate() {
        assertEquals("users r[id,banned]; orders r[user_id,status] w[status]",
                columns("UPDATE orders o JOIN users u ON u.id = o.user_id SET o.status = 'void' "
                        + "WHERE u.banned = 1 AND o.status = 'open'"));
    }

    @Test
    void deleteReadsItsConditionAndWritesNoColumn() {
        assertEquals("sessions r[expires]", columns("DELETE FROM sessions WHERE expires < NOW()"));
        assertEquals("a r[id]; b r[a_id,z]", columns("DELETE a FROM a JOIN b ON a.id = b.a_id WHERE b.z = 3"));
    }

    @Test
    void correlatedSubqueryInSelectList() {
        assertEquals("users r[name,id]; orders r[user_id]",
                columns("SELECT u.name, (SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id) AS n FROM users u"));
    }

    @Test
    void placeholderListsAndRowsAreCollapsedBeforeParsing() {
        assertEquals("SELECT a FROM t WHERE b IN (?) AND c in (?)",
                ParserText.collapse("SELECT a FROM t WHERE b IN (?, ?, ?) AND c in (?,?)"));
        assertEquals("INSERT INTO t (a, b) VALUES (?, ?)", ParserText.collapse("INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)"));
        assertEquals("INSERT INTO t (a) values (?) ON DUPLICATE KEY UPDATE a = ?",
                ParserText.collapse("INSERT INTO t (a) values (?), (?) ON DUPLICATE KEY UPDATE a = ?"));
        // not only placeholders, or a word that merely ends in "in": untouched
        assertEquals("SELECT a FROM t WHERE b IN (?, c) AND join (?, ?)",
                ParserText.collapse("SELECT a FROM t WHERE b IN (?, c) AND join (?, ?)"));
        assertEquals("SELECT a FROM t WHERE b IN (SELECT c FROM u)", ParserText.collapse("SELECT a FROM t WHERE b IN (SELECT c FROM u)"));

        StringBuilder big = new StringBuilder("INSERT INTO t (a, b) VALUES ");
        for (int i = 0; i < 5000; i++) {
            big.append(i == 0 ? "" : ", ").append("(?, ?)");
        }
        assertEquals("t r[] w[a,b]", columns(big.toString()), "a 5,000-row INSERT is under the size budget once collapsed");
    }

    @Test
    void jdbcEscapesAndMySqlWordsJSqlParserDoesNotRead() {
        assertEquals("SELECT * FROM t LEFT OUTER JOIN a ON t.id = a.t_id WHERE t.x > ? AND d = ? AND n LIKE ? ESCAPE ?",
                ParserText.of("SELECT * FROM {oj t LEFT OUTER JOIN a ON t.id = a.t_id} WHERE t.x > ? AND d = {d ?}"
                        + " AND n LIKE ? {escape ?}"));
        assertEquals("SELECT {fn UCASE(`{oj`)} FROM t", ParserText.of("SELECT {fn UCASE(`{oj`)} FROM t"));
        assertEquals("SELECT id FROM orders", ParserText.of("SELECT id FROM orders LOCK IN SHARE MODE"));
        assertEquals("SELECT DISTINCT customer_id FROM orders", ParserText.of("SELECT DISTINCT SQL_NO_CACHE customer_id FROM orders"));
        assertEquals("t r[x,id]; a r[t_id]", columns("SELECT t.x FROM {oj t LEFT OUTER JOIN a ON t.id = a.t_id}"));
        assertEquals("orders r[id]", columns("SELECT id FROM orders LOCK IN SHARE MODE"));
    }

    @Test
    void boundedWithAFlag() {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < Columns.MAX_COLUMNS + 10; i++) {
            sql.append(i == 0 ? "" : ", ").append("c").append(i);
        }
        sql.append(" FROM t");
        ColumnAccess c = Columns.of(sql.toString());
        assertTrue(c.parsed());
        assertTrue(c.truncated());
        assertEquals(Columns.MAX_COLUMNS, c.tables().get(0).read().size());
        assertFalse(Columns.of("SELECT a FROM t").truncated());
    }

    @Test
    void whatItCannotParseIsUnknownWithAReason() {
        String sql = "DELETE FROM s USING sessions AS s JOIN users AS u ON u.id = s.user_id WHERE u.disabled = 1";
        ColumnAccess c = SqlAnalyzer.analyzeUncached(sql).statements().get(0).columns();
        assertFalse(c.parsed());
        assertEquals("parseError", c.reason());
        assertEquals(List.of(), c.tables());
        // the resolver still answers the tables
        assertEquals(List.of(new TableAccess("users", "READ"), new TableAccess("sessions", "DELETE")),
                SqlAnalyzer.analyzeUncached(sql).statements().get(0).tables());
    }

    @Test
    void tooLongIsNotParsed() {
        StringBuilder sql = new StringBuilder("SELECT a FROM t WHERE a IN (");
        while (sql.length() <= Columns.MAX_CHARS) {
            sql.append("b, ");
        }
        sql.append("b)");
        ColumnAccess c = Columns.of(sql.toString());
        assertFalse(c.parsed());
        assertEquals("tooLong", c.reason());
    }

    @Test
    void statementsWithoutColumnsAreNotTried() {
        ColumnAccess c = SqlAnalyzer.analyzeUncached("CREATE TABLE t (a INT)").statements().get(0).columns();
        assertSame(ColumnAccess.NOT_TRIED, c);
        assertNull(c.reason());
    }

    @Test
    void parsedOncePerNormalForm() {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        ColumnAccess first = analyzer.analyze("SELECT name FROM users WHERE id = 1").statements().get(0).columns();
        ColumnAccess second = analyzer.analyze("SELECT name FROM users WHERE id = 2").statements().get(0).columns();
        assertSame(first, second);
        assertEquals(1, analyzer.columnCacheSize());
        assertEquals(2, analyzer.cacheSize());
    }

    @Test
    void oneWatchdogThreadAtMost() {
        for (int i = 0; i < 50; i++) {
            Columns.of("SELECT a" + i + " FROM t");
        }
        long watchdogs = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("jdbc-activity-parse-watchdog")).count();
        assertTrue(watchdogs <= 1, "watchdog threads: " + watchdogs);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("jdbc-activity-parse-watchdog")).allMatch(Thread::isDaemon));
    }
}
