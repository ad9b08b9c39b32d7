-- MySQL 8.x statements with what jdbc-activity must say about them. Each entry: a line
-- "-- @ command=… class=… tables=name:ACCESS,…" (tables=- for none), optionally followed by
-- " statements=N" (how many statements the server runs for the text; 1 when absent),
-- " object=TYPE:name" (objectType/objectName of the first statement) and " rule=QUOTE_RULE" (the
-- target's quote rule, MYSQL when absent), then the SQL up to the next entry. Families follow the
-- reference manual's "SQL Statements" chapter, then ORM forms, stored programs, JDBC escapes,
-- quote rules and nasty cases.

-- ===== Data definition =====
-- @ command=ALTER DATABASE class=DDL tables=-
ALTER DATABASE shop CHARACTER SET utf8mb4
-- @ command=ALTER EVENT class=DDL tables=- object=EVENT:purge_old
ALTER EVENT purge_old ON SCHEDULE EVERY 2 DAY
-- @ command=ALTER FUNCTION class=DDL tables=- object=FUNCTION:f_total
ALTER FUNCTION f_total COMMENT 'sums'
-- @ command=ALTER PROCEDURE class=DDL tables=- object=PROCEDURE:p_close
ALTER PROCEDURE p_close SQL SECURITY INVOKER
-- @ command=ALTER TABLE class=DDL tables=orders:ALTER
ALTER TABLE orders ADD COLUMN note VARCHAR(200) NULL AFTER total
-- @ command=ALTER TABLE class=DDL tables=shop.orders:ALTER
ALTER TABLE `shop`.`orders` DROP INDEX idx_total, ADD INDEX idx_total (total DESC)
-- @ command=ALTER TABLE class=DDL tables=t:ALTER
ALTER TABLE t ENGINE = InnoDB, ALGORITHM = INPLACE, LOCK = NONE
-- @ command=ALTER TABLE class=DDL tables=t:ALTER
ALTER TABLE t RENAME COLUMN a TO b
-- @ command=ALTER TABLE class=DDL tables=t:ALTER
alter table t modify column c decimal(10,2) not null default '0.00'
-- @ command=ALTER TABLE class=DDL tables=child:ALTER
ALTER TABLE child ADD CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE
-- @ command=ALTER VIEW class=DDL tables=v_orders:ALTER,orders:READ
ALTER VIEW v_orders AS SELECT id, total FROM orders
-- @ command=CREATE DATABASE class=DDL tables=-
CREATE DATABASE IF NOT EXISTS shop DEFAULT CHARACTER SET utf8mb4
-- @ command=CREATE DATABASE class=DDL tables=-
CREATE SCHEMA reporting
-- @ command=CREATE EVENT class=DDL tables=- object=EVENT:purge_old
CREATE EVENT purge_old ON SCHEDULE EVERY 1 DAY DO DELETE FROM log WHERE at < NOW() - INTERVAL 30 DAY
-- @ command=CREATE FUNCTION class=DDL tables=- object=FUNCTION:f_tax
CREATE FUNCTION f_tax(amount DECIMAL(10,2)) RETURNS DECIMAL(10,2) DETERMINISTIC RETURN amount * 0.2
-- @ command=CREATE INDEX class=DDL tables=orders:ALTER
CREATE INDEX idx_customer ON orders (customer_id)
-- @ command=CREATE INDEX class=DDL tables=product:ALTER
CREATE UNIQUE INDEX ux_sku ON product (sku)
-- @ command=CREATE INDEX class=DDL tables=doc:ALTER
CREATE FULLTEXT INDEX ft_body ON doc (body)
-- @ command=CREATE PROCEDURE class=DDL tables=- object=PROCEDURE:p_close
CREATE PROCEDURE p_close(IN o INT) BEGIN UPDATE orders SET status = 'CLOSED' WHERE id = o; END
-- @ command=CREATE PROCEDURE class=DDL tables=- object=PROCEDURE:p_noop
CREATE DEFINER=`admin`@`%` PROCEDURE p_noop() SELECT 1
-- @ command=CREATE SERVER class=DDL tables=-
CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (HOST 'remote')
-- @ command=CREATE SPATIAL REFERENCE SYSTEM class=DDL tables=-
CREATE SPATIAL REFERENCE SYSTEM 4120 NAME 'Greek' DEFINITION 'GEOGCS[]'
-- @ command=CREATE TABLE class=DDL tables=orders:CREATE
CREATE TABLE orders (id BIGINT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL, total DECIMAL(10,2) DEFAULT 0)
-- @ command=CREATE TABLE class=DDL tables=tmp_ids:CREATE
CREATE TEMPORARY TABLE tmp_ids (id INT)
-- @ command=CREATE TABLE class=DDL tables=orders_copy:CREATE,orders:READ
CREATE TABLE IF NOT EXISTS orders_copy LIKE orders
-- @ command=CREATE TABLE class=DDL tables=big_orders:CREATE,orders:READ
CREATE TABLE big_orders AS SELECT * FROM orders WHERE total > 1000
-- @ command=CREATE TABLE class=DDL tables=archive.orders_2025:CREATE
CREATE TABLE `archive`.`orders_2025` (`id` bigint NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB /*!50100 PARTITION BY HASH (id) PARTITIONS 4 */
-- @ command=CREATE TABLE class=DDL tables=child:CREATE
CREATE TABLE child (id INT, parent_id INT, FOREIGN KEY (parent_id) REFERENCES parent(id))
-- @ command=CREATE TABLESPACE class=DDL tables=-
CREATE TABLESPACE ts1 ADD DATAFILE 'ts1.ibd' ENGINE=InnoDB
-- @ command=CREATE TRIGGER class=DDL tables=orders:ALTER object=TRIGGER:trg_audit
CREATE TRIGGER trg_audit AFTER INSERT ON orders FOR EACH ROW INSERT INTO audit (order_id) VALUES (NEW.id)
-- @ command=CREATE VIEW class=DDL tables=v_big:CREATE,orders:READ
CREATE VIEW v_big AS SELECT * FROM orders WHERE total > 100
-- @ command=CREATE VIEW class=DDL tables=v_cust:CREATE,customer:READ,orders:READ
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY DEFINER VIEW v_cust AS SELECT c.name, COUNT(o.id) n FROM customer c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name
-- @ command=DROP DATABASE class=DDL tables=-
DROP DATABASE IF EXISTS scratch
-- @ command=DROP EVENT class=DDL tables=- object=EVENT:purge_old
DROP EVENT IF EXISTS purge_old
-- @ command=DROP FUNCTION class=DDL tables=- object=FUNCTION:f_tax
DROP FUNCTION f_tax
-- @ command=DROP INDEX class=DDL tables=orders:ALTER
DROP INDEX idx_customer ON orders
-- @ command=DROP PROCEDURE class=DDL tables=- object=PROCEDURE:p_close
DROP PROCEDURE IF EXISTS p_close
-- @ command=DROP TABLE class=DDL tables=orders_copy:DROP
DROP TABLE orders_copy
-- @ command=DROP TABLE class=DDL tables=a:DROP,b:DROP,shop.c:DROP
DROP TABLE IF EXISTS a, b, `shop`.`c`
-- @ command=DROP TABLE class=DDL tables=tmp_ids:DROP
DROP TEMPORARY TABLE IF EXISTS tmp_ids
-- @ command=DROP TRIGGER class=DDL tables=- object=TRIGGER:trg_audit
DROP TRIGGER trg_audit
-- @ command=DROP VIEW class=DDL tables=v_big:DROP
DROP VIEW v_big
-- @ command=DROP TABLESPACE class=DDL tables=-
DROP TABLESPACE ts1
-- @ command=RENAME TABLE class=DDL tables=orders:RENAME,orders_old:RENAME,orders_new:RENAME
RENAME TABLE orders TO orders_old, orders_new TO orders
-- @ command=RENAME TABLE class=DDL tables=a:RENAME,b:RENAME,c:RENAME,d:RENAME
RENAME TABLE a TO b, c TO d
-- @ command=ALTER TABLE class=DDL tables=a:ALTER,b:RENAME
ALTER TABLE a RENAME TO b
-- @ command=ALTER TABLE class=DDL tables=a:ALTER,b:RENAME
ALTER TABLE a RENAME b
-- @ command=ALTER TABLE class=DDL tables=shop.a:ALTER,archive.a:RENAME
ALTER TABLE shop.a ADD COLUMN c INT, RENAME AS archive.a
-- @ command=ALTER TABLE class=DDL tables=t:ALTER
ALTER TABLE t RENAME INDEX i1 TO i2, RENAME KEY k1 TO k2
-- @ command=TRUNCATE TABLE class=WRITE tables=log:TRUNCATE
TRUNCATE TABLE log
-- @ command=TRUNCATE TABLE class=WRITE tables=shop.log:TRUNCATE
TRUNCATE `shop`.`log`

-- ===== Data manipulation =====
-- @ command=CALL class=FUNCTION tables=- object=PROCEDURE:p_close
CALL p_close(42)
-- @ command=CALL class=FUNCTION tables=- object=PROCEDURE:shop.p_report
call shop.p_report(?, ?)
-- @ command=DELETE class=WRITE tables=orders:DELETE
DELETE FROM orders WHERE id = 7
-- @ command=DELETE class=WRITE tables=log:DELETE
DELETE LOW_PRIORITY QUICK IGNORE FROM log WHERE at < '2020-01-01' ORDER BY at LIMIT 1000
-- @ command=DELETE class=WRITE tables=orders:DELETE,customer:READ
DELETE o FROM orders o JOIN customer c ON c.id = o.customer_id WHERE c.banned = 1
-- @ command=DELETE class=WRITE tables=t1:DELETE,t2:DELETE,t3:READ
DELETE t1, t2 FROM t1 INNER JOIN t2 INNER JOIN t3 WHERE t1.id = t2.id AND t2.id = t3.id
-- @ command=DELETE class=WRITE tables=t1:DELETE,t2:READ
DELETE FROM t1 USING t1 JOIN t2 ON t1.id = t2.id
-- @ command=DELETE class=WRITE tables=sessions:DELETE,users:READ
DELETE FROM s USING sessions AS s JOIN users AS u ON u.id = s.user_id WHERE u.disabled = 1
-- @ command=DELETE class=WRITE tables=orders:DELETE,blacklist:READ
DELETE FROM orders WHERE customer_id IN (SELECT customer_id FROM blacklist)
-- @ command=DELETE class=WRITE tables=cart:DELETE
DELETE FROM cart
-- @ command=DO class=FUNCTION tables=-
DO SLEEP(0)
-- @ command=HANDLER class=MISC tables=t:READ
HANDLER t OPEN
-- @ command=HANDLER class=READ tables=t:READ
HANDLER t READ idx_a FIRST WHERE a > 1 LIMIT 5
-- @ command=HANDLER class=MISC tables=shop.t:READ
HANDLER shop.t CLOSE
-- @ command=TABLE class=READ tables=orders:READ
TABLE orders
-- @ command=TABLE class=READ tables=customers:READ
TABLE customers ORDER BY name LIMIT 10
-- @ command=TABLE class=READ tables=a:READ,b:READ
TABLE a UNION TABLE b
-- @ command=INSERT class=WRITE tables=orders:INSERT
INSERT INTO orders (customer_id, total) VALUES (1, 10.50)
-- @ command=INSERT class=WRITE tables=orders:INSERT
INSERT INTO orders (customer_id, total) VALUES (1, 10.50), (2, 20.00), (3, 30.25)
-- @ command=INSERT class=WRITE tables=orders:INSERT
INSERT orders SET customer_id = 1, total = 5
-- @ command=INSERT class=WRITE tables=counter:INSERT
INSERT INTO counter (k, n) VALUES ('hits', 1) ON DUPLICATE KEY UPDATE n = n + 1
-- @ command=INSERT class=WRITE tables=counter:INSERT
INSERT INTO counter (k, n) VALUES ('hits', 1) AS new ON DUPLICATE KEY UPDATE n = counter.n + new.n
-- @ command=INSERT class=WRITE tables=log:INSERT
INSERT IGNORE INTO log VALUES (NULL, 'x')
-- @ command=INSERT class=WRITE tables=log:INSERT
INSERT LOW_PRIORITY INTO log (msg) VALUES ('y')
-- @ command=INSERT class=WRITE tables=orders_archive:INSERT,orders:READ
INSERT INTO orders_archive SELECT * FROM orders WHERE created < '2025-01-01'
-- @ command=INSERT class=WRITE tables=summary:INSERT,orders:READ,customer:READ
INSERT INTO summary (name, n) SELECT c.name, COUNT(*) FROM orders o JOIN customer c ON c.id = o.customer_id GROUP BY c.name
-- @ command=INSERT class=WRITE tables=t:INSERT,s:READ
INSERT INTO t (a) TABLE s
-- @ command=LOAD DATA class=WRITE tables=orders:LOAD
LOAD DATA INFILE '/var/lib/mysql-files/orders.csv' INTO TABLE orders FIELDS TERMINATED BY ',' ENCLOSED BY '"' LINES TERMINATED BY '\n' IGNORE 1 LINES
-- @ command=LOAD DATA class=WRITE tables=shop.orders:LOAD
LOAD DATA LOCAL INFILE 'orders.csv' REPLACE INTO TABLE `shop`.`orders` (id, total)
-- @ command=LOAD XML class=WRITE tables=person:LOAD
LOAD XML LOCAL INFILE 'person.xml' INTO TABLE person ROWS IDENTIFIED BY '<person>'
-- @ command=REPLACE class=WRITE tables=kv:REPLACE
REPLACE INTO kv (k, v) VALUES ('a', '1')
-- @ command=REPLACE class=WRITE tables=kv:REPLACE,kv_staging:READ
REPLACE INTO kv SELECT k, v FROM kv_staging
-- @ command=REPLACE class=WRITE tables=kv:REPLACE
REPLACE kv SET k = 'b', v = '2'
-- @ command=SELECT class=READ tables=orders:READ
SELECT * FROM orders
-- @ command=SELECT class=READ tables=-
SELECT 1
-- @ command=SELECT class=READ tables=-
SELECT NOW(), CURRENT_USER(), @@version
-- @ command=SELECT class=READ tables=shop.orders:READ,customer:READ
SELECT o.id, c.name FROM `shop`.`orders` o JOIN customer c ON c.id = o.customer_id WHERE o.total > 10
-- @ command=SELECT class=READ tables=a:READ,b:READ,c:READ
SELECT * FROM a, b, c WHERE a.id = b.id AND b.id = c.id
-- @ command=SELECT class=READ tables=a:READ,b:READ
SELECT * FROM a LEFT OUTER JOIN b USING (id)
-- @ command=SELECT class=READ tables=a:READ,b:READ
SELECT * FROM a RIGHT JOIN b ON a.id = b.id
-- @ command=SELECT class=READ tables=a:READ,b:READ
SELECT * FROM a CROSS JOIN b
-- @ command=SELECT class=READ tables=a:READ,b:READ
SELECT * FROM a NATURAL JOIN b
-- @ command=SELECT class=READ tables=a:READ,b:READ
SELECT STRAIGHT_JOIN * FROM a STRAIGHT_JOIN b ON a.id = b.id
-- @ command=SELECT class=READ tables=orders:READ
SELECT * FROM orders FORCE INDEX (idx_total) WHERE total > 5
-- @ command=SELECT class=READ tables=orders:READ,customer:READ
SELECT * FROM orders USE INDEX (idx_customer) JOIN customer IGNORE INDEX FOR JOIN (PRIMARY) ON customer.id = orders.customer_id
-- @ command=SELECT class=READ tables=orders:READ,refunds:READ
SELECT id FROM orders WHERE id NOT IN (SELECT order_id FROM refunds)
-- @ command=SELECT class=READ tables=orders:READ,items:READ
SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM items i WHERE i.order_id = o.id)
-- @ command=SELECT class=READ tables=items:READ
SELECT t.n FROM (SELECT order_id, COUNT(*) n FROM items GROUP BY order_id) t WHERE t.n > 3
-- @ command=SELECT class=READ tables=orders:READ,items:READ
SELECT o.id, (SELECT COUNT(*) FROM items i WHERE i.order_id = o.id) AS n FROM orders o
-- @ command=SELECT class=READ tables=a:READ,b:READ
SELECT id FROM a UNION SELECT id FROM b
-- @ command=SELECT class=READ tables=a:READ,b:READ
(SELECT id FROM a ORDER BY id LIMIT 5) UNION ALL (SELECT id FROM b)
-- @ command=SELECT class=READ tables=a:READ,b:READ
SELECT id FROM a EXCEPT SELECT id FROM b
-- @ command=SELECT class=READ tables=a:READ,b:READ
SELECT id FROM a INTERSECT SELECT id FROM b
-- @ command=SELECT class=READ tables=orders:READ
SELECT customer_id, SUM(total) s FROM orders GROUP BY customer_id WITH ROLLUP HAVING s > 100 ORDER BY s DESC LIMIT 10 OFFSET 20
-- @ command=SELECT class=READ tables=orders:READ
SELECT id, total, RANK() OVER (PARTITION BY customer_id ORDER BY total DESC) r, SUM(total) OVER w FROM orders WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
-- @ command=SELECT class=READ tables=orders:READ
SELECT id FROM orders WHERE status = 'NEW' FOR UPDATE SKIP LOCKED
-- @ command=SELECT class=READ tables=orders:READ
SELECT id FROM orders LOCK IN SHARE MODE
-- @ command=SELECT class=READ tables=orders:READ
SELECT id INTO @last FROM orders ORDER BY id DESC LIMIT 1
-- @ command=SELECT class=READ tables=orders:READ
SELECT * FROM orders INTO OUTFILE '/tmp/orders.csv'
-- @ command=SELECT class=READ tables=events:READ
SELECT EXTRACT(YEAR FROM at), TRIM(LEADING '0' FROM code), SUBSTRING(name FROM 2 FOR 3), POSITION('a' IN name) FROM events
-- @ command=SELECT class=READ tables=doc:READ
SELECT id, MATCH(body) AGAINST ('+mysql -oracle' IN BOOLEAN MODE) AS score FROM doc
-- @ command=SELECT class=READ tables=products:READ
SELECT doc->'$.name', doc->>'$.price', JSON_EXTRACT(doc, '$.tags[0]') FROM products WHERE JSON_CONTAINS(doc->'$.tags', '"sale"')
-- @ command=SELECT class=READ tables=readings:READ
SELECT * FROM readings, JSON_TABLE(payload, '$[*]' COLUMNS (v INT PATH '$.v')) AS jt
-- @ command=SELECT class=READ tables=-
SELECT CASE WHEN 1 > 0 THEN 'a' ELSE 'b' END, IF(1, 2, 3), COALESCE(NULL, 4), CAST('5' AS UNSIGNED), CONVERT('6', SIGNED)
-- @ command=SELECT class=READ tables=orders:READ
SELECT DISTINCT SQL_NO_CACHE customer_id FROM orders
-- @ command=SELECT class=READ tables=t:READ
SELECT /*+ MAX_EXECUTION_TIME(1000) */ * FROM t
-- @ command=SELECT class=READ tables=t:READ
SELECT * FROM t WHERE a = 1 AND (b = 2 OR (c = 3 AND (d = 4 OR (e = 5 AND (f = 6 OR (g = 7 AND (h = 8 OR (i = 9 AND (j = 10)))))))))
-- @ command=SELECT class=READ tables=t:READ
SELECT ((((((((((1 + 2) * 3) - 4) / 5) + 6) * 7) - 8) / 9) + 10) + 11) FROM t
-- @ command=SELECT class=READ tables=orders:READ
SELECT * FROM orders WHERE created BETWEEN '2026-01-01' AND '2026-12-31' AND note LIKE '%it''s%' AND code = 'a\'b' AND hex = 0xFF AND bits = b'1010' AND x = X'0A'
-- @ command=SELECT class=READ tables=-
SELECT 1 FROM dual
-- @ command=SELECT class=READ tables=-
SELECT 1 FROM DUAL
-- @ command=VALUES class=READ tables=-
VALUES ROW(1, 2), ROW(3, 4)
-- @ command=SELECT class=READ tables=recent_orders_src:READ
WITH recent AS (SELECT * FROM recent_orders_src WHERE at > NOW() - INTERVAL 1 DAY) SELECT * FROM recent
-- @ command=SELECT class=READ tables=orders:READ,customer:READ
WITH a AS (SELECT customer_id, SUM(total) s FROM orders GROUP BY customer_id), b AS (SELECT * FROM a WHERE s > 100) SELECT c.name, b.s FROM b JOIN customer c ON c.id = b.customer_id
-- @ command=SELECT class=READ tables=-
WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 10) SELECT n FROM seq
-- @ command=SELECT class=READ tables=category:READ
WITH RECURSIVE tree AS (SELECT id, parent_id FROM category WHERE id = 1 UNION ALL SELECT c.id, c.parent_id FROM category c JOIN tree ON c.parent_id = tree.id) SELECT * FROM tree
-- @ command=UPDATE class=WRITE tables=orders:UPDATE,stale:READ
WITH stale AS (SELECT id FROM stale) UPDATE orders SET status = 'X' WHERE id IN (SELECT id FROM stale)
-- @ command=UPDATE class=WRITE tables=orders:UPDATE
UPDATE orders SET total = total * 1.1 WHERE id = 3
-- @ command=UPDATE class=WRITE tables=orders:UPDATE
UPDATE LOW_PRIORITY IGNORE orders SET status = 'OLD' WHERE created < '2020-01-01' ORDER BY created LIMIT 100
-- @ command=UPDATE class=WRITE tables=stock:UPDATE,product:READ
UPDATE stock s JOIN product p ON p.id = s.product_id SET s.qty = s.qty - 1 WHERE p.sku = 'A-1'
-- @ command=UPDATE class=WRITE tables=a:UPDATE,b:READ
UPDATE a, b SET a.x = b.y WHERE a.id = b.id
-- @ command=UPDATE class=WRITE tables=a:UPDATE,b:UPDATE
UPDATE a JOIN b ON a.id = b.id SET a.x = 1, b.y = 2
-- @ command=UPDATE class=WRITE tables=orders:UPDATE,totals:READ
UPDATE orders SET total = (SELECT SUM(amount) FROM totals WHERE totals.order_id = orders.id)
-- @ command=UPDATE class=WRITE tables=shop.orders:UPDATE
UPDATE `shop`.`orders` SET `status` = 'PAID' WHERE `id` = 9

