-- Injected statements: each line is what an application sends after naive string concatenation
-- of attacker input into one of ten realistic queries (six with the input inside '...', four numeric).
-- Payload families follow public sources, written here by hand (not copied): sqlmap's boundaries and
-- techniques (boolean-based blind 'AND [RANDNUM]=[RANDNUM]', error-based EXTRACTVALUE/UPDATEXML/
-- FLOOR(RAND(0)*2), UNION query, stacked queries, time-based SLEEP/BENCHMARK), OWASP WSTG-INPV-05
-- (tautologies, comment truncation 'admin' --', stacked DROP), PayloadsAllTheThings' MySQL injection
-- (INTO OUTFILE/DUMPFILE, LOAD_FILE, hex and CHAR() encodings, (SELECT(SLEEP(5))) forms).
-- One statement per line; lines starting with '-- ' are comments. InjectionCorpusTest requires >= 95% flagged.

-- family: tautology
SELECT id, name, email FROM users WHERE name = '' OR '1'='1'
SELECT id, name, email FROM users WHERE name = 'x' OR 'a'='a'
SELECT id, name, email FROM users WHERE name = '' OR 1=1 -- '
SELECT id, name, email FROM users WHERE name = 'admin' OR '1'='1' #'
SELECT id, name, email FROM users WHERE name = '' OR ''=''
SELECT id, name, email FROM users WHERE name = '') OR ('1'='1'
SELECT id, name, email FROM users WHERE name = '' OR 1 -- -'
SELECT id, name, email FROM users WHERE name = '' || 1=1 #'
SELECT id, name, email FROM users WHERE name = 'x' OR 2>1 -- '
SELECT id, name, email FROM users WHERE name = '' OR 'x' LIKE 'x'
SELECT id, name, email FROM users WHERE name = '' OR TRUE -- '
SELECT id, name, email FROM users WHERE name = 'anything' OR 'x'='x'
SELECT * FROM users WHERE username = '' OR '1'='1' AND password = 'secret'
SELECT * FROM users WHERE username = 'x' OR 'a'='a' AND password = 'secret'
SELECT * FROM users WHERE username = '' OR 1=1 -- ' AND password = 'secret'
SELECT * FROM users WHERE username = 'admin' OR '1'='1' #' AND password = 'secret'
SELECT * FROM users WHERE username = '' OR ''='' AND password = 'secret'
SELECT * FROM users WHERE username = '') OR ('1'='1' AND password = 'secret'
SELECT * FROM users WHERE username = '' OR 1 -- -' AND password = 'secret'
SELECT * FROM users WHERE username = '' || 1=1 #' AND password = 'secret'
SELECT * FROM users WHERE username = 'x' OR 2>1 -- ' AND password = 'secret'
SELECT * FROM users WHERE username = '' OR 'x' LIKE 'x' AND password = 'secret'
SELECT * FROM users WHERE username = '' OR TRUE -- ' AND password = 'secret'
SELECT * FROM users WHERE username = 'anything' OR 'x'='x' AND password = 'secret'
SELECT id, title, price FROM products WHERE category = '' OR '1'='1' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x' OR 'a'='a' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' OR 1=1 -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'admin' OR '1'='1' #' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' OR ''='' ORDER BY title
SELECT id, title, price FROM products WHERE category = '') OR ('1'='1' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' OR 1 -- -' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' || 1=1 #' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x' OR 2>1 -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' OR 'x' LIKE 'x' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' OR TRUE -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'anything' OR 'x'='x' ORDER BY title
SELECT * FROM orders WHERE status = '' OR '1'='1' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x' OR 'a'='a' AND customer_id = 42
SELECT * FROM orders WHERE status = '' OR 1=1 -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = 'admin' OR '1'='1' #' AND customer_id = 42
SELECT * FROM orders WHERE status = '' OR ''='' AND customer_id = 42
SELECT * FROM orders WHERE status = '') OR ('1'='1' AND customer_id = 42
SELECT * FROM orders WHERE status = '' OR 1 -- -' AND customer_id = 42
SELECT * FROM orders WHERE status = '' || 1=1 #' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x' OR 2>1 -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = '' OR 'x' LIKE 'x' AND customer_id = 42
SELECT * FROM orders WHERE status = '' OR TRUE -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = 'anything' OR 'x'='x' AND customer_id = 42
SELECT id, body FROM comments WHERE author LIKE '%' OR '1'='1%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x' OR 'a'='a%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' OR 1=1 -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%admin' OR '1'='1' #%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' OR ''='%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%') OR ('1'='1%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' OR 1 -- -%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' || 1=1 #%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x' OR 2>1 -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' OR 'x' LIKE 'x%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' OR TRUE -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%anything' OR 'x'='x%' LIMIT 20
UPDATE users SET last_login = NOW() WHERE email = '' OR '1'='1'
UPDATE users SET last_login = NOW() WHERE email = 'x' OR 'a'='a'
UPDATE users SET last_login = NOW() WHERE email = '' OR 1=1 -- '
UPDATE users SET last_login = NOW() WHERE email = 'admin' OR '1'='1' #'
UPDATE users SET last_login = NOW() WHERE email = '' OR ''=''
UPDATE users SET last_login = NOW() WHERE email = '') OR ('1'='1'
UPDATE users SET last_login = NOW() WHERE email = '' OR 1 -- -'
UPDATE users SET last_login = NOW() WHERE email = '' || 1=1 #'
UPDATE users SET last_login = NOW() WHERE email = 'x' OR 2>1 -- '
UPDATE users SET last_login = NOW() WHERE email = '' OR 'x' LIKE 'x'
UPDATE users SET last_login = NOW() WHERE email = '' OR TRUE -- '
UPDATE users SET last_login = NOW() WHERE email = 'anything' OR 'x'='x'
SELECT id, title, price FROM products WHERE id = 1 OR 1=1
SELECT id, title, price FROM products WHERE id = -1 OR 2=2
SELECT id, title, price FROM products WHERE id = 1 OR TRUE
SELECT id, title, price FROM products WHERE id = 0 OR 1=1 -- 
SELECT id, title, price FROM products WHERE id = 1 || 1=1
SELECT * FROM articles WHERE id = 1 OR 1=1 AND published = 1
SELECT * FROM articles WHERE id = -1 OR 2=2 AND published = 1
SELECT * FROM articles WHERE id = 1 OR TRUE AND published = 1
SELECT * FROM articles WHERE id = 0 OR 1=1 --  AND published = 1
SELECT * FROM articles WHERE id = 1 || 1=1 AND published = 1
SELECT name, email FROM customers WHERE id = 1 OR 1=1 ORDER BY name
SELECT name, email FROM customers WHERE id = -1 OR 2=2 ORDER BY name
SELECT name, email FROM customers WHERE id = 1 OR TRUE ORDER BY name
SELECT name, email FROM customers WHERE id = 0 OR 1=1 --  ORDER BY name
SELECT name, email FROM customers WHERE id = 1 || 1=1 ORDER BY name
DELETE FROM cart_items WHERE id = 1 OR 1=1
DELETE FROM cart_items WHERE id = -1 OR 2=2
DELETE FROM cart_items WHERE id = 1 OR TRUE
DELETE FROM cart_items WHERE id = 0 OR 1=1 -- 
DELETE FROM cart_items WHERE id = 1 || 1=1

-- family: boolean
SELECT id, name, email FROM users WHERE name = 'x' AND 4821=4821 AND 'QWER'='QWER'
SELECT id, name, email FROM users WHERE name = 'x' AND 'a'='b'
SELECT id, name, email FROM users WHERE name = 'x' AND 7331=7331 -- '
SELECT * FROM users WHERE username = 'x' AND 4821=4821 AND 'QWER'='QWER' AND password = 'secret'
SELECT * FROM users WHERE username = 'x' AND 'a'='b' AND password = 'secret'
SELECT * FROM users WHERE username = 'x' AND 7331=7331 -- ' AND password = 'secret'
SELECT id, title, price FROM products WHERE category = 'x' AND 4821=4821 AND 'QWER'='QWER' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x' AND 'a'='b' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x' AND 7331=7331 -- ' ORDER BY title
SELECT * FROM orders WHERE status = 'x' AND 4821=4821 AND 'QWER'='QWER' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x' AND 'a'='b' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x' AND 7331=7331 -- ' AND customer_id = 42
SELECT id, body FROM comments WHERE author LIKE '%x' AND 4821=4821 AND 'QWER'='QWER%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x' AND 'a'='b%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x' AND 7331=7331 -- %' LIMIT 20
UPDATE users SET last_login = NOW() WHERE email = 'x' AND 4821=4821 AND 'QWER'='QWER'
UPDATE users SET last_login = NOW() WHERE email = 'x' AND 'a'='b'
UPDATE users SET last_login = NOW() WHERE email = 'x' AND 7331=7331 -- '
SELECT id, title, price FROM products WHERE id = 1 AND 5432=5432
SELECT id, title, price FROM products WHERE id = 1 AND 5432=1234
SELECT * FROM articles WHERE id = 1 AND 5432=5432 AND published = 1
SELECT * FROM articles WHERE id = 1 AND 5432=1234 AND published = 1
SELECT name, email FROM customers WHERE id = 1 AND 5432=5432 ORDER BY name
SELECT name, email FROM customers WHERE id = 1 AND 5432=1234 ORDER BY name
DELETE FROM cart_items WHERE id = 1 AND 5432=5432
DELETE FROM cart_items WHERE id = 1 AND 5432=1234

-- family: union
SELECT id, name, email FROM users WHERE name = '' UNION SELECT table_name, 2, 3 FROM information_schema.tables -- '
SELECT id, name, email FROM users WHERE name = '' UNION ALL SELECT user, password, 3 FROM mysql.user #'
SELECT id, name, email FROM users WHERE name = 'x' UNION SELECT @@version, NULL, NULL -- -'
SELECT id, name, email FROM users WHERE name = '' UNION SELECT column_name, table_name, 3 FROM information_schema.columns WHERE table_schema = database() -- '
SELECT id, name, email FROM users WHERE name = '' UNION SELECT schema_name, 2, 3 FROM information_schema.schemata #'
SELECT * FROM users WHERE username = '' UNION SELECT table_name, 2, 3 FROM information_schema.tables -- ' AND password = 'secret'
SELECT * FROM users WHERE username = '' UNION ALL SELECT user, password, 3 FROM mysql.user #' AND password = 'secret'
SELECT * FROM users WHERE username = 'x' UNION SELECT @@version, NULL, NULL -- -' AND password = 'secret'
SELECT * FROM users WHERE username = '' UNION SELECT column_name, table_name, 3 FROM information_schema.columns WHERE table_schema = database() -- ' AND password = 'secret'
SELECT * FROM users WHERE username = '' UNION SELECT schema_name, 2, 3 FROM information_schema.schemata #' AND password = 'secret'
SELECT id, title, price FROM products WHERE category = '' UNION SELECT table_name, 2, 3 FROM information_schema.tables -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' UNION ALL SELECT user, password, 3 FROM mysql.user #' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x' UNION SELECT @@version, NULL, NULL -- -' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' UNION SELECT column_name, table_name, 3 FROM information_schema.columns WHERE table_schema = database() -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' UNION SELECT schema_name, 2, 3 FROM information_schema.schemata #' ORDER BY title
SELECT * FROM orders WHERE status = '' UNION SELECT table_name, 2, 3 FROM information_schema.tables -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = '' UNION ALL SELECT user, password, 3 FROM mysql.user #' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x' UNION SELECT @@version, NULL, NULL -- -' AND customer_id = 42
SELECT * FROM orders WHERE status = '' UNION SELECT column_name, table_name, 3 FROM information_schema.columns WHERE table_schema = database() -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = '' UNION SELECT schema_name, 2, 3 FROM information_schema.schemata #' AND customer_id = 42
SELECT id, body FROM comments WHERE author LIKE '%' UNION SELECT table_name, 2, 3 FROM information_schema.tables -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' UNION ALL SELECT user, password, 3 FROM mysql.user #%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x' UNION SELECT @@version, NULL, NULL -- -%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' UNION SELECT column_name, table_name, 3 FROM information_schema.columns WHERE table_schema = database() -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' UNION SELECT schema_name, 2, 3 FROM information_schema.schemata #%' LIMIT 20
UPDATE users SET last_login = NOW() WHERE email = '' UNION SELECT table_name, 2, 3 FROM information_schema.tables -- '
UPDATE users SET last_login = NOW() WHERE email = '' UNION ALL SELECT user, password, 3 FROM mysql.user #'
UPDATE users SET last_login = NOW() WHERE email = 'x' UNION SELECT @@version, NULL, NULL -- -'
UPDATE users SET last_login = NOW() WHERE email = '' UNION SELECT column_name, table_name, 3 FROM information_schema.columns WHERE table_schema = database() -- '
UPDATE users SET last_login = NOW() WHERE email = '' UNION SELECT schema_name, 2, 3 FROM information_schema.schemata #'
SELECT id, title, price FROM products WHERE id = -1 UNION SELECT table_name, 2, 3 FROM information_schema.tables
SELECT id, title, price FROM products WHERE id = -1 UNION ALL SELECT user(), database(), version()
SELECT id, title, price FROM products WHERE id = 0 UNION SELECT 1, concat(user, 0x3a, password), 3 FROM mysql.user
SELECT * FROM articles WHERE id = -1 UNION SELECT table_name, 2, 3 FROM information_schema.tables AND published = 1
SELECT * FROM articles WHERE id = -1 UNION ALL SELECT user(), database(), version() AND published = 1
SELECT * FROM articles WHERE id = 0 UNION SELECT 1, concat(user, 0x3a, password), 3 FROM mysql.user AND published = 1
SELECT name, email FROM customers WHERE id = -1 UNION SELECT table_name, 2, 3 FROM information_schema.tables ORDER BY name
SELECT name, email FROM customers WHERE id = -1 UNION ALL SELECT user(), database(), version() ORDER BY name
SELECT name, email FROM customers WHERE id = 0 UNION SELECT 1, concat(user, 0x3a, password), 3 FROM mysql.user ORDER BY name
DELETE FROM cart_items WHERE id = -1 UNION SELECT table_name, 2, 3 FROM information_schema.tables
DELETE FROM cart_items WHERE id = -1 UNION ALL SELECT user(), database(), version()
DELETE FROM cart_items WHERE id = 0 UNION SELECT 1, concat(user, 0x3a, password), 3 FROM mysql.user

-- family: time
SELECT id, name, email FROM users WHERE name = '' AND SLEEP(5) -- '
SELECT id, name, email FROM users WHERE name = 'x' AND (SELECT 4800 FROM (SELECT(SLEEP(5)))HoBG) AND 'a'='a'
SELECT id, name, email FROM users WHERE name = '' OR SLEEP(5)=''
SELECT id, name, email FROM users WHERE name = 'x'XOR(SELECT(0)FROM(SELECT(SLEEP(5)))a)XOR'Z'
SELECT id, name, email FROM users WHERE name = '' AND BENCHMARK(5000000, MD5('a')) -- '
SELECT id, name, email FROM users WHERE name = '' AND IF(1=1, SLEEP(5), 0) #'
SELECT * FROM users WHERE username = '' AND SLEEP(5) -- ' AND password = 'secret'
SELECT * FROM users WHERE username = 'x' AND (SELECT 4800 FROM (SELECT(SLEEP(5)))HoBG) AND 'a'='a' AND password = 'secret'
SELECT * FROM users WHERE username = '' OR SLEEP(5)='' AND password = 'secret'
SELECT * FROM users WHERE username = 'x'XOR(SELECT(0)FROM(SELECT(SLEEP(5)))a)XOR'Z' AND password = 'secret'
SELECT * FROM users WHERE username = '' AND BENCHMARK(5000000, MD5('a')) -- ' AND password = 'secret'
SELECT * FROM users WHERE username = '' AND IF(1=1, SLEEP(5), 0) #' AND password = 'secret'
SELECT id, title, price FROM products WHERE category = '' AND SLEEP(5) -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x' AND (SELECT 4800 FROM (SELECT(SLEEP(5)))HoBG) AND 'a'='a' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' OR SLEEP(5)='' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x'XOR(SELECT(0)FROM(SELECT(SLEEP(5)))a)XOR'Z' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' AND BENCHMARK(5000000, MD5('a')) -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' AND IF(1=1, SLEEP(5), 0) #' ORDER BY title
SELECT * FROM orders WHERE status = '' AND SLEEP(5) -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x' AND (SELECT 4800 FROM (SELECT(SLEEP(5)))HoBG) AND 'a'='a' AND customer_id = 42
SELECT * FROM orders WHERE status = '' OR SLEEP(5)='' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x'XOR(SELECT(0)FROM(SELECT(SLEEP(5)))a)XOR'Z' AND customer_id = 42
SELECT * FROM orders WHERE status = '' AND BENCHMARK(5000000, MD5('a')) -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = '' AND IF(1=1, SLEEP(5), 0) #' AND customer_id = 42
SELECT id, body FROM comments WHERE author LIKE '%' AND SLEEP(5) -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x' AND (SELECT 4800 FROM (SELECT(SLEEP(5)))HoBG) AND 'a'='a%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' OR SLEEP(5)='%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x'XOR(SELECT(0)FROM(SELECT(SLEEP(5)))a)XOR'Z%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' AND BENCHMARK(5000000, MD5('a')) -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' AND IF(1=1, SLEEP(5), 0) #%' LIMIT 20
UPDATE users SET last_login = NOW() WHERE email = '' AND SLEEP(5) -- '
UPDATE users SET last_login = NOW() WHERE email = 'x' AND (SELECT 4800 FROM (SELECT(SLEEP(5)))HoBG) AND 'a'='a'
UPDATE users SET last_login = NOW() WHERE email = '' OR SLEEP(5)=''
UPDATE users SET last_login = NOW() WHERE email = 'x'XOR(SELECT(0)FROM(SELECT(SLEEP(5)))a)XOR'Z'
UPDATE users SET last_login = NOW() WHERE email = '' AND BENCHMARK(5000000, MD5('a')) -- '
UPDATE users SET last_login = NOW() WHERE email = '' AND IF(1=1, SLEEP(5), 0) #'
SELECT id, title, price FROM products WHERE id = 1 AND SLEEP(5)
SELECT id, title, price FROM products WHERE id = 1 AND (SELECT * FROM (SELECT(SLEEP(5)))a)
SELECT id, title, price FROM products WHERE id = SLEEP(5)
SELECT id, title, price FROM products WHERE id = 1 AND BENCHMARK(10000000, SHA1(1))
SELECT * FROM articles WHERE id = 1 AND SLEEP(5) AND published = 1
SELECT * FROM articles WHERE id = 1 AND (SELECT * FROM (SELECT(SLEEP(5)))a) AND published = 1
SELECT * FROM articles WHERE id = SLEEP(5) AND published = 1
SELECT * FROM articles WHERE id = 1 AND BENCHMARK(10000000, SHA1(1)) AND published = 1
SELECT name, email FROM customers WHERE id = 1 AND SLEEP(5) ORDER BY name
SELECT name, email FROM customers WHERE id = 1 AND (SELECT * FROM (SELECT(SLEEP(5)))a) ORDER BY name
SELECT name, email FROM customers WHERE id = SLEEP(5) ORDER BY name
SELECT name, email FROM customers WHERE id = 1 AND BENCHMARK(10000000, SHA1(1)) ORDER BY name
DELETE FROM cart_items WHERE id = 1 AND SLEEP(5)
DELETE FROM cart_items WHERE id = 1 AND (SELECT * FROM (SELECT(SLEEP(5)))a)
DELETE FROM cart_items WHERE id = SLEEP(5)
DELETE FROM cart_items WHERE id = 1 AND BENCHMARK(10000000, SHA1(1))

-- family: file
SELECT id, name, email FROM users WHERE name = '' UNION SELECT LOAD_FILE('/etc/passwd'), 2, 3 -- '
SELECT id, name, email FROM users WHERE name = '' INTO OUTFILE '/var/www/html/shell.php' -- '
SELECT id, name, email FROM users WHERE name = '' UNION SELECT '<?php system($_GET[0]); ?>', 2, 3 INTO DUMPFILE '/var/www/html/x.php' #'
SELECT * FROM users WHERE username = '' UNION SELECT LOAD_FILE('/etc/passwd'), 2, 3 -- ' AND password = 'secret'
SELECT * FROM users WHERE username = '' INTO OUTFILE '/var/www/html/shell.php' -- ' AND password = 'secret'
SELECT * FROM users WHERE username = '' UNION SELECT '<?php system($_GET[0]); ?>', 2, 3 INTO DUMPFILE '/var/www/html/x.php' #' AND password = 'secret'
SELECT id, title, price FROM products WHERE category = '' UNION SELECT LOAD_FILE('/etc/passwd'), 2, 3 -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' INTO OUTFILE '/var/www/html/shell.php' -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' UNION SELECT '<?php system($_GET[0]); ?>', 2, 3 INTO DUMPFILE '/var/www/html/x.php' #' ORDER BY title
SELECT * FROM orders WHERE status = '' UNION SELECT LOAD_FILE('/etc/passwd'), 2, 3 -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = '' INTO OUTFILE '/var/www/html/shell.php' -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = '' UNION SELECT '<?php system($_GET[0]); ?>', 2, 3 INTO DUMPFILE '/var/www/html/x.php' #' AND customer_id = 42
SELECT id, body FROM comments WHERE author LIKE '%' UNION SELECT LOAD_FILE('/etc/passwd'), 2, 3 -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' INTO OUTFILE '/var/www/html/shell.php' -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' UNION SELECT '<?php system($_GET[0]); ?>', 2, 3 INTO DUMPFILE '/var/www/html/x.php' #%' LIMIT 20
UPDATE users SET last_login = NOW() WHERE email = '' UNION SELECT LOAD_FILE('/etc/passwd'), 2, 3 -- '
UPDATE users SET last_login = NOW() WHERE email = '' INTO OUTFILE '/var/www/html/shell.php' -- '
UPDATE users SET last_login = NOW() WHERE email = '' UNION SELECT '<?php system($_GET[0]); ?>', 2, 3 INTO DUMPFILE '/var/www/html/x.php' #'
SELECT id, title, price FROM products WHERE id = -1 UNION SELECT LOAD_FILE(0x2f6574632f706173737764), 2, 3
SELECT * FROM articles WHERE id = -1 UNION SELECT LOAD_FILE(0x2f6574632f706173737764), 2, 3 AND published = 1
SELECT name, email FROM customers WHERE id = -1 UNION SELECT LOAD_FILE(0x2f6574632f706173737764), 2, 3 ORDER BY name
DELETE FROM cart_items WHERE id = -1 UNION SELECT LOAD_FILE(0x2f6574632f706173737764), 2, 3

-- family: stacked
SELECT id, name, email FROM users WHERE name = 'x'; DROP TABLE users -- '
SELECT id, name, email FROM users WHERE name = 'x'; SELECT SLEEP(5) #'
SELECT id, name, email FROM users WHERE name = 'x'; UPDATE users SET role = 'admin' WHERE name = 'eve'; -- '
SELECT * FROM users WHERE username = 'x'; DROP TABLE users -- ' AND password = 'secret'
SELECT * FROM users WHERE username = 'x'; SELECT SLEEP(5) #' AND password = 'secret'
SELECT * FROM users WHERE username = 'x'; UPDATE users SET role = 'admin' WHERE name = 'eve'; -- ' AND password = 'secret'
SELECT id, title, price FROM products WHERE category = 'x'; DROP TABLE users -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x'; SELECT SLEEP(5) #' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x'; UPDATE users SET role = 'admin' WHERE name = 'eve'; -- ' ORDER BY title
SELECT * FROM orders WHERE status = 'x'; DROP TABLE users -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x'; SELECT SLEEP(5) #' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x'; UPDATE users SET role = 'admin' WHERE name = 'eve'; -- ' AND customer_id = 42
SELECT id, body FROM comments WHERE author LIKE '%x'; DROP TABLE users -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x'; SELECT SLEEP(5) #%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x'; UPDATE users SET role = 'admin' WHERE name = 'eve'; -- %' LIMIT 20
UPDATE users SET last_login = NOW() WHERE email = 'x'; DROP TABLE users -- '
UPDATE users SET last_login = NOW() WHERE email = 'x'; SELECT SLEEP(5) #'
UPDATE users SET last_login = NOW() WHERE email = 'x'; UPDATE users SET role = 'admin' WHERE name = 'eve'; -- '
SELECT id, title, price FROM products WHERE id = 1; DROP TABLE users
SELECT id, title, price FROM products WHERE id = 1; SELECT SLEEP(5) -- 
SELECT id, title, price FROM products WHERE id = 1; SHUTDOWN
SELECT * FROM articles WHERE id = 1; DROP TABLE users AND published = 1
SELECT * FROM articles WHERE id = 1; SELECT SLEEP(5) --  AND published = 1
SELECT * FROM articles WHERE id = 1; SHUTDOWN AND published = 1
SELECT name, email FROM customers WHERE id = 1; DROP TABLE users ORDER BY name
SELECT name, email FROM customers WHERE id = 1; SELECT SLEEP(5) --  ORDER BY name
SELECT name, email FROM customers WHERE id = 1; SHUTDOWN ORDER BY name
DELETE FROM cart_items WHERE id = 1; DROP TABLE users
DELETE FROM cart_items WHERE id = 1; SELECT SLEEP(5) -- 
DELETE FROM cart_items WHERE id = 1; SHUTDOWN

-- family: comment
SELECT id, name, email FROM users WHERE name = 'admin' -- '
SELECT id, name, email FROM users WHERE name = 'admin' #'
SELECT id, name, email FROM users WHERE name = 'admin'/*'
SELECT * FROM users WHERE username = 'admin' -- ' AND password = 'secret'
SELECT * FROM users WHERE username = 'admin' #' AND password = 'secret'
SELECT * FROM users WHERE username = 'admin'/*' AND password = 'secret'
SELECT id, title, price FROM products WHERE category = 'admin' -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'admin' #' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'admin'/*' ORDER BY title
SELECT * FROM orders WHERE status = 'admin' -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = 'admin' #' AND customer_id = 42
SELECT * FROM orders WHERE status = 'admin'/*' AND customer_id = 42
SELECT id, body FROM comments WHERE author LIKE '%admin' -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%admin' #%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%admin'/*%' LIMIT 20
UPDATE users SET last_login = NOW() WHERE email = 'admin' -- '
UPDATE users SET last_login = NOW() WHERE email = 'admin' #'
UPDATE users SET last_login = NOW() WHERE email = 'admin'/*'
SELECT id, title, price FROM products WHERE id = 1 -- 
SELECT id, title, price FROM products WHERE id = 1 #
SELECT * FROM articles WHERE id = 1 --  AND published = 1
SELECT * FROM articles WHERE id = 1 # AND published = 1
SELECT name, email FROM customers WHERE id = 1 --  ORDER BY name
SELECT name, email FROM customers WHERE id = 1 # ORDER BY name
DELETE FROM cart_items WHERE id = 1 -- 
DELETE FROM cart_items WHERE id = 1 #

-- family: encoded
SELECT id, name, email FROM users WHERE name = '' OR name = 0x61646d696e -- '
SELECT id, name, email FROM users WHERE name = 'x' OR username = CHAR(97,100,109,105,110) #'
SELECT id, name, email FROM users WHERE name = 'x' AND 1=0 UNION SELECT 0x3c3f706870, 2, 3 -- '
SELECT * FROM users WHERE username = '' OR name = 0x61646d696e -- ' AND password = 'secret'
SELECT * FROM users WHERE username = 'x' OR username = CHAR(97,100,109,105,110) #' AND password = 'secret'
SELECT * FROM users WHERE username = 'x' AND 1=0 UNION SELECT 0x3c3f706870, 2, 3 -- ' AND password = 'secret'
SELECT id, title, price FROM products WHERE category = '' OR name = 0x61646d696e -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x' OR username = CHAR(97,100,109,105,110) #' ORDER BY title
SELECT id, title, price FROM products WHERE category = 'x' AND 1=0 UNION SELECT 0x3c3f706870, 2, 3 -- ' ORDER BY title
SELECT * FROM orders WHERE status = '' OR name = 0x61646d696e -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x' OR username = CHAR(97,100,109,105,110) #' AND customer_id = 42
SELECT * FROM orders WHERE status = 'x' AND 1=0 UNION SELECT 0x3c3f706870, 2, 3 -- ' AND customer_id = 42
SELECT id, body FROM comments WHERE author LIKE '%' OR name = 0x61646d696e -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x' OR username = CHAR(97,100,109,105,110) #%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%x' AND 1=0 UNION SELECT 0x3c3f706870, 2, 3 -- %' LIMIT 20
UPDATE users SET last_login = NOW() WHERE email = '' OR name = 0x61646d696e -- '
UPDATE users SET last_login = NOW() WHERE email = 'x' OR username = CHAR(97,100,109,105,110) #'
UPDATE users SET last_login = NOW() WHERE email = 'x' AND 1=0 UNION SELECT 0x3c3f706870, 2, 3 -- '
SELECT id, title, price FROM products WHERE id = 1 AND username = 0x61646d696e
SELECT id, title, price FROM products WHERE id = 1 AND name = CHAR(114,111,111,116)
SELECT * FROM articles WHERE id = 1 AND username = 0x61646d696e AND published = 1
SELECT * FROM articles WHERE id = 1 AND name = CHAR(114,111,111,116) AND published = 1
SELECT name, email FROM customers WHERE id = 1 AND username = 0x61646d696e ORDER BY name
SELECT name, email FROM customers WHERE id = 1 AND name = CHAR(114,111,111,116) ORDER BY name
DELETE FROM cart_items WHERE id = 1 AND username = 0x61646d696e
DELETE FROM cart_items WHERE id = 1 AND name = CHAR(114,111,111,116)

-- family: error
SELECT id, name, email FROM users WHERE name = '' AND EXTRACTVALUE(1, CONCAT(0x5c, (SELECT user()))) -- '
SELECT id, name, email FROM users WHERE name = '' AND UPDATEXML(1, CONCAT(0x7e, (SELECT @@version)), 1) #'
SELECT id, name, email FROM users WHERE name = '' AND (SELECT 1 FROM (SELECT COUNT(*), CONCAT((SELECT database()), FLOOR(RAND(0)*2)) x FROM information_schema.tables GROUP BY x) a) -- '
SELECT * FROM users WHERE username = '' AND EXTRACTVALUE(1, CONCAT(0x5c, (SELECT user()))) -- ' AND password = 'secret'
SELECT * FROM users WHERE username = '' AND UPDATEXML(1, CONCAT(0x7e, (SELECT @@version)), 1) #' AND password = 'secret'
SELECT * FROM users WHERE username = '' AND (SELECT 1 FROM (SELECT COUNT(*), CONCAT((SELECT database()), FLOOR(RAND(0)*2)) x FROM information_schema.tables GROUP BY x) a) -- ' AND password = 'secret'
SELECT id, title, price FROM products WHERE category = '' AND EXTRACTVALUE(1, CONCAT(0x5c, (SELECT user()))) -- ' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' AND UPDATEXML(1, CONCAT(0x7e, (SELECT @@version)), 1) #' ORDER BY title
SELECT id, title, price FROM products WHERE category = '' AND (SELECT 1 FROM (SELECT COUNT(*), CONCAT((SELECT database()), FLOOR(RAND(0)*2)) x FROM information_schema.tables GROUP BY x) a) -- ' ORDER BY title
SELECT * FROM orders WHERE status = '' AND EXTRACTVALUE(1, CONCAT(0x5c, (SELECT user()))) -- ' AND customer_id = 42
SELECT * FROM orders WHERE status = '' AND UPDATEXML(1, CONCAT(0x7e, (SELECT @@version)), 1) #' AND customer_id = 42
SELECT * FROM orders WHERE status = '' AND (SELECT 1 FROM (SELECT COUNT(*), CONCAT((SELECT database()), FLOOR(RAND(0)*2)) x FROM information_schema.tables GROUP BY x) a) -- ' AND customer_id = 42
SELECT id, body FROM comments WHERE author LIKE '%' AND EXTRACTVALUE(1, CONCAT(0x5c, (SELECT user()))) -- %' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' AND UPDATEXML(1, CONCAT(0x7e, (SELECT @@version)), 1) #%' LIMIT 20
SELECT id, body FROM comments WHERE author LIKE '%' AND (SELECT 1 FROM (SELECT COUNT(*), CONCAT((SELECT database()), FLOOR(RAND(0)*2)) x FROM information_schema.tables GROUP BY x) a) -- %' LIMIT 20
UPDATE users SET last_login = NOW() WHERE email = '' AND EXTRACTVALUE(1, CONCAT(0x5c, (SELECT user()))) -- '
UPDATE users SET last_login = NOW() WHERE email = '' AND UPDATEXML(1, CONCAT(0x7e, (SELECT @@version)), 1) #'
UPDATE users SET last_login = NOW() WHERE email = '' AND (SELECT 1 FROM (SELECT COUNT(*), CONCAT((SELECT database()), FLOOR(RAND(0)*2)) x FROM information_schema.tables GROUP BY x) a) -- '

-- family: OWASP WSTG-INPV-05 examples (its own query shapes, as the guide shows them)
SELECT * FROM Users WHERE Username='1' OR '1' = '1' AND Password='1' OR '1' = '1'
SELECT * FROM Users WHERE ((Username='1' or '1' = '1'))/*') AND (Password=MD5('secret')))
SELECT * FROM Users WHERE ((Username='1' or '1' = '1')) LIMIT 1/*') AND (Password=MD5('secret')))
SELECT * FROM Users WHERE Username='admin'--' AND Password='x'
SELECT * FROM products WHERE id_product=10 AND 1=2
SELECT * FROM products WHERE id_product=10 AND IF(version() like '5%', sleep(10), 'false')
SELECT * FROM products WHERE id_product=10; INSERT INTO users (username, password) VALUES ('eve', 'eve')
SELECT field1, field2, field3 FROM Users WHERE Id='1' UNION ALL SELECT creditCardNumber,1,1 FROM CreditCardTable
SELECT field1, field2, field3 FROM Users WHERE Id='1' AND ASCII(SUBSTRING(username,1,1))=97 AND '1'='1'
SELECT * FROM Users WHERE Id=1 OR 1=1 LIMIT 1
SELECT * FROM Users WHERE Id=10 AND LENGTH(username)=4 AND '1' = '1'

-- family: MariaDB executable comments /*M! … */ (MariaDB runs their body; PayloadsAllTheThings' comment tricks)
SELECT * FROM users WHERE name = 'x' /*M! OR 1=1 */ -- '
SELECT * FROM users WHERE id = 5 /*M! OR 1=1 */
