package io.jdbcactivity.analyze;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tables a statement touches and the access each suffers, read from the case-preserving
 * normal form with MySQL's grammar in mind: {@code INSERT INTO a SELECT ... FROM b} writes a and
 * reads b; {@code UPDATE a JOIN b SET a.x = b.y} updates a and reads b; {@code DELETE a FROM a JOIN
 * b} deletes from a and reads b; a CTE's name is not a table but what it reads is; subqueries,
 * derived tables, UNION branches and joins all count. No JSqlParser here: this answers for every
 * statement, including those the parser cannot read (REPLACE, LOAD DATA, LOCK TABLES, ...).
 */
final class Tables {
    /** Words that end a table reference or can never be one. */
    private static final Set<String> STOP = Set.of("SELECT", "WHERE", "JOIN", "ON", "USING", "SET", "VALUES", "VALUE",
            "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "NATURAL", "STRAIGHT_JOIN", "GROUP", "ORDER", "LIMIT",
            "HAVING", "WINDOW", "UNION", "EXCEPT", "INTERSECT", "FOR", "LOCK", "INTO", "AS", "LATERAL", "DUAL",
            "PARTITION", "USE", "FORCE", "IGNORE", "WITH", "IF", "NOT", "EXISTS", "LIKE", "TABLE", "READ", "WRITE",
            "LOW_PRIORITY", "QUICK", "DELAYED", "HIGH_PRIORITY", "FROM", "TO", "WHEN", "THEN", "ELSE", "END",
            "SQL_CALC_FOUND_ROWS", "DISTINCT", "ALL", "DEFAULT", "ROW", "OFFSET", "FETCH", "RETURNING", "AND", "OR");

    /** Statements whose tables are not read from their text here (a body that runs later, or {@link CompoundBody}'s). */
    private static final Set<String> BODIES = Set.of("CREATE EVENT", "ALTER EVENT", "CREATE PROCEDURE",
            "CREATE FUNCTION", "CREATE TRIGGER", Commands.COMPOUND);

    private final List<String> t;
    private final Set<String> ctes = new HashSet<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final LinkedHashSet<TableAccess> out = new LinkedHashSet<>();
    /** Index of the statement's verb (0, or after the CTEs). */
    private int verbAt;

    private Tables(List<String> tokens) {
        this.t = tokens;
    }

    static List<TableAccess> of(String command, String caseNormalized) {
        return of(command, tokenize(caseNormalized));
    }

    /** The tables of a statement's case-preserving tokens ({@link #tokenize}). */
    static List<TableAccess> of(String command, List<String> tokens) {
        Tables r = new Tables(tokens);
        r.collectCtes();
        r.resolve(command);
        List<TableAccess> result = new ArrayList<>();
        for (TableAccess a : r.out) {
            if (!r.ctes.contains(a.name().toLowerCase(Locale.ROOT))) {
                result.add(a);
            }
        }
        return List.copyOf(result);
    }

    /** DAS-style summary: the first table written, else the first read; null when none. */
    static TableAccess primary(List<TableAccess> tables) {
        for (int i = 0; i < tables.size(); i++) { // indexed: read per event, an iterator would be garbage
            TableAccess a = tables.get(i);
            if (!a.access().equals("READ")) {
                return a;
            }
        }
        return tables.isEmpty() ? null : tables.get(0);
    }