-- ===== Transactions and locking =====
-- @ command=START TRANSACTION class=MISC tables=-
START TRANSACTION
-- @ command=START TRANSACTION class=MISC tables=-
START TRANSACTION READ ONLY
-- @ command=START TRANSACTION class=MISC tables=-
START TRANSACTION WITH CONSISTENT SNAPSHOT
-- @ command=BEGIN class=MISC tables=-
BEGIN
-- @ command=BEGIN class=MISC tables=-
BEGIN WORK
-- @ command=COMMIT class=MISC tables=-
COMMIT
-- @ command=COMMIT class=MISC tables=-
COMMIT WORK AND NO CHAIN
-- @ command=ROLLBACK class=MISC tables=-
ROLLBACK
-- @ command=ROLLBACK class=MISC tables=-
ROLLBACK TO SAVEPOINT sp1
-- @ command=SAVEPOINT class=MISC tables=-
SAVEPOINT sp1
-- @ command=RELEASE SAVEPOINT class=MISC tables=-
RELEASE SAVEPOINT sp1
-- @ command=SET class=MISC tables=-
SET autocommit = 0
-- @ command=SET class=MISC tables=-
SET TRANSACTION ISOLATION LEVEL READ COMMITTED
-- @ command=SET class=MISC tables=-
SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE
-- @ command=LOCK TABLES class=MISC tables=a:READ,b:READ
LOCK TABLES a READ, b WRITE
-- @ command=LOCK TABLES class=MISC tables=orders:READ
LOCK TABLE orders AS o READ LOCAL
-- @ command=UNLOCK TABLES class=MISC tables=-
UNLOCK TABLES
-- @ command=LOCK INSTANCE class=MISC tables=-
LOCK INSTANCE FOR BACKUP
-- @ command=UNLOCK INSTANCE class=MISC tables=-
UNLOCK INSTANCE
-- @ command=XA START class=MISC tables=-
XA START 'xid1'
-- @ command=XA END class=MISC tables=-
XA END 'xid1'
-- @ command=XA PREPARE class=MISC tables=-
XA PREPARE 'xid1'
-- @ command=XA COMMIT class=MISC tables=-
XA COMMIT 'xid1'
-- @ command=XA ROLLBACK class=MISC tables=-
XA ROLLBACK 'xid1'
-- @ command=XA RECOVER class=MISC tables=-
XA RECOVER

