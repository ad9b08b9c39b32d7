package io.jdbcactivity.analyze;

import java.util.List;

/**
 * What one SQL text does, as the lexer understands it.
 *
 * @param statements one entry per statement of the text (more than one with {@code allowMultiQueries})
 * @param truncated  the text was longer than {@link SqlText#MAX_ANALYSED_CHARS}: only its head was analysed
 */
public record Analysis(List<Statement> statements, boolean truncated) {

    /**
     * One statement.
     *
     * @param command        MySQL's name of it ({@code SELECT}, {@code CREATE TABLE}, ...)
     * @param activityClass  READ, WRITE, DDL, ROLE, FUNCTION or MISC
     * @param normalized     literal-free normal form
     * @param digest         hash of its shape, see {@link Digest}
     * @param risks          flags an administrator wants to hear about
     * @param tables         tables touched, each with its access
     * @param objectType     what the statement is about: PROCEDURE, FUNCTION, TRIGGER or EVENT for a
     *                       stored program it calls, creates, alters or drops, else TABLE for its
     *                       {@link #primaryTable()}; null when none
     * @param objectName     that object's name as written (schema-qualified when so); null when none
     * @param columns        the columns read and written per table, from JSqlParser's tree, or why
     *                       they are unknown ({@link ColumnAccess#NOT_TRIED} for kinds without columns)
     */
    public record Statement(String command, String activityClass, String normalized, String digest,
            List<String> risks, List<TableAccess> tables, String objectType, String objectName,
            ColumnAccess columns) {

        /** A statement whose columns are unknown. */
        public Statement(String command, String activityClass, String normalized, String digest,
                List<String> risks, List<TableAccess> tables, String objectType, String objectName) {
            this(command, activityClass, normalized, digest, risks, tables, objectType, objectName,
                    ColumnAccess.NOT_TRIED);
        }

        /** A statement whose object is its primary table, if any. */
        public Statement(String command, String activityClass, String normalized, String digest,
                List<String> risks, List<TableAccess> tables) {
            this(command, activityClass, normalized, digest, risks, tables, Tables.primary(tables) == null ? null : "TABLE",
                    Tables.primary(tables) == null ? null : Tables.primary(tables).name());
        }

        /** DAS-style summary: the first table written, else the first read; null when none. */
        public TableAccess primaryTable() {
            return Tables.primary(tables);
        }
    }
}