    private void resolve(String command) {
        String verb = command.split(" ")[0];
        verbAt = Math.max(0, find(verb, 0)); // after WITH's CTEs when there are any
        // A stored program's body runs later, not now: its tables are not touched by the CREATE
        // (docs/events.md). GRANT ... FROM names users; SHOW ... FROM names schemas.
        boolean body = BODIES.contains(command);
        if (!verb.equals("SHOW") && !verb.equals("GRANT") && !verb.equals("REVOKE") && !body) {
            readsAfterFromAndJoin();
            tableStatements();
        }
        switch (command) {
            case "INSERT", "REPLACE" -> writeAfterVerb(command.equals("REPLACE") ? "REPLACE" : "INSERT");
            case "UPDATE" -> update();
            case "DELETE" -> delete();
            case "CREATE TABLE" -> {
                listAfter("TABLE", "CREATE", false);
                int like = find("LIKE", 0);
                if (like >= 0) {
                    add(ref(like + 1), "READ");
                }
            }
            case "CREATE VIEW" -> listAfter("VIEW", "CREATE", false);
            case "ALTER TABLE" -> {
                listAfter("TABLE", "ALTER", false);
                renamedTo();
            }
            case "CREATE TRIGGER" -> add(ref(find("ON", 0) + 1), "ALTER"); // the table it is attached to
            case "HANDLER" -> add(ref(verbAt + 1), "READ");
            case "ALTER VIEW" -> listAfter("VIEW", "ALTER", false);
            case "DROP TABLE" -> listAfter("TABLE", "DROP", true);
            case "DROP VIEW" -> listAfter("VIEW", "DROP", true);
            case "CREATE INDEX", "DROP INDEX" -> add(ref(find("ON", 0) + 1), "ALTER");
            case "TRUNCATE TABLE" -> add(ref(find("TABLE", 0) >= 0 ? find("TABLE", 0) + 1 : 1), "TRUNCATE");
            case "RENAME TABLE" -> listAfter("TABLE", "RENAME", true);
            case "LOAD DATA", "LOAD XML" -> add(ref(find("TABLE", 0) + 1), "LOAD");
            case "LOCK TABLES" -> listAfter(find("TABLES", 0) >= 0 ? "TABLES" : "TABLE", "READ", true);
            case "DESCRIBE" -> add(ref(1), "READ");
            default -> {
                if (verb.equals("SHOW")) {
                    show();
                } else if (Set.of("ANALYZE", "OPTIMIZE", "CHECK", "REPAIR", "CHECKSUM").contains(verb)) {
                    listAfter("TABLE", "READ", true);
                }
            }
        }
    }

    /**
     * MySQL 8's {@code TABLE t} (a statement of its own, a UNION branch, a parenthesised query)
     * reads t. ({@code INSERT INTO t TABLE s} is read by {@link #writeAfterVerb}.)
     */
    private void tableStatements() {
        for (int i = 0; i < t.size(); i++) {
            if (is(i, "TABLE") && (i == verbAt || t.get(i - 1).equals("(") || is(i - 1, "UNION")
                    || is(i - 1, "EXCEPT") || is(i - 1, "INTERSECT") || is(i - 1, "ALL") || is(i - 1, "DISTINCT"))) {
                add(ref(i + 1), "READ");
            }
        }
    }

    /**
     * {@code ALTER TABLE a RENAME [TO|AS] b}: the new name, with access RENAME (as in RENAME TABLE);
     * not RENAME COLUMN, INDEX or KEY, which keep the table's name.
     */
    private void renamedTo() {
        int depth = 0;
        for (int i = verbAt + 1; i < t.size(); i++) {
            String tok = t.get(i);
            depth += tok.equals("(") ? 1 : tok.equals(")") ? -1 : 0;
            if (depth == 0 && is(i, "RENAME") && !is(i + 1, "COLUMN") && !is(i + 1, "INDEX") && !is(i + 1, "KEY")) {
                int j = is(i + 1, "TO") || is(i + 1, "AS") ? i + 2 : i + 1;
                Ref r = ref(j);
                if (r != null) {
                    out.add(new TableAccess(r.name, "RENAME"));
                }
            }
        }
    }

    /** Every reference after FROM or JOIN (and the commas of a FROM list), outside function calls. */
    private void readsAfterFromAndJoin() {
        Deque<Boolean> subquery = new ArrayDeque<>();
        for (int i = 0; i < t.size(); i++) {
            String tok = t.get(i);
            if (tok.equals("(")) {
                subquery.push(i + 1 < t.size() && (is(i + 1, "SELECT") || is(i + 1, "WITH") || t.get(i + 1).equals("(")));
            } else if (tok.equals(")")) {
                if (!subquery.isEmpty()) {
                    subquery.pop();
                }
            } else if ((is(i, "FROM") || is(i, "JOIN") || is(i, "STRAIGHT_JOIN"))
                    && (subquery.isEmpty() || subquery.peek())) {
                int j = i + 1;
                while (true) {
                    Ref r = j + 1 < t.size() && t.get(j + 1).equals("(") ? null : ref(j); // JSON_TABLE(...) is no table
                    if (r == null) {
                        break;
                    }
                    add(r, "READ");
                    j = skipIndexHints(r.end);
                    if (j < t.size() && t.get(j).equals(",")) {
                        j++;
                    } else {
                        break;
                    }
                }
            }
        }
    }