-- ===== Replication =====
-- @ command=PURGE class=MISC tables=-
PURGE BINARY LOGS TO 'mysql-bin.000010'
-- @ command=RESET class=MISC tables=-
RESET MASTER
-- @ command=CHANGE class=MISC tables=-
CHANGE REPLICATION SOURCE TO SOURCE_HOST = 'primary', SOURCE_PORT = 3306
-- @ command=START REPLICA class=MISC tables=-
START REPLICA
-- @ command=STOP REPLICA class=MISC tables=-
STOP REPLICA
-- @ command=SHOW class=READ tables=-
SHOW REPLICA STATUS

-- ===== Prepared statements =====
-- @ command=PREPARE class=MISC tables=-
PREPARE stmt FROM 'SELECT * FROM orders WHERE id = ?'
-- @ command=EXECUTE class=MISC tables=-
EXECUTE stmt USING @id
-- @ command=DEALLOCATE class=MISC tables=-
DEALLOCATE PREPARE stmt

-- ===== Account management =====
-- @ command=ALTER USER class=ROLE tables=-
ALTER USER 'app'@'%' IDENTIFIED BY 'n3w-secret'
-- @ command=ALTER USER class=ROLE tables=-
ALTER USER app IDENTIFIED WITH caching_sha2_password BY 'x' REPLACE 'old' RETAIN CURRENT PASSWORD
-- @ command=ALTER USER class=ROLE tables=-
ALTER USER app ACCOUNT LOCK
-- @ command=CREATE ROLE class=ROLE tables=-
CREATE ROLE 'reader', 'writer'
-- @ command=CREATE USER class=ROLE tables=-
CREATE USER 'app'@'10.0.%' IDENTIFIED BY 's3cret' PASSWORD EXPIRE INTERVAL 90 DAY
-- @ command=CREATE USER class=ROLE tables=-
CREATE USER IF NOT EXISTS bob IDENTIFIED WITH mysql_native_password AS '*HASH'
-- @ command=DROP ROLE class=ROLE tables=-
DROP ROLE reader
-- @ command=DROP USER class=ROLE tables=-
DROP USER IF EXISTS 'app'@'%'
-- @ command=GRANT class=ROLE tables=-
GRANT SELECT, INSERT ON shop.* TO 'app'@'%'
-- @ command=GRANT class=ROLE tables=-
GRANT ALL PRIVILEGES ON *.* TO admin WITH GRANT OPTION
-- @ command=GRANT class=ROLE tables=-
GRANT reader TO app
-- @ command=GRANT class=ROLE tables=-
GRANT SELECT (id, name) ON shop.customer TO analyst
-- @ command=RENAME USER class=ROLE tables=-
RENAME USER bob TO robert
-- @ command=REVOKE class=ROLE tables=-
REVOKE INSERT ON shop.* FROM 'app'@'%'
-- @ command=REVOKE class=ROLE tables=-
REVOKE ALL PRIVILEGES, GRANT OPTION FROM app
-- @ command=SET PASSWORD class=ROLE tables=-
SET PASSWORD FOR 'app'@'%' = 'n3w'
-- @ command=SET PASSWORD class=ROLE tables=-
SET PASSWORD = 'mine'
-- @ command=SET ROLE class=ROLE tables=-
SET ROLE reader
-- @ command=SET DEFAULT ROLE class=ROLE tables=-
SET DEFAULT ROLE reader TO app

