package io.jdbcactivity.analyze;

import java.util.List;

/**
 * The columns a statement reads and writes, per table, as JSqlParser's syntax tree shows them
 * ({@link Columns}), or why they are unknown.
 *
 * @param parsed    whether the columns came from the parser; false: unknown, the event says
 *                  {@code parse.status} {@code lexer} and lists none
 * @param reason    when not parsed but the parser was tried or budgeted: {@code tooLong},
 *                  {@code timeout} or {@code parseError}; null when it was not tried (a statement
 *                  kind without columns, such as DDL)
 * @param tables    per table, in order of first mention; empty when not parsed
 * @param truncated more than {@link Columns#MAX_TABLES} tables or {@link Columns#MAX_COLUMNS}
 *                  columns of one table: the rest were left out
 */
public record ColumnAccess(boolean parsed, String reason, List<TableColumns> tables, boolean truncated) {

    /** Not tried: the statement's kind has no column-level access worth a parse. */
    public static final ColumnAccess NOT_TRIED = new ColumnAccess(false, null, List.of(), false);

    static ColumnAccess unknown(String reason) {
        return new ColumnAccess(false, reason, List.of(), false);
    }

    /**
     * One table's columns.
     *
     * @param table   as the table resolver names it (unquoted, schema-qualified when written so);
     *                {@code ?} for unqualified columns of a SELECT with several tables
     * @param read    columns read, {@code *} for {@code *} and {@code t.*}
     * @param written columns written: INSERT's column list ({@code *} without one), UPDATE's SET
     *                targets, ON DUPLICATE KEY UPDATE's targets
     */
    public record TableColumns(String table, List<String> read, List<String> written) {
    }
}