    private void writeAfterVerb(String access) {
        int i = verbAt + 1;
        while (i < t.size() && (is(i, "LOW_PRIORITY") || is(i, "DELAYED") || is(i, "HIGH_PRIORITY") || is(i, "IGNORE"))) {
            i++;
        }
        if (is(i, "INTO")) {
            i++;
        }
        add(ref(i), access);
        int table = find("TABLE", i);
        if (table > 0 && t.get(table - 1).equals(")")) {
            add(ref(table + 1), "READ"); // INSERT INTO t (a) TABLE s
        }
    }

    /** Tables before SET are the statement's own; those whose columns are assigned are written. */
    private void update() {
        int i = verbAt + 1;
        while (is(i, "LOW_PRIORITY") || is(i, "IGNORE")) {
            i++;
        }
        List<Ref> own = new ArrayList<>();
        int set = find("SET", i);
        for (int j = i; j < (set < 0 ? t.size() : set); j++) {
            if (j == i || t.get(j - 1).equals(",") || is(j - 1, "JOIN") || is(j - 1, "STRAIGHT_JOIN")) {
                Ref r = ref(j);
                if (r != null) {
                    own.add(r);
                    remember(r);
                }
            }
        }
        Set<String> assigned = new HashSet<>();
        if (set >= 0) {
            int depth = 0;
            for (int j = set + 1; j < t.size() && !(depth == 0 && (is(j, "WHERE") || is(j, "ORDER") || is(j, "LIMIT"))); j++) {
                String tok = t.get(j);
                depth += tok.equals("(") ? 1 : tok.equals(")") ? -1 : 0;
                boolean startsAssignment = depth == 0 && (j == set + 1 || t.get(j - 1).equals(","));
                if (startsAssignment && j + 1 < t.size() && t.get(j + 1).equals(".")) {
                    assigned.add(unquote(tok).toLowerCase(Locale.ROOT));
                }
            }
        }
        writeOwn(own, assigned, "UPDATE");
    }

    /** {@code DELETE FROM t}, {@code DELETE a, b FROM a JOIN b JOIN c}, {@code DELETE FROM a USING a JOIN c}. */
    private void delete() {
        int i = verbAt + 1;
        while (is(i, "LOW_PRIORITY") || is(i, "QUICK") || is(i, "IGNORE")) {
            i++;
        }
        List<String> targets = new ArrayList<>();
        if (is(i, "FROM")) {
            for (int j = i + 1; j < t.size() && !is(j, "USING") && !is(j, "WHERE") && !is(j, "ORDER") && !is(j, "LIMIT");) {
                Ref r = ref(j);
                if (r == null) {
                    break;
                }
                targets.add(r.name);
                remember(r);
                j = r.end;
                j = skipStar(j);
                if (j < t.size() && t.get(j).equals(",")) {
                    j++;
                } else {
                    break;
                }
            }
            int using = find("USING", i);
            for (int j = using + 1; using >= 0 && j < t.size();) {
                Ref r = ref(j); // USING's first references (those after JOIN the generic pass has)
                if (r == null) {
                    break;
                }
                add(r, "READ");
                j = r.end;
                if (j < t.size() && t.get(j).equals(",")) {
                    j++;
                } else {
                    break;
                }
            }
        } else {
            int from = find("FROM", i);
            for (int j = i; j < (from < 0 ? t.size() : from); j++) {
                if (j == i || t.get(j - 1).equals(",")) {
                    Ref r = ref(j);
                    if (r != null) {
                        targets.add(r.name);
                    }
                }
            }
        }
        List<String> resolved = new ArrayList<>();
        for (String target : targets) {
            resolved.add(aliases.getOrDefault(target.toLowerCase(Locale.ROOT), target));
        }
        // DELETE FROM s USING sessions AS s: the FROM list names targets (here an alias), never a table read
        out.removeIf(a -> a.access().equals("READ") && (resolved.contains(a.name()) || targets.contains(a.name())));
        for (String name : resolved) {
            out.add(new TableAccess(name, "DELETE"));
        }
    }