-- ===== Resource groups =====
-- @ command=CREATE RESOURCE GROUP class=DDL tables=-
CREATE RESOURCE GROUP batch TYPE = USER VCPU = 1 THREAD_PRIORITY = 10
-- @ command=ALTER RESOURCE GROUP class=DDL tables=-
ALTER RESOURCE GROUP batch VCPU = 0-1
-- @ command=DROP RESOURCE GROUP class=DDL tables=-
DROP RESOURCE GROUP batch
-- @ command=SET RESOURCE GROUP class=MISC tables=-
SET RESOURCE GROUP batch

-- ===== Table maintenance =====
-- @ command=ANALYZE TABLE class=MISC tables=orders:READ
ANALYZE TABLE orders
-- @ command=CHECK TABLE class=MISC tables=orders:READ,customer:READ
CHECK TABLE orders, customer FAST QUICK
-- @ command=CHECKSUM TABLE class=READ tables=orders:READ
CHECKSUM TABLE orders
-- @ command=OPTIMIZE TABLE class=MISC tables=log:READ
OPTIMIZE NO_WRITE_TO_BINLOG TABLE log
-- @ command=REPAIR TABLE class=MISC tables=legacy:READ
REPAIR TABLE legacy

-- ===== Plugins and components =====
-- @ command=INSTALL PLUGIN class=MISC tables=-
INSTALL PLUGIN audit_log SONAME 'audit_log.so'
-- @ command=UNINSTALL PLUGIN class=MISC tables=-
UNINSTALL PLUGIN audit_log
-- @ command=INSTALL COMPONENT class=MISC tables=-
INSTALL COMPONENT 'file://component_validate_password'

