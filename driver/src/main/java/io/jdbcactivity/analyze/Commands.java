package io.jdbcactivity.analyze;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names a statement's command the way MySQL does ({@code SELECT}, {@code CREATE TABLE},
 * {@code START TRANSACTION}) from the tokens of its normal form, and puts it in the design's class
 * vocabulary. Never from the first character: {@code DROP} is not {@code DELETE}, {@code SHOW} is
 * not {@code SELECT}. A statement that starts with CTEs is named after the statement they serve.
 */
public final class Commands {
    /** Verbs whose object word completes the command name (CREATE TABLE, DROP USER, LOAD DATA...). */
    private static final Set<String> TWO_WORD = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "LOAD",
            "START", "STOP", "LOCK", "UNLOCK", "RELEASE", "XA", "INSTALL", "UNINSTALL", "CACHE", "ANALYZE", "CHECK",
            "CHECKSUM", "OPTIMIZE", "REPAIR");
    /** Words between a verb and its object that do not name it (CREATE OR REPLACE VIEW, OPTIMIZE LOCAL TABLE). */
    private static final Set<String> MODIFIERS = Set.of("OR", "REPLACE", "TEMPORARY", "UNIQUE", "FULLTEXT", "ONLINE",
            "OFFLINE", "IGNORE", "UNDO", "AGGREGATE", "LOCAL", "NO_WRITE_TO_BINLOG", "EXTERNAL");
    /** Objects a DEFINER clause can precede: the end of the user name. */
    private static final Set<String> DEFINED = Set.of("VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "SQL",
            "ALGORITHM");
    private static final Set<String> READ = Set.of("SELECT", "SHOW", "EXPLAIN", "DESCRIBE", "TABLE", "VALUES", "HELP",
            "CHECKSUM TABLE");
    private static final Set<String> WRITE = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "LOAD DATA", "LOAD XML",
            "TRUNCATE TABLE");
    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "RENAME");
    /** Words that begin a compound statement (and a labelled one's word after the colon). */
    private static final Set<String> BLOCKS = Set.of("IF", "CASE", "LOOP", "WHILE", "REPEAT");
    private static final Set<String> LABELLED = Set.of("BEGIN", "LOOP", "WHILE", "REPEAT", "FOR");
    private static final Set<String> ROLE_OBJECTS = Set.of("USER", "ROLE");
    private static final Set<String> ROLE_COMMANDS = Set.of("GRANT", "REVOKE", "SET PASSWORD", "SET ROLE",
            "SET DEFAULT ROLE");

    /**
     * The command of a compound statement sent as such (MariaDB's anonymous {@code BEGIN NOT ATOMIC}
     * block, or a top-level IF, CASE, LOOP, WHILE, REPEAT, FOR): class FUNCTION, as it runs code.
     */
    static final String COMPOUND = "COMPOUND";

    private Commands() {
    }

    /** Command and class of a normalised statement; {@code UNKNOWN}/MISC when there is no keyword. */
    public static Classified classify(String normalized) {
        return classify(Tables.tokenize(normalized));
    }

    /** Command and class of a statement's tokens ({@link Tables#tokenize}). */
    static Classified classify(List<String> t) {
        int i = 0;
        while (i < t.size() && t.get(i).equals("(")) {
            i++; // (SELECT ...) UNION (SELECT ...)
        }
        if (i + 2 < t.size() && t.get(i).equals("?") && t.get(i + 1).equals("=") && upper(t, i + 2).equals("CALL")) {
            i += 2; // {? = call f(?)}: the JDBC escape of a function call
        }
        if (i >= t.size() || !Character.isLetter(t.get(i).charAt(0))) {
            return new Classified("UNKNOWN", "MISC");
        }
        if (isCompound(t, i)) {
            return new Classified(COMPOUND, "FUNCTION");
        }
        if (upper(t, i).equals("WITH")) {
            i = afterCtes(t, i + 1);
            if (i >= t.size() || !Character.isLetter(t.get(i).charAt(0))) {
                return new Classified("SELECT", "READ");
            }
        }
        String verb = upper(t, i);
        String object = null;
        String command = verb;
        int j = i + 1;
        if (TWO_WORD.contains(verb)) {
            j = skipModifiers(t, j);
            String next = upper(t, j);
            if (verb.equals("TRUNCATE")) {
                command = "TRUNCATE TABLE"; // TRUNCATE t is TRUNCATE TABLE t
                object = "TABLE";
            } else if (next.equals("SPATIAL") && upper(t, j + 1).equals("REFERENCE")) {
                command = verb + " SPATIAL REFERENCE SYSTEM";
                object = "SRS";
            } else if (next.equals("SPATIAL") && upper(t, j + 1).equals("INDEX")) {
                command = verb + " INDEX";
                object = "INDEX";
            } else if (!next.isEmpty()) {
                object = next.equals("SCHEMA") ? "DATABASE" : next; // SCHEMA is a synonym of DATABASE
                object = (verb.equals("LOCK") || verb.equals("UNLOCK")) && object.equals("TABLE") ? "TABLES" : object;
                command = verb + " " + object;
                if (object.equals("RESOURCE") && upper(t, j + 1).equals("GROUP")) {
                    command += " GROUP";
                }
            }
        } else if (verb.equals("SET")) {
            String next = upper(t, j);
            if (next.equals("PASSWORD") || next.equals("ROLE")) {
                command = "SET " + next;
            } else if (next.equals("DEFAULT") && upper(t, j + 1).equals("ROLE")) {
                command = "SET DEFAULT ROLE";
            } else if (next.equals("RESOURCE") && upper(t, j + 1).equals("GROUP")) {
                command = "SET RESOURCE GROUP";
            }
        } else if (verb.equals("HANDLER")) {
            // HANDLER t READ ... returns rows; HANDLER t OPEN [AS a] / CLOSE only prepare or end that.
            // The action is the first OPEN, READ or CLOSE after the (possibly qualified) table name,
            // so an alias or index that happens to be called "read" does not make an OPEN a read.
            return new Classified(command, "READ".equals(handlerAction(t, i + 2)) ? "READ" : "MISC");
        } else if (verb.equals("DESC") || (verb.equals("EXPLAIN") || verb.equals("DESCRIBE"))
                && !isExplainable(upper(t, j))) {
            command = "DESCRIBE"; // DESC t, EXPLAIN t: the table's columns
        } else if (verb.equals("DESCRIBE")) {
            command = "EXPLAIN"; // DESCRIBE SELECT ...: a plan
        }
        return new Classified(command, classOf(command, verb, object));
    }

    /**
     * A compound statement run as it is sent (MariaDB): {@code BEGIN NOT ATOMIC … END}, a labelled
     * block or loop, or IF, CASE, LOOP, WHILE, REPEAT, FOR at the start of a statement.
     */
    private static boolean isCompound(List<String> t, int i) {
        String w = upper(t, i);
        return (w.equals("BEGIN") && upper(t, i + 1).equals("NOT") && upper(t, i + 2).equals("ATOMIC"))
                || BLOCKS.contains(w)
                || (w.equals("FOR") && upper(t, i + 2).equals("IN"))
                || (i + 2 < t.size() && t.get(i + 1).equals(":") && LABELLED.contains(upper(t, i + 2)));
    }

    private static boolean isExplainable(String word) {
        return Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "TABLE", "WITH", "FORMAT", "ANALYZE",
                "EXTENDED", "PARTITIONS", "FOR", "(").contains(word);
    }

    /** Index after CREATE's modifiers, including ALGORITHM = x, DEFINER = user and SQL SECURITY x. */
    private static int skipModifiers(List<String> t, int j) {
        while (j < t.size()) {
            String w = upper(t, j);
            if (MODIFIERS.contains(w)) {
                j++;
            } else if (w.equals("ALGORITHM") && j + 1 < t.size() && t.get(j + 1).equals("=")) {
                j += 3;
            } else if (w.equals("SQL") && upper(t, j + 1).equals("SECURITY")) {
                j += 3;
            } else if (w.equals("DEFINER")) {
                j++;
                while (j < t.size() && !DEFINED.contains(upper(t, j))) {
                    j++; // = `user`@`host`, = CURRENT_USER, = user@host
                }
            } else {
                return j;
            }
        }
        return j;
    }

    /** Index of the statement after {@code WITH [RECURSIVE] name [(cols)] AS (...) [, ...]}. */
    private static int afterCtes(List<String> t, int j) {
        if (upper(t, j).equals("RECURSIVE")) {
            j++;
        }
        while (j < t.size()) {
            j++; // the name
            if (j < t.size() && t.get(j).equals("(")) {
                j = closing(t, j) + 1;
            }
            if (!upper(t, j).equals("AS")) {
                return j;
            }
            j = closing(t, j + 1) + 1;
            if (j < t.size() && t.get(j).equals(",")) {
                j++;
            } else {
                return j;
            }
        }
        return j;
    }

    private static int closing(List<String> t, int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            depth += t.get(k).equals("(") ? 1 : t.get(k).equals(")") ? -1 : 0;
            if (depth == 0) {
                return k;
            }
        }
        return t.size();
    }

    private static String upper(List<String> t, int i) {
        return i < t.size() ? t.get(i).toUpperCase(Locale.ROOT) : "";
    }

    private static String classOf(String command, String verb, String object) {
        if (READ.contains(command) || READ.contains(verb)) {
            return "READ";
        }
        if (WRITE.contains(command) || WRITE.contains(verb)) {
            return "WRITE";
        }
        if (ROLE_COMMANDS.contains(command) || (DDL.contains(verb) && object != null && ROLE_OBJECTS.contains(object))) {
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

    /** The action word of a HANDLER statement: the first OPEN, READ or CLOSE from {@code from}; "" when none. */
    private static String handlerAction(List<String> t, int from) {
        for (int k = from; k < t.size(); k++) {
            String w = t.get(k).toUpperCase(Locale.ROOT);
            if (w.equals("OPEN") || w.equals("READ") || w.equals("CLOSE")) {
                return w;
            }
        }
        return "";
    }
}