    private void writeOwn(List<Ref> own, Set<String> assigned, String access) {
        List<Ref> written = new ArrayList<>();
        for (Ref r : own) {
            if (assigned.contains(r.name.toLowerCase(Locale.ROOT))
                    || (r.alias != null && assigned.contains(r.alias.toLowerCase(Locale.ROOT)))) {
                written.add(r);
            }
        }
        if (written.isEmpty() && !own.isEmpty()) {
            written.add(own.get(0)); // unqualified columns: the first (usually only) table
        }
        for (Ref r : written) {
            out.removeIf(a -> a.access().equals("READ") && a.name().equals(r.name));
        }
        for (Ref r : own) {
            out.add(new TableAccess(r.name, written.contains(r) ? access : "READ"));
        }
    }

    private void show() {
        if (is(1, "CREATE") && (is(2, "TABLE") || is(2, "VIEW"))) {
            add(ref(3), "READ");
            return;
        }
        int i = is(1, "FULL") || is(1, "EXTENDED") ? 2 : 1;
        if (is(i, "COLUMNS") || is(i, "FIELDS") || is(i, "INDEX") || is(i, "INDEXES") || is(i, "KEYS")) {
            if (is(i + 1, "FROM") || is(i + 1, "IN")) {
                add(ref(i + 2), "READ");
            }
        }
    }

    /** The comma-separated references after {@code word} (and IF [NOT] EXISTS), RENAME's TO pairs included. */
    private void listAfter(String word, String access, boolean list) {
        int i = find(word, 0);
        if (i < 0) {
            return;
        }
        i++;
        if (is(i, "IF")) {
            i += is(i + 1, "NOT") ? 3 : 2;
        }
        while (true) {
            Ref r = ref(i);
            if (r == null) {
                return;
            }
            add(r, access);
            i = r.end;
            if (is(i, "TO") || is(i, "READ") || is(i, "WRITE") || is(i, "LOCAL") || is(i, "LOW_PRIORITY")) {
                i++;
                if (access.equals("RENAME")) {
                    continue;
                }
                while (is(i, "LOCAL") || is(i, "WRITE")) {
                    i++;
                }
            }
            if (list && i < t.size() && t.get(i).equals(",")) {
                i++;
            } else {
                return;
            }
        }
    }

    private void collectCtes() {
        int i = 0;
        while ((i = find("WITH", i)) >= 0) {
            int j = i + 1;
            boolean recursive = is(j, "RECURSIVE");
            if (recursive) {
                j++;
            }
            while (j < t.size() && isName(t.get(j))) {
                String name = unquote(t.get(j)).toLowerCase(Locale.ROOT);
                j++;
                if (j < t.size() && t.get(j).equals("(")) {
                    j = closing(j) + 1; // column list
                }
                if (!is(j, "AS") || j + 1 >= t.size() || !t.get(j + 1).equals("(")) {
                    break;
                }
                int end = closing(j + 1);
                // WITH x AS (SELECT ... FROM x): outside WITH RECURSIVE, x in its own body is the real table
                if (recursive || !readsItself(name, j + 1, end)) {
                    ctes.add(name);
                }
                j = end + 1;
                if (j < t.size() && t.get(j).equals(",")) {
                    j++;
                } else {
                    break;
                }
            }
            i = i + 1;
        }
    }