-- ===== SET and SHOW =====
-- @ command=SET class=MISC tables=-
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci
-- @ command=SET class=MISC tables=-
SET @total = 0, @n := 5
-- @ command=SET class=MISC tables=-
SET GLOBAL max_connections = 500
-- @ command=SET class=MISC tables=-
SET SESSION sql_mode = 'STRICT_TRANS_TABLES'
-- @ command=SET class=MISC tables=-
SET CHARACTER SET utf8mb4
-- @ command=SET class=MISC tables=-
/*!40101 SET character_set_client = utf8mb4 */
-- @ command=SHOW class=READ tables=-
SHOW DATABASES
-- @ command=SHOW class=READ tables=-
SHOW FULL TABLES FROM shop LIKE 'ord%'
-- @ command=SHOW class=READ tables=orders:READ
SHOW COLUMNS FROM orders
-- @ command=SHOW class=READ tables=orders:READ
SHOW FULL COLUMNS IN orders FROM shop
-- @ command=SHOW class=READ tables=orders:READ
SHOW INDEX FROM orders
-- @ command=SHOW class=READ tables=orders:READ
SHOW CREATE TABLE orders
-- @ command=SHOW class=READ tables=-
SHOW CREATE DATABASE shop
-- @ command=SHOW class=READ tables=-
SHOW GLOBAL STATUS LIKE 'Threads%'
-- @ command=SHOW class=READ tables=-
SHOW SESSION VARIABLES WHERE Variable_name = 'autocommit'
-- @ command=SHOW class=READ tables=-
SHOW GRANTS FOR CURRENT_USER()
-- @ command=SHOW class=READ tables=-
SHOW FULL PROCESSLIST
-- @ command=SHOW class=READ tables=-
SHOW ENGINE INNODB STATUS
-- @ command=SHOW class=READ tables=-
SHOW WARNINGS LIMIT 10
-- @ command=SHOW class=READ tables=-
SHOW ERRORS
-- @ command=SHOW class=READ tables=-
SHOW TABLE STATUS FROM shop
-- @ command=SHOW class=READ tables=-
SHOW TRIGGERS FROM shop
-- @ command=SHOW class=READ tables=-
SHOW BINARY LOGS
-- @ command=SHOW class=READ tables=-
SHOW PLUGINS
-- @ command=SHOW class=READ tables=-
SHOW PROCEDURE STATUS WHERE Db = 'shop'

-- ===== Other administrative statements =====
-- @ command=BINLOG class=MISC tables=-
BINLOG 'base64data'
-- @ command=CACHE INDEX class=MISC tables=-
CACHE INDEX orders IN hot_cache
-- @ command=FLUSH class=MISC tables=-
FLUSH PRIVILEGES
-- @ command=FLUSH class=MISC tables=-
FLUSH TABLES WITH READ LOCK
-- @ command=FLUSH class=MISC tables=-
FLUSH LOGS
-- @ command=KILL class=MISC tables=-
KILL QUERY 42
-- @ command=KILL class=MISC tables=-
KILL 43
-- @ command=LOAD INDEX class=MISC tables=-
LOAD INDEX INTO CACHE orders
-- @ command=RESET class=MISC tables=-
RESET PERSIST max_connections
-- @ command=RESTART class=MISC tables=-
RESTART
-- @ command=SHUTDOWN class=MISC tables=-
SHUTDOWN
-- @ command=CLONE class=MISC tables=-
CLONE LOCAL DATA DIRECTORY = '/tmp/clone'

-- ===== Utility statements =====
-- @ command=DESCRIBE class=READ tables=orders:READ
DESCRIBE orders
-- @ command=DESCRIBE class=READ tables=orders:READ
DESC orders
-- @ command=EXPLAIN class=READ tables=orders:READ
EXPLAIN SELECT * FROM orders WHERE id = 1
-- @ command=EXPLAIN class=READ tables=orders:READ
EXPLAIN FORMAT=JSON SELECT * FROM orders
-- @ command=EXPLAIN class=READ tables=a:READ,b:READ
EXPLAIN ANALYZE SELECT * FROM a JOIN b ON a.id = b.id
-- @ command=HELP class=READ tables=-
HELP 'contents'
-- @ command=USE class=MISC tables=-
USE shop
-- @ command=USE class=MISC tables=-
use `reporting`

