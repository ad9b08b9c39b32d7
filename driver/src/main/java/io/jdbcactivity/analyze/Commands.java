package io.jdbcactivity.analyze;

import java.util.Set;

/**
 * Names a statement's command the way MySQL does ({@code SELECT}, {@code CREATE TABLE},
 * {@code START TRANSACTION}) from the leading keywords of its normal form, and puts it in the
 * design's class vocabulary. Never from the first character: {@code DROP} is not {@code DELETE}.
 */
public final class Commands {
    /** Verbs whose object word completes the command name (CREATE TABLE, DROP USER, LOAD DATA...). */
    private static final Set<String> TWO_WORD = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "LOAD",
            "START", "LOCK", "UNLOCK", "RELEASE", "XA", "FLUSH", "INSTALL", "UNINSTALL", "HANDLER");
    /** Modifiers between the verb and its object: CREATE OR REPLACE VIEW, CREATE TEMPORARY TABLE. */
    private static final Set<String> MODIFIERS = Set.of("OR", "REPLACE", "TEMPORARY", "UNIQUE", "FULLTEXT", "SPATIAL",
            "ONLINE", "OFFLINE", "IGNORE", "UNDO", "DEFINER", "ALGORITHM", "SQL", "SECURITY", "AGGREGATE", "LOCAL",
            "NO_WRITE_TO_BINLOG");
    private static final Set<String> READ = Set.of("SELECT", "SHOW", "EXPLAIN", "DESCRIBE", "DESC", "TABLE", "VALUES",
            "WITH", "HELP", "CHECKSUM");
    private static final Set<String> WRITE = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD", "TRUNCATE");
    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "RENAME");
    private static final Set<String> ROLE_OBJECTS = Set.of("USER", "ROLE");

    private Commands() {
    }

    /** Command and class of a normalised statement; {@code UNKNOWN}/MISC when there is no keyword. */
    public static Classified classify(String normalized) {
        String verb = SqlText.firstWord(normalized, 0);
        if (verb == null) {
            return new Classified("UNKNOWN", "MISC");
        }
        String upper = normalized.toUpperCase(java.util.Locale.ROOT);
        int at = upper.indexOf(verb) + verb.length();
        String next = SqlText.firstWord(normalized, at);
        String command = verb;
        String object = null;
        if (TWO_WORD.contains(verb)) {
            while (next != null && MODIFIERS.contains(next)) {
                at = upper.indexOf(next, at) + next.length();
                next = SqlText.firstWord(normalized, at);
            }
            if (verb.equals("TRUNCATE")) {
                command = "TRUNCATE TABLE"; // TRUNCATE t is TRUNCATE TABLE t
                object = "TABLE";
            } else if (next != null) {
                object = next;
                command = verb + " " + next;
            }
        } else if (verb.equals("SET") && "PASSWORD".equals(next)) {
            object = next;
            command = "SET PASSWORD";
        }
        return new Classified(command, classOf(verb, object));
    }

    private static String classOf(String verb, String object) {
        if (READ.contains(verb)) {
            return "READ";
        }
        if (WRITE.contains(verb)) {
            return "WRITE";
        }
        if (verb.equals("GRANT") || verb.equals("REVOKE") || (DDL.contains(verb) && ROLE_OBJECTS.contains(object))) {
            return "ROLE";
        }
        if (verb.equals("SET") && "PASSWORD".equals(object)) {
            return "ROLE";
        }
        if (DDL.contains(verb)) {
            return "DDL";
        }
        if (verb.equals("CALL") || verb.equals("DO")) {
            return "FUNCTION";
        }
        return "MISC";
    }

    /** A command name and its class. */
    public record Classified(String command, String activityClass) {
    }
}