    private boolean readsItself(String name, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if ((is(k - 1, "FROM") || is(k - 1, "JOIN")) && unquote(t.get(k)).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private record Ref(String name, String alias, int end) {
    }

    /** A table reference at {@code i}: [schema.]name [[AS] alias]; null when there is none. */
    private Ref ref(int i) {
        if (i < 0 || i >= t.size() || !isName(t.get(i))) {
            return null;
        }
        String name = unquote(t.get(i));
        int j = i + 1;
        if (j + 1 < t.size() && t.get(j).equals(".") && isName(t.get(j + 1))) {
            name = name + "." + unquote(t.get(j + 1));
            j += 2;
        }
        String alias = null;
        if (is(j, "AS") && j + 1 < t.size() && isName(t.get(j + 1))) {
            alias = unquote(t.get(j + 1));
            j += 2;
        } else if (j < t.size() && isName(t.get(j))) {
            alias = unquote(t.get(j));
            j++;
        }
        return new Ref(name, alias, j);
    }

    private void add(Ref r, String access) {
        if (r != null) {
            remember(r);
            out.add(new TableAccess(r.name, access));
        }
    }

    private void remember(Ref r) {
        aliases.put(r.name.toLowerCase(Locale.ROOT), r.name);
        if (r.alias != null) {
            aliases.put(r.alias.toLowerCase(Locale.ROOT), r.name);
        }
    }

    private int skipIndexHints(int j) {
        while ((is(j, "USE") || is(j, "FORCE") || is(j, "IGNORE")) && (is(j + 1, "INDEX") || is(j + 1, "KEY"))) {
            j += 2;
            if (is(j, "FOR")) {
                j += is(j + 2, "BY") ? 3 : 2;
            }
            if (j < t.size() && t.get(j).equals("(")) {
                j = closing(j) + 1;
            }
        }
        return j;
    }

    private int skipStar(int j) {
        return j + 1 < t.size() && t.get(j).equals(".") && t.get(j + 1).equals("*") ? j + 2 : j;
    }

    private int closing(int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            depth += t.get(k).equals("(") ? 1 : t.get(k).equals(")") ? -1 : 0;
            if (depth == 0) {
                return k;
            }
        }
        return t.size() - 1;
    }

    private int find(String word, int from) {
        for (int k = Math.max(0, from); k < t.size(); k++) {
            if (is(k, word)) {
                return k;
            }
        }
        return -1;
    }

    private boolean is(int i, String word) {
        return i >= 0 && i < t.size() && t.get(i).equalsIgnoreCase(word);
    }

    private static boolean isName(String tok) {
        if (tok.startsWith("`") || tok.startsWith("\"")) {
            return true;
        }
        char c = tok.charAt(0);
        return (Character.isLetter(c) || c == '_' || c == '$') && !STOP.contains(tok.toUpperCase(Locale.ROOT));
    }

    static String unquote(String tok) {
        if (tok.length() >= 2 && (tok.charAt(0) == '`' || tok.charAt(0) == '"') && tok.endsWith(tok.substring(0, 1))) {
            String q = tok.substring(0, 1);
            return tok.substring(1, tok.length() - 1).replace(q + q, q); // `a``b` names a`b
        }
        return tok;
    }

    /** Index of what a JDBC escape's keyword introduces (after its {@code {}), or of the keyword when it stays. */
    private static int escapeBody(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        int end = i;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        String word = s.substring(i, end).toLowerCase(Locale.ROOT);
        return Set.of("oj", "fn", "d", "t", "ts").contains(word) ? end : i;
    }

    /**
     * Words, quoted names and single punctuation characters of a normal form. JDBC escapes are
     * read as what they stand for: their braces go, and so do {@code oj}, {@code fn}, {@code d},
     * {@code t} and {@code ts} after an opening one ({@code {oj a LEFT JOIN b ON …}} is a join,
     * {@code {fn UCASE(x)}} a call, {@code {d ?}} a literal); {@code {call p(?)}} and {@code {?
     * = call f(?)}} keep CALL, {@code {escape ?}} keeps ESCAPE.
     */
    static List<String> tokenize(String s) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '}') {
                i++;
            } else if (c == '{') {
                i = escapeBody(s, i + 1);
            } else if (c == '`' || c == '"') {
                int close = s.indexOf(c, i + 1);
                while (close >= 0 && close + 1 < s.length() && s.charAt(close + 1) == c) {
                    close = s.indexOf(c, close + 2); // a doubled quote inside the name
                }
                int end = close < 0 ? s.length() : close + 1;
                tokens.add(s.substring(i, end));
                i = end;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@') {
                int end = i + 1;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                        || s.charAt(end) == '$' || s.charAt(end) == '@')) {
                    end++;
                }
                tokens.add(s.substring(i, end));
                i = end;
            } else {
                tokens.add(String.valueOf(c));
                i++;
            }
        }
        return tokens;
    }
}