-- ===== ORM and framework forms =====
-- @ command=SELECT class=READ tables=users:READ
select u1_0.id,u1_0.email,u1_0.name from users u1_0 where u1_0.id=?
-- @ command=SELECT class=READ tables=orders:READ,users:READ
select o1_0.id,o1_0.total,u1_0.id,u1_0.name from orders o1_0 join users u1_0 on u1_0.id=o1_0.user_id where o1_0.total>? order by o1_0.id desc limit ?,?
-- @ command=INSERT class=WRITE tables=users:INSERT
insert into users (email,name,id) values (?,?,?)
-- @ command=UPDATE class=WRITE tables=users:UPDATE
update users set email=?,name=? where id=?
-- @ command=DELETE class=WRITE tables=users:DELETE
delete from users where id=?
-- @ command=SELECT class=READ tables=users:READ
select count(*) from users u1_0 where u1_0.email like ? escape '!'
-- @ command=SELECT class=READ tables=hibernate_sequence:READ
select next_val as id_val from hibernate_sequence for update
-- @ command=UPDATE class=WRITE tables=hibernate_sequence:UPDATE
update hibernate_sequence set next_val= ? where next_val=?
-- @ command=SELECT class=READ tables=shop.order:READ
select `shop`.`order`.`id`, `shop`.`order`.`total` from `shop`.`order` where `shop`.`order`.`id` = ?
-- @ command=INSERT class=WRITE tables=shop.order:INSERT
insert into `shop`.`order` (`id`, `total`) values (?, ?)
-- @ command=SELECT class=READ tables=shop.order:READ,shop.customer:READ
select `o`.`id`, `c`.`name` from `shop`.`order` as `o` join `shop`.`customer` as `c` on `c`.`id` = `o`.`customer_id` where `o`.`id` in (?, ?, ?)
-- @ command=SELECT class=READ tables=product:READ
SELECT id, name, price FROM product WHERE id IN (?, ?, ?, ?, ?) ORDER BY name
-- @ command=INSERT class=WRITE tables=product:INSERT
INSERT INTO product (id, name, price) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)
-- @ command=UPDATE class=WRITE tables=product:UPDATE
UPDATE product SET price = CASE id WHEN ? THEN ? WHEN ? THEN ? END WHERE id IN (?, ?)
-- @ command=SELECT class=READ tables=shop.flyway_schema_history:READ
SELECT `installed_rank`,`version`,`description`,`type`,`script`,`checksum`,`installed_on`,`installed_by`,`execution_time`,`success` FROM `shop`.`flyway_schema_history` WHERE `installed_rank` > ? ORDER BY `installed_rank`
-- @ command=SELECT class=READ tables=-
SELECT @@session.transaction_read_only
-- @ command=SET class=MISC tables=-
SET SESSION TRANSACTION READ WRITE
-- @ command=SELECT class=READ tables=-
/* ping */ SELECT 1
-- @ command=SELECT class=READ tables=INFORMATION_SCHEMA.TABLES:READ
SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = DATABASE()
-- @ command=SELECT class=READ tables=mysql.user:READ
SELECT user, host FROM mysql.user
-- @ command=SELECT class=READ tables=performance_schema.events_statements_summary_by_digest:READ
SELECT DIGEST_TEXT, COUNT_STAR FROM performance_schema.events_statements_summary_by_digest ORDER BY COUNT_STAR DESC LIMIT 10

-- ===== Nasty cases =====
-- @ command=SELECT class=READ tables=t:READ
SELECT a -- a comment ending the line
FROM t
-- @ command=SELECT class=READ tables=t:READ
SELECT a # a hash comment
FROM t
-- @ command=SELECT class=READ tables=t:READ
SELECT a /* multi
line */ FROM t
-- @ command=SELECT class=READ tables=t:READ
   
  SELECT	a
  FROM	t   
-- @ command=SELECT class=READ tables=my table:READ
SELECT * FROM `my table`
-- @ command=SELECT class=READ tables=select:READ
SELECT * FROM `select`
-- @ command=SELECT class=READ tables=t:READ
SELECT 'it''s', 'a\'b', "dq", "d\"q", 'semi;colon', '-- not a comment', '/* nor this */' FROM t
-- @ command=SELECT class=READ tables=t:READ
SELECT * FROM t WHERE a = -1 AND b = +2.5e-3 AND c = .5 AND d = 1e10
-- @ command=SELECT class=READ tables=t:READ
SELECT _utf8mb4'text' COLLATE utf8mb4_bin, N'national' FROM t
-- @ command=SELECT class=READ tables=user:READ
SELECT * FROM user WHERE status = 'active' AND date > '2026-01-01'
-- @ command=SELECT class=READ tables=Orders:READ
SELECT * FROM Orders
-- @ command=SELECT class=READ tables=t1:READ
select * from t1 where `from` = 1
-- @ command=UPDATE class=WRITE tables=t:UPDATE
UPDATE t SET a = 'x; DROP TABLE t' WHERE id = 1
-- @ command=INSERT class=WRITE tables=t:INSERT
INSERT INTO t VALUES ('{"a": [1, 2, {"b": "c"}]}')
-- @ command=SELECT class=READ tables=t:READ
SELECT * FROM t WHERE id = 1;
-- @ command=SELECT class=READ tables=t:READ
SELECT (SELECT (SELECT (SELECT (SELECT MAX(id) FROM t)))) AS deep
-- @ command=UNKNOWN class=MISC tables=-
?
-- @ command=UNKNOWN class=MISC tables=-
((((
-- @ command=SELECT class=READ tables=-
SELECT FROM WHERE
-- @ command=SELEC class=MISC tables=t:READ
SELEC * FROM t
-- @ command=INSERT class=WRITE tables=-
INSERT
-- @ command=DELETE class=WRITE tables=-
DELETE FROM
-- @ command=UPDATE class=WRITE tables=t:UPDATE
UPDATE t SET
-- @ command=CREATE TABLE class=DDL tables=-
CREATE TABLE
-- @ command=SELECT class=READ tables=t:READ
SELECT * FROM t WHERE name = 'unterminated
-- @ command=SET class=MISC tables=-
/*!50003 SET @saved_cs_client = @@character_set_client */
-- @ command=SELECT class=READ tables=t:READ
/*!40000 SELECT */ * FROM t
-- @ command=SELECT class=READ tables=t:READ
select * from t where x regexp '^[a-z]+$' and y rlike 'b' and z sounds like 'c'
-- @ command=SELECT class=READ tables=t:READ
SELECT a <=> b, a ->> '$.x', a << 2, a >> 1, a & b, a | b, a ^ b, ~a, !a, a XOR b, a DIV b, a MOD b FROM t
-- @ command=SELECT class=READ tables=t:READ
SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))
-- @ command=SELECT class=READ tables=t:READ,u:READ
SELECT * FROM t WHERE a = ANY (SELECT a FROM u) AND b > ALL (SELECT b FROM u)
-- @ command=SELECT class=READ tables=t:READ,u:READ
SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.t_id = t.id) AS x
-- @ command=SELECT class=READ tables=t:READ
SELECT * FROM t PARTITION (p0, p1)
-- @ command=SELECT class=READ tables=t:READ
SELECT * FROM t AS OF TIMESTAMP '2026-01-01'
-- @ command=SELECT class=READ tables=t:READ
SELECT GROUP_CONCAT(DISTINCT name ORDER BY name SEPARATOR ', ') FROM t
-- @ command=SELECT class=READ tables=t:READ
SELECT CAST(created AS DATE), DATE_ADD(created, INTERVAL 1 DAY), INTERVAL 5 MINUTE + created FROM t
-- @ command=INSERT class=WRITE tables=t:INSERT,t:READ
INSERT INTO t (a, b) SELECT 1, 2 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM t WHERE a = 1)
-- @ command=DELETE class=WRITE tables=t:DELETE
DELETE FROM t WHERE id IN (SELECT id FROM (SELECT id FROM t ORDER BY id LIMIT 10) x)
-- @ command=UPDATE class=WRITE tables=t:UPDATE
UPDATE t SET a = a + 1 ORDER BY id DESC LIMIT 5
-- @ command=SELECT class=READ tables=orders_2026:READ,orders_2025:READ
SELECT * FROM orders_2026 UNION DISTINCT SELECT * FROM orders_2025 ORDER BY 1
-- @ command=SELECT class=READ tables=t:READ
SELECT SQL_CALC_FOUND_ROWS * FROM t LIMIT 10
-- @ command=SELECT class=READ tables=-
SELECT FOUND_ROWS()
-- @ command=SELECT class=READ tables=-
SELECT LAST_INSERT_ID()
-- @ command=SELECT class=READ tables=t:READ
SELECT HIGH_PRIORITY * FROM t

