package io.jdbcactivity.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TablesTest {
    private static String tables(String sql) {
        Analysis.Statement s = SqlAnalyzer.analyzeUncached(sql).statements().get(0);
        return s.tables().stream().map(t -> t.name() + ":" + t.access()).sorted().collect(Collectors.joining(","));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "SELECT * FROM t | t:READ",
        "SELECT a.x FROM `shop`.`order` a JOIN customer c ON c.id = a.cid LEFT JOIN `item` i USING (id) | customer:READ,item:READ,shop.order:READ",
        "SELECT * FROM a, b AS bb, c cc WHERE a.id = bb.id | a:READ,b:READ,c:READ",
        "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE x > 1) | t:READ,u:READ",
        "SELECT * FROM (SELECT id FROM u) d | u:READ",
        "SELECT EXTRACT(YEAR FROM created), TRIM(LEADING 'x' FROM name) FROM t | t:READ",
        "SELECT 1 UNION SELECT id FROM a UNION ALL SELECT id FROM b | a:READ,b:READ",
        "WITH recent AS (SELECT * FROM orders WHERE d > 1) SELECT * FROM recent JOIN customer ON 1 = 1 | customer:READ,orders:READ",
        "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r | ~~",
        "INSERT INTO a (x) SELECT y FROM b | a:INSERT,b:READ",
        "INSERT IGNORE INTO `log` VALUES (1) ON DUPLICATE KEY UPDATE n = n + 1 | log:INSERT",
        "REPLACE INTO t SELECT * FROM s | s:READ,t:REPLACE",
        "UPDATE a JOIN b ON a.id = b.id SET a.x = b.y | a:UPDATE,b:READ",
        "UPDATE a SET x = 1 WHERE id IN (SELECT id FROM b) | a:UPDATE,b:READ",
        "UPDATE a x JOIN b y ON x.id = y.id SET y.v = x.v WHERE x.k = 1 | a:READ,b:UPDATE",
        "DELETE FROM t WHERE id = 1 | t:DELETE",
        "DELETE a FROM a JOIN b ON a.id = b.id WHERE b.x = 1 | a:DELETE,b:READ",
        "DELETE t1, t2 FROM t1 INNER JOIN t2 INNER JOIN t3 WHERE t1.id = t2.id | t1:DELETE,t2:DELETE,t3:READ",
        "DELETE FROM t1 USING t1 JOIN t3 ON t1.id = t3.id | t1:DELETE,t3:READ",
        "CREATE TABLE IF NOT EXISTS t2 LIKE t1 | t1:READ,t2:CREATE",
        "CREATE TABLE t (id INT PRIMARY KEY) | t:CREATE",
        "CREATE TABLE s AS SELECT * FROM t | s:CREATE,t:READ",
        "CREATE OR REPLACE VIEW v AS SELECT * FROM t | t:READ,v:CREATE",
        "ALTER TABLE t ADD COLUMN c INT | t:ALTER",
        "DROP TABLE IF EXISTS a, b | a:DROP,b:DROP",
        "TRUNCATE t | t:TRUNCATE",
        "TRUNCATE TABLE shop.t | shop.t:TRUNCATE",
        "RENAME TABLE a TO b, c TO d | a:RENAME,b:RENAME,c:RENAME,d:RENAME",
        "CREATE UNIQUE INDEX i ON t (a) | t:ALTER",
        "LOAD DATA LOCAL INFILE '/x.csv' INTO TABLE t FIELDS TERMINATED BY ',' | t:LOAD",
        "LOCK TABLES a READ, b WRITE | a:READ,b:READ",
        "SHOW COLUMNS FROM t | t:READ",
        "SHOW TABLES FROM db | ~~",
        "SELECT * FROM user WHERE status = 1 | user:READ",
        "SELECT 1 | ~~",
    })
    void tablesAndTheirAccess(String sql, String expected) {
        assertEquals(expected == null ? "" : expected, tables(sql));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "INSERT INTO a SELECT * FROM b | a",
        "SELECT * FROM x JOIN y | x",
    })
    void thePrimaryTableIsTheFirstWrittenElseTheFirstRead(String sql, String primary) {
        assertEquals(primary, SqlAnalyzer.analyzeUncached(sql).statements().get(0).primaryTable().name());
        assertEquals(List.of(), SqlAnalyzer.analyzeUncached("SELECT 1").statements().get(0).tables());
    }
}
