package io.jdbcactivity.analyze;

/**
 * A table a statement touches and what it does to it.
 *
 * @param name   as written, without quotes, schema-qualified when written so
 * @param access READ, or the write it suffers: INSERT, UPDATE, DELETE, REPLACE, TRUNCATE, CREATE,
 *               ALTER, DROP, RENAME, LOAD
 */
public record TableAccess(String name, String access) {
}