-- ===== Stored programs: one statement each, whatever their bodies hold =====
-- The body runs when the program is called, not when it is created: the CREATE lists no table of
-- its body (a trigger lists the table it is attached to) and carries no risk of it.
-- @ command=CREATE PROCEDURE class=DDL tables=- object=PROCEDURE:p_purge
CREATE PROCEDURE p_purge() BEGIN DELETE FROM t; DROP TABLE IF EXISTS t; END
-- @ command=CREATE PROCEDURE class=DDL tables=- object=PROCEDURE:shop.p_loop
CREATE DEFINER=`admin`@`%` PROCEDURE `shop`.`p_loop`(IN n INT)
BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE done INT DEFAULT 0;
  DECLARE c CURSOR FOR SELECT id FROM orders;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  l1: LOOP
    SET i = i + 1;
    IF i > n THEN LEAVE l1; END IF;
    ITERATE l1;
  END LOOP l1;
  WHILE i > 0 DO SET i = i - 1; END WHILE;
  REPEAT SET i = i + 1; UNTIL i >= n END REPEAT;
  CASE WHEN i = 1 THEN SELECT 1; WHEN i = 2 THEN SELECT 2; ELSE BEGIN END; END CASE;
  SELECT CASE i WHEN 1 THEN 'one; two' ELSE 'many' END AS label;
  IF (SELECT COUNT(*) FROM orders) > 0 THEN SELECT IF(i > 0, 'y', 'n'); ELSEIF i = 0 THEN SELECT 0; ELSE SELECT -1; END IF;
END
-- @ command=CREATE FUNCTION class=DDL tables=- object=FUNCTION:f_total
CREATE FUNCTION f_total(o INT) RETURNS DECIMAL(10,2) READS SQL DATA BEGIN DECLARE s DECIMAL(10,2); SELECT SUM(total) INTO s FROM orders WHERE id = o; RETURN s; END
-- @ command=CREATE FUNCTION class=DDL tables=- object=FUNCTION:f_sign
CREATE FUNCTION f_sign(x INT) RETURNS INT DETERMINISTIC RETURN CASE WHEN x > 0 THEN 1 WHEN x < 0 THEN -1 ELSE 0 END
-- @ command=CREATE FUNCTION class=DDL tables=- object=FUNCTION:f_clamp
CREATE FUNCTION f_clamp(x INT) RETURNS INT DETERMINISTIC IF x < 0 THEN RETURN 0; ELSE RETURN x; END IF
-- @ command=CREATE FUNCTION class=DDL tables=- object=FUNCTION:f_pick
CREATE FUNCTION f_pick(x INT) RETURNS VARCHAR(10) NO SQL RETURN IF(x > 0, 'pos', 'neg')
-- @ command=CREATE TRIGGER class=DDL tables=orders:ALTER object=TRIGGER:trg_check
CREATE TRIGGER trg_check BEFORE INSERT ON orders FOR EACH ROW IF NEW.total < 0 THEN SET NEW.total = 0; END IF
-- @ command=CREATE TRIGGER class=DDL tables=orders:ALTER object=TRIGGER:trg_log
CREATE DEFINER = CURRENT_USER TRIGGER trg_log AFTER UPDATE ON orders FOR EACH ROW BEGIN INSERT INTO audit (order_id) VALUES (NEW.id); DELETE FROM pending WHERE order_id = NEW.id; END
-- @ command=CREATE TRIGGER class=DDL tables=orders:ALTER object=TRIGGER:trg_follow
CREATE TRIGGER trg_follow AFTER UPDATE ON orders FOR EACH ROW FOLLOWS trg_log CASE WHEN NEW.total > 100 THEN INSERT INTO big (id) VALUES (NEW.id); ELSE BEGIN END; END CASE
-- @ command=CREATE TRIGGER class=DDL tables=orders:ALTER object=TRIGGER:trg_set
CREATE TRIGGER trg_set BEFORE UPDATE ON orders FOR EACH ROW SET NEW.flag = IF(NEW.total > 0, 1, 0)
-- @ command=CREATE EVENT class=DDL tables=- object=EVENT:ev_purge
CREATE EVENT ev_purge ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM log WHERE at < NOW() - INTERVAL 30 DAY; OPTIMIZE TABLE log; END
-- @ command=CREATE EVENT class=DDL tables=- object=EVENT:ev_simple
CREATE EVENT IF NOT EXISTS ev_simple ON SCHEDULE AT CURRENT_TIMESTAMP + INTERVAL 1 HOUR DO DROP TABLE IF EXISTS scratch
-- @ command=ALTER EVENT class=DDL tables=- object=EVENT:ev_purge
ALTER EVENT ev_purge DO BEGIN DELETE FROM log; END
-- @ command=CREATE PROCEDURE class=DDL tables=- object=PROCEDURE:p_nest
CREATE OR REPLACE PROCEDURE p_nest() outer_block: BEGIN inner_block: BEGIN IF 1 THEN LEAVE outer_block; END IF; END inner_block; END outer_block
-- @ command=CREATE PROCEDURE class=DDL tables=- object=PROCEDURE:p_for
CREATE PROCEDURE p_for() FOR i IN 1..3 DO INSERT INTO t VALUES (i); END FOR
-- @ command=CREATE PROCEDURE class=DDL tables=- object=PROCEDURE:p_if statements=2
CREATE PROCEDURE IF NOT EXISTS p_if() BEGIN SELECT 1; END; CALL p_if()

