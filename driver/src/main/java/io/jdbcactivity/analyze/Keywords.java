package io.jdbcactivity.analyze;

import java.util.Locale;
import java.util.Set;

/**
 * Words the normal form writes in upper case, so that {@code select} and {@code SELECT} give one
 * digest. Identifiers keep their case (MySQL table names are case-sensitive on Linux).
 */
final class Keywords {
    private static final Set<String> WORDS = Set.of(
            "ACCESSIBLE", "ACCOUNT", "ACTION", "ADD", "AFTER", "AGAINST", "ALGORITHM", "ALL", "ALTER", "ANALYZE",
            "AND", "ANY", "AS", "ASC", "AUTO_INCREMENT", "BEFORE", "BEGIN", "BETWEEN", "BIGINT", "BINARY", "BINLOG",
            "BLOB", "BOOLEAN", "BOTH", "BY", "CALL", "CASCADE", "CASE", "CAST", "CHANGE", "CHAR", "CHARACTER",
            "CHARSET", "CHECK", "CHECKSUM", "COLLATE", "COLUMN", "COLUMNS", "COMMENT", "COMMIT", "COMMITTED",
            "CONSTRAINT", "CONVERT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIMESTAMP",
            "CURRENT_USER", "DATA", "DATABASE", "DATABASES", "DATE", "DATETIME", "DAY", "DEALLOCATE", "DECIMAL",
            "DECLARE", "DEFAULT", "DEFINER", "DELAYED", "DELETE", "DESC", "DESCRIBE", "DETERMINISTIC", "DISTINCT",
            "DIV", "DO", "DOUBLE", "DROP", "DUAL", "DUPLICATE", "EACH", "ELSE", "ELSEIF", "ENCLOSED", "END", "ENGINE",
            "ESCAPED", "EVENT", "EXCEPT", "EXECUTE", "EXISTS", "EXPLAIN", "FALSE", "FETCH", "FIELDS", "FIRST",
            "FLOAT", "FLUSH", "FOLLOWING", "FOR", "FORCE", "FOREIGN", "FORMAT", "FROM", "FULL", "FULLTEXT",
            "FUNCTION", "GLOBAL", "GRANT", "GRANTS", "GROUP", "HANDLER", "HAVING", "HIGH_PRIORITY", "HOUR", "IDENTIFIED",
            "IF", "IGNORE", "IN", "INDEX", "INFILE", "INNER", "INSERT", "INT", "INTEGER", "INTERSECT", "INTERVAL",
            "INTO", "INVOKER", "IS", "ISOLATION", "JOIN", "JSON", "KEY", "KEYS", "KILL", "LAST", "LATERAL", "LEADING",
            "LEFT", "LEVEL", "LIKE", "LIMIT", "LINES", "LOAD", "LOCAL", "LOCK", "LOCKED", "LOW_PRIORITY", "MATCH",
            "MERGE", "MINUTE", "MOD", "MODE", "MODIFY", "MONTH", "NATURAL", "NOT", "NOWAIT", "NULL", "NULLS",
            "NUMERIC", "OF", "OFFSET", "ON", "ONLY", "OPTIMIZE", "OPTION", "OR", "ORDER", "OUTER", "OUTFILE", "OVER",
            "PARTITION", "PASSWORD", "PRECEDING", "PREPARE", "PRIMARY", "PRIVILEGES", "PROCEDURE", "PROCESSLIST",
            "QUICK", "RANGE", "READ", "RECURSIVE", "REFERENCES", "REGEXP", "RELEASE", "RENAME", "REPEATABLE",
            "REPLACE", "RESTRICT", "RETURN", "RETURNS", "REVOKE", "RIGHT", "RLIKE", "ROLE", "ROLLBACK", "ROLLUP",
            "ROW", "ROWS", "SAVEPOINT", "SCHEMA", "SCHEMAS", "SECOND", "SECURITY", "SELECT", "SEPARATOR",
            "SERIALIZABLE", "SESSION", "SET", "SHARE", "SHOW", "SIGNAL", "SKIP", "SMALLINT", "SQL", "SQL_CALC_FOUND_ROWS",
            "SQL_NO_CACHE", "START", "STATUS", "STRAIGHT_JOIN", "TABLE", "TABLES", "TEMPORARY", "TERMINATED", "TEXT",
            "THEN", "TIME", "TIMESTAMP", "TINYINT", "TO", "TRAILING", "TRANSACTION", "TRIGGER", "TRUE", "TRUNCATE",
            "UNBOUNDED", "UNCOMMITTED", "UNION", "UNIQUE", "UNLOCK", "UNSIGNED", "UPDATE", "USAGE", "USE", "USER",
            "USING", "VALUE", "VALUES", "VARCHAR", "VARIABLES", "VIEW", "WARNINGS", "WHEN", "WHERE", "WHILE", "WINDOW",
            "WITH", "WORK", "WRITE", "XA", "XOR", "YEAR", "ZEROFILL");

    private Keywords() {
    }

    /** The word in upper case when it is a keyword, else as written. */
    static String normal(String word) {
        String upper = word.toUpperCase(Locale.ROOT);
        return WORDS.contains(upper) ? upper : word;
    }
}
