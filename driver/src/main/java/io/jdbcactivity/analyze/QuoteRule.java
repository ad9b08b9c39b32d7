package io.jdbcactivity.analyze;

/**
 * How the server that runs a text reads its quotes: whether a backslash escapes the next
 * character inside {@code '…'} and {@code "…"}, and whether {@code "…"} is a string or a name.
 * The same text lexes differently under different rules ({@code LIKE ? ESCAPE '\'} ends its
 * literal only where backslashes are plain characters), so the rule is part of what a text's
 * analysis is cached under. Taken per connection from the target (driver kind, and for the MySQL
 * family the session's {@code sql_mode}): see {@code jdbc.QuoteRules}.
 */
public enum QuoteRule {
    /** MySQL and MariaDB by default: backslash escapes in {@code '…'} and {@code "…"}, both strings. */
    MYSQL(true, false),
    /** MySQL/MariaDB with {@code NO_BACKSLASH_ESCAPES}: only a doubled quote escapes; {@code "…"} a string. */
    MYSQL_NO_BACKSLASH_ESCAPES(false, false),
    /** MySQL/MariaDB with {@code ANSI_QUOTES}: backslash escapes in {@code '…'}; {@code "…"} is a name. */
    MYSQL_ANSI_QUOTES(true, true),
    /**
     * The SQL standard, and MySQL/MariaDB with both modes (e.g. {@code sql_mode=ANSI} plus
     * {@code NO_BACKSLASH_ESCAPES}): {@code ''} is the only escape, {@code "…"} is a name. H2,
     * PostgreSQL (whose {@code E'…'} strings still take backslashes) and every other target.
     */
    STANDARD(false, true);

    private final boolean backslashEscapes;
    private final boolean doubleQuotedNames;

    QuoteRule(boolean backslashEscapes, boolean doubleQuotedNames) {
        this.backslashEscapes = backslashEscapes;
        this.doubleQuotedNames = doubleQuotedNames;
    }

    /** Whether {@code \} escapes the next character inside a quoted string. */
    public boolean backslashEscapes() {
        return backslashEscapes;
    }

    /** Whether {@code "…"} quotes a name (SQL standard, MySQL's ANSI_QUOTES) rather than a string. */
    public boolean doubleQuotedNames() {
        return doubleQuotedNames;
    }

    /** The rule with these two properties. */
    public static QuoteRule of(boolean backslashEscapes, boolean doubleQuotedNames) {
        if (backslashEscapes) {
            return doubleQuotedNames ? MYSQL_ANSI_QUOTES : MYSQL;
        }
        return doubleQuotedNames ? STANDARD : MYSQL_NO_BACKSLASH_ESCAPES;
    }
}