-- ===== Several statements in one text (allowMultiQueries): split where the server splits =====
-- @ command=DROP PROCEDURE class=DDL tables=- statements=3 object=PROCEDURE:p_multi
DROP PROCEDURE IF EXISTS p_multi; CREATE PROCEDURE p_multi() BEGIN SELECT 1; SELECT 2; END; CALL p_multi()
-- @ command=UPDATE class=WRITE tables=t:UPDATE statements=3
UPDATE t SET a = CASE WHEN b THEN 1 ELSE 2 END; SELECT CASE a WHEN 1 THEN 'x' END FROM t; DELETE FROM t WHERE a = 2
-- @ command=START TRANSACTION class=MISC tables=- statements=3
START TRANSACTION; UPDATE t SET a = 1 WHERE id = 1; COMMIT
-- @ command=BEGIN class=MISC tables=- statements=3
BEGIN; INSERT INTO t VALUES (1); COMMIT
-- @ command=BEGIN class=MISC tables=- statements=2
BEGIN WORK; ROLLBACK
-- @ command=SELECT class=READ tables=t:READ statements=2
SELECT end FROM t; SELECT 2
-- @ command=DELIMITER class=MISC tables=-
DELIMITER //
CREATE PROCEDURE p() BEGIN SELECT 1; END //
DELIMITER ;

-- ===== Compound statements sent as such (MariaDB): they run now, so their statements' tables count =====
-- @ command=COMPOUND class=FUNCTION tables=t:DELETE,u:INSERT,v:READ
BEGIN NOT ATOMIC DELETE FROM t WHERE id = 1; INSERT INTO u SELECT * FROM v; END
-- @ command=COMPOUND class=FUNCTION tables=log:READ,log:DELETE statements=2
BEGIN NOT ATOMIC IF EXISTS (SELECT 1 FROM log) THEN DELETE FROM log WHERE id < 10; END IF; END; SELECT 1
-- @ command=COMPOUND class=FUNCTION tables=t:INSERT
l1: LOOP INSERT INTO t VALUES (1); LEAVE l1; END LOOP l1
-- @ command=COMPOUND class=FUNCTION tables=t:UPDATE
IF @x > 0 THEN UPDATE t SET a = 1 WHERE id = 1; END IF
-- @ command=COMPOUND class=FUNCTION tables=scratch:DROP
BEGIN NOT ATOMIC DECLARE x INT DEFAULT 1; DROP TABLE scratch; END
-- @ command=COMPOUND class=FUNCTION tables=orders:READ,seen:INSERT
BEGIN NOT ATOMIC DECLARE c CURSOR FOR SELECT id FROM orders; WHILE (SELECT 1) DO INSERT INTO seen VALUES (1); END WHILE; END

-- ===== JDBC escapes (what Spring's SimpleJdbcCall, JPA and Hibernate send) =====
-- @ command=CALL class=FUNCTION tables=- object=PROCEDURE:p_report
{call p_report(?, ?)}
-- @ command=CALL class=FUNCTION tables=- object=FUNCTION:f_total
{? = call f_total(?)}
-- @ command=CALL class=FUNCTION tables=- object=PROCEDURE:shop.p_report
{ call shop.p_report() }
-- @ command=CALL class=FUNCTION tables=- object=PROCEDURE:p_noargs
{call p_noargs}
-- @ command=SELECT class=READ tables=orders:READ
SELECT * FROM orders WHERE created > {d '2026-01-01'} AND at < {ts '2026-01-01 10:00:00'} AND t = {t '10:00:00'}
-- @ command=SELECT class=READ tables=users:READ
SELECT {fn UCASE(name)}, {fn CONCAT(first, last)} FROM users
-- @ command=SELECT class=READ tables=users:READ,orders:READ
SELECT * FROM users WHERE name LIKE 'a\_%' {escape '\'} AND id IN (SELECT user_id FROM orders)
-- @ command=SELECT class=READ tables=t:READ,a:READ
SELECT * FROM {oj t LEFT OUTER JOIN a ON t.id = a.t_id}
-- @ command=SELECT class=READ tables=t:READ,a:READ,b:READ
SELECT t.x FROM {oj t LEFT OUTER JOIN a ON t.id = a.t_id LEFT OUTER JOIN b ON b.id = a.b_id} WHERE t.x > 1
-- @ command=UPDATE class=WRITE tables=t:UPDATE
UPDATE t SET at = {fn NOW()} WHERE id = ?

-- ===== Quote rules: the same text read as its target reads it =====
-- @ command=SELECT class=READ tables=a:READ,b:READ rule=STANDARD
SELECT * FROM a WHERE x LIKE 'q%' ESCAPE '\' AND id IN (SELECT id FROM b)
-- @ command=SELECT class=READ tables=a:READ,b:READ rule=MYSQL_NO_BACKSLASH_ESCAPES
SELECT * FROM a WHERE x LIKE 'q%' ESCAPE '\' AND id IN (SELECT id FROM b)
-- @ command=SELECT class=READ tables=a:READ,b:READ
SELECT * FROM a WHERE x LIKE 'q%' ESCAPE '\\' AND id IN (SELECT id FROM b)
-- @ command=SELECT class=READ tables=book:READ rule=STANDARD
select b1_0.id,b1_0.title from book b1_0 where b1_0.title like ? escape '\' fetch first ? rows only
-- @ command=SELECT class=READ tables=CUSTOMER:READ,ORDERS:READ rule=STANDARD
SELECT "CUSTOMER"."ID", "o"."TOTAL" FROM "CUSTOMER" JOIN "ORDERS" "o" ON "o"."CUSTOMER_ID" = "CUSTOMER"."ID" WHERE "CUSTOMER"."NAME" = 'x'
-- @ command=SELECT class=READ tables=orders:READ rule=MYSQL_ANSI_QUOTES
SELECT "total" FROM "orders" WHERE note = 'it\'s'
-- @ command=SELECT class=READ tables=t:READ rule=STANDARD
SELECT E'it\'s', 'C:\' FROM t
-- @ command=SELECT class=READ tables=- statements=2 rule=STANDARD
SELECT 'a\'; SELECT 1 FROM t
