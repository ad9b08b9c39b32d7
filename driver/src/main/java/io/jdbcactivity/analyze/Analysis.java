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
     */
    public record Statement(String command, String activityClass, String normalized, String digest,
            List<String> risks, List<TableAccess> tables) {

        /** DAS-style summary: the first table written, else the first read; null when none. */
        public TableAccess primaryTable() {
            return Tables.primary(tables);
        }
    }
}
