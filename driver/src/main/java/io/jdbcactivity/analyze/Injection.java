package io.jdbcactivity.analyze;

import io.jdbcactivity.analyze.RawTokens.Kind;
import io.jdbcactivity.analyze.RawTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SQL injection and exfiltration signals from the shape of the raw text's tokens, in the spirit of
 * libinjection's fingerprints: each flag is a shape that application SQL, and the SQL ORMs and
 * query builders generate, does not have. Precision over recall: {@code WHERE 1=1 AND …},
 * {@code OR col = ?}, Hibernate's {@code 1=0}, {@code CHAR()} in a select list, a
 * {@code SELECT SLEEP(1)} of its own and a schema tool reading {@code information_schema} raise
 * nothing. See docs/events.md for what each flag means and what it deliberately does not flag.
 */
final class Injection {
    /** A constant condition joined by OR (always true), or a non-trivial one by AND/WHERE (boolean blind). */
    static final String TAUTOLOGY = "SQLI_TAUTOLOGY";
    /** A UNION branch reading a system schema or the server's identity, or a predicate's subquery reading a system schema. */
    static final String SYSTEM_PROBE = "SQLI_SYSTEM_PROBE";
    /** SLEEP() in a statement that does more than sleep, BENCHMARK() anywhere. */
    static final String TIME_DELAY = "SQLI_TIME_DELAY";
    /** SELECT … INTO OUTFILE / INTO DUMPFILE. */
    static final String FILE_WRITE = "SQLI_FILE_WRITE";
    /** LOAD_FILE(). */
    static final String FILE_READ = "SQLI_FILE_READ";
    /** A statement stacked after one that ends in a literal. */
    static final String STACKED_QUERY = "SQLI_STACKED_QUERY";
    /** A comment that swallows the rest of the text right after a value. */
    static final String COMMENT_TRUNCATION = "SQLI_COMMENT_TRUNCATION";
    /** A hex or CHAR() encoded string in a predicate or in a UNION branch's select list. */
    static final String ENCODED_STRING = "SQLI_ENCODED_STRING";
    /** A function whose error message carries data (EXTRACTVALUE, UPDATEXML, …) in a predicate. */
    static final String ERROR_BASED = "SQLI_ERROR_BASED";

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("INFORMATION_SCHEMA", "MYSQL", "PERFORMANCE_SCHEMA",
            "SYS");
    private static final Set<String> IDENTITY_FUNCTIONS = Set.of("VERSION", "USER", "CURRENT_USER", "DATABASE",
            "SCHEMA", "SYSTEM_USER", "SESSION_USER", "CONNECTION_ID");
    private static final Set<String> ERROR_FUNCTIONS = Set.of("EXTRACTVALUE", "UPDATEXML", "GTID_SUBSET",
            "GTID_SUBTRACT", "NAME_CONST", "JSON_KEYS", "ST_LATFROMGEOHASH", "ST_LONGFROMGEOHASH", "ST_POINTFROMGEOHASH");
    /** Words that end a predicate at its own parenthesis depth. */
    private static final String[] PREDICATE_ENDS = {"SELECT", "FROM", "GROUP", "ORDER", "LIMIT", "UNION", "INTO", "SET",
        "VALUES", "WINDOW", "PROCEDURE"};
    private static final String[] PREDICATE_STARTS = {"WHERE", "HAVING", "ON", "WHEN"};
    private static final String[] CONDITION_JOINS = {"OR", "XOR", "AND", "WHERE", "HAVING"};
    /** What an attacker stacks without needing a trailing comment. */
    private static final Set<String> STACKED_ALONE = Set.of("DROP", "TRUNCATE", "SHUTDOWN", "GRANT", "REVOKE", "KILL",
            "DO", "WAITFOR", "EXEC", "EXECUTE", "DECLARE", "RENAME", "CREATE", "ALTER");

    private Injection() {
    }

    /**
     * Flags per statement of {@code sql}: {@code statements} lists, one per statement the analysis
     * found. Where the raw text's top-level semicolons do not split it the same way (a stored
     * program's body), the whole text's flags go to every statement. Never throws.
     */
    static List<List<String>> of(String sql, QuoteRule rule, int statements) {
        List<List<String>> flags = new ArrayList<>(statements);
        try {
            List<Token> tokens = RawTokens.of(sql, rule);
            List<List<Token>> parts = split(tokens);
            if (parts.size() == statements) {
                for (int i = 0; i < parts.size(); i++) {
                    LinkedHashSet<String> f = new LinkedHashSet<>();
                    part(parts.get(i), rule, f);
                    if (i > 0 && stacked(parts.get(i - 1), parts.get(i), tokens)) {
                        f.add(STACKED_QUERY);
                    }
                    flags.add(List.copyOf(f));
                }
                return flags;
            }
            LinkedHashSet<String> f = new LinkedHashSet<>();
            for (List<Token> p : parts) {
                part(p, rule, f);
            }
            for (int i = 0; i < statements; i++) {
                flags.add(List.copyOf(f));
            }
        } catch (RuntimeException e) {
            flags.clear(); // a signal is never worth failing the analysis for
            for (int i = 0; i < statements; i++) {
                flags.add(List.of());
            }
        }
        return flags;
    }

    /** Tokens split at semicolons; statements without a token other than comments dropped. */
    private static List<List<Token>> split(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>(1);
        List<Token> current = new ArrayList<>();
        for (Token t : tokens) {
            if (t.isPunct(';')) {
                addPart(parts, current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        addPart(parts, current);
        return parts;
    }

    private static void addPart(List<List<Token>> parts, List<Token> part) {
        for (Token t : part) {
            if (t.kind() != Kind.COMMENT) {
                parts.add(part);
                return;
            }
        }
        if (!parts.isEmpty()) {
            parts.get(parts.size() - 1).addAll(part); // a trailing comment belongs to the statement before it
        }
    }

    private static void part(List<Token> t, QuoteRule rule, Set<String> flags) {
        int n = t.size();
        boolean[] predicate = predicateContext(t);
        boolean[] unionList = unionSelectLists(t);
        boolean systemFirstFrom = firstFromIsSystem(t);
        boolean afterUnion = false;
        int depth = 0;
        int predicateSubqueryDepth = -1;
        for (int k = 0; k < n; k++) {
            Token tok = t.get(k);
            if (tok.isPunct('(')) {
                depth++;
                continue;
            }
            if (tok.isPunct(')')) {
                depth--;
                if (depth < predicateSubqueryDepth) {
                    predicateSubqueryDepth = -1;
                }
                continue;
            }
            if (tok.is("UNION")) {
                afterUnion = true;
            }
            if (tok.is("SELECT") && k > 0 && t.get(k - 1).isPunct('(') && predicate[k - 1]
                    && predicateSubqueryDepth < 0) {
                predicateSubqueryDepth = depth;
            }
            boolean call = k + 1 < n && t.get(k + 1).isPunct('(');
            if (tok.kind() == Kind.WORD) {
                if (tok.isAny(CONDITION_JOINS)
                        && ConstantConditions.startsAt(t, k + 1, !tok.is("OR") && !tok.is("XOR"))) {
                    flags.add(TAUTOLOGY);
                } else if (call && (tok.is("BENCHMARK") || tok.is("PG_SLEEP")
                        || (tok.is("SLEEP") && !sleepAlone(t, k)))) {
                    flags.add(TIME_DELAY);
                } else if (tok.is("WAITFOR") && k + 1 < n && t.get(k + 1).is("DELAY")) {
                    flags.add(TIME_DELAY);
                } else if (tok.is("INTO") && k + 1 < n && (t.get(k + 1).is("OUTFILE") || t.get(k + 1).is("DUMPFILE"))) {
                    flags.add(FILE_WRITE);
                } else if (call && tok.is("LOAD_FILE")) {
                    flags.add(FILE_READ);
                } else if (call && predicate[k] && tok.in(ERROR_FUNCTIONS) && carriesData(t, k)) {
                    flags.add(ERROR_BASED);
                } else if (call && tok.is("FLOOR") && floorRand(t, k)) {
                    flags.add(ERROR_BASED); // GROUP BY FLOOR(RAND(0)*2): the duplicate-key error carries data
                } else if (call && (tok.is("CHAR") || tok.is("UNHEX")) && (predicate[k] || unionList[k])
                        && encodedCall(t, k)) {
                    flags.add(ENCODED_STRING);
                }
                if (!systemFirstFrom && (afterUnion || predicateSubqueryDepth >= 0)
                        && reachesSystem(t, k, unionList[k])) {
                    flags.add(SYSTEM_PROBE);
                }
            } else if (tok.kind() == Kind.NAME) {
                if (!systemFirstFrom && (afterUnion || predicateSubqueryDepth >= 0) && reachesSystem(t, k, false)) {
                    flags.add(SYSTEM_PROBE);
                }
            } else if (tok.kind() == Kind.VARIABLE) {
                if (unionList[k] && !systemFirstFrom && tok.text().startsWith("@@")) {
                    flags.add(SYSTEM_PROBE); // UNION SELECT @@version, @@datadir
                }
            } else if (tok.kind() == Kind.HEX && (predicate[k] || unionList[k]) && printableText(tok.text())) {
                flags.add(ENCODED_STRING);
            } else if ((tok.isOperator("||") && rule != QuoteRule.STANDARD || tok.isOperator("&&"))
                    && ConstantConditions.startsAt(t, k + 1, tok.isOperator("&&"))) {
                flags.add(TAUTOLOGY);
            } else if (tok.kind() == Kind.COMMENT && tok.toEnd() && truncates(t, k)) {
                flags.add(COMMENT_TRUNCATION);
            } else if (dashesAfterString(t, k)) {
                flags.add(COMMENT_TRUNCATION);
            }
        }
    }

    /** {@code SELECT SLEEP(n)} or {@code DO SLEEP(n)} as the whole statement: a deliberate pause, not an attack. */
    private static boolean sleepAlone(List<Token> t, int k) {
        if (k != 1 || !(t.get(0).is("SELECT") || t.get(0).is("DO"))) {
            return false;
        }
        for (int j = k + 1; j < t.size(); j++) {
            Token x = t.get(j);
            if (x.is("FROM") || x.is("WHERE") || x.is("UNION") || x.isPunct(',') || x.kind() == Kind.COMMENT) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the arguments of the call at {@code k} hold what an error-based payload puts in the
     * error message: a subquery, {@code CONCAT}, a hex literal, an {@code @@} variable or the
     * server's identity ({@code user()}, {@code version()}…). {@code JSON_CONTAINS(JSON_KEYS(attrs),
     * '"color"')} and {@code ExtractValue(body, '/doc/title') = ?} hold none of them.
     */
    private static boolean carriesData(List<Token> t, int k) {
        int depth = 0;
        for (int j = k + 1; j < t.size(); j++) {
            Token x = t.get(j);
            if (x.isPunct('(')) {
                depth++;
            } else if (x.isPunct(')')) {
                if (--depth == 0) {
                    return false;
                }
            } else if (x.is("SELECT") || x.is("CONCAT") || x.is("CONCAT_WS") || x.kind() == Kind.HEX
                    || (x.kind() == Kind.VARIABLE && x.text().startsWith("@@"))
                    || (x.kind() == Kind.WORD && x.in(IDENTITY_FUNCTIONS))) {
                return true;
            }
        }
        return false;
    }

    /** {@code FLOOR(RAND(0)*2)}: the grouping key of the duplicate-entry error technique. */
    private static boolean floorRand(List<Token> t, int k) {
        return k + 5 < t.size() && t.get(k + 2).is("RAND") && t.get(k + 3).isPunct('(')
                && t.get(k + 4).kind() == Kind.NUMBER && t.get(k + 5).isPunct(')');
    }

    /** {@code CHAR(97,100,…)} of printable codes, at least two; {@code UNHEX('…')} of printable text. */
    private static boolean encodedCall(List<Token> t, int k) {
        if (t.get(k).is("UNHEX")) {
            return k + 2 < t.size() && t.get(k + 2).kind() == Kind.STRING && printableText(t.get(k + 2).text());
        }
        int codes = 0;
        for (int j = k + 2; j < t.size(); j++) {
            Token x = t.get(j);
            if (x.isPunct(')') || x.is("USING")) {
                return codes >= 2;
            }
            if (x.kind() == Kind.NUMBER) {
                Double d = ConstantConditions.number(x.text());
                if (d == null || d < 32 || d > 126) {
                    return false;
                }
                codes++;
            } else if (!x.isPunct(',')) {
                return false;
            }
        }
        return false;
    }

    /** Whether hex digits spell at least two printable ASCII characters (a string, not a binary key). */
    static boolean printableText(String hex) {
        if (hex.length() < 4 || hex.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < hex.length(); i += 2) {
            int b = Character.digit(hex.charAt(i), 16) * 16 + Character.digit(hex.charAt(i + 1), 16);
            if (b < 32 || b > 126) {
                return false;
            }
        }
        return true;
    }

    /**
     * A system schema named as a qualifier ({@code information_schema.tables}) or after FROM/JOIN;
     * with {@code identity} also a call of {@code version()}, {@code user()}, {@code database()}…
     * (only in a UNION branch: a predicate may well compare with {@code CURRENT_USER()}).
     */
    private static boolean reachesSystem(List<Token> t, int k, boolean identity) {
        Token x = t.get(k);
        boolean qualifier = k + 1 < t.size() && t.get(k + 1).isPunct('.');
        boolean tableReference = k > 0 && (t.get(k - 1).is("FROM") || t.get(k - 1).is("JOIN"));
        if (x.in(SYSTEM_SCHEMAS) && (qualifier || tableReference)) {
            return !(k > 0 && t.get(k - 1).isPunct('.')) && (tableReference || !declaredAlias(t, x.text()));
        }
        return identity && x.kind() == Kind.WORD && x.in(IDENTITY_FUNCTIONS) && k + 1 < t.size()
                && t.get(k + 1).isPunct('(') && (k == 0 || !t.get(k - 1).isPunct('.'));
    }

    /**
     * Whether the statement declares {@code name} as a table alias ({@code FROM systems sys},
     * {@code JOIN hosts AS mysql}): then {@code sys.id} is a column of the application's table. A
     * declaration follows a table name, a closing parenthesis or AS, and is no qualifier itself.
     */
    private static boolean declaredAlias(List<Token> t, String name) {
        for (int j = 1; j < t.size(); j++) {
            Token x = t.get(j);
            if ((x.kind() == Kind.WORD || x.kind() == Kind.NAME) && x.text().equals(name)
                    && !(j + 1 < t.size() && t.get(j + 1).isPunct('.'))) {
                Token before = t.get(j - 1);
                if (before.is("AS") || before.isPunct(')') || before.kind() == Kind.NAME
                        || (before.kind() == Kind.WORD && !before.known())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the statement's first FROM names a system schema (a schema tool's own query: nothing to flag). */
    private static boolean firstFromIsSystem(List<Token> t) {
        for (int k = 0; k + 1 < t.size(); k++) {
            if (t.get(k).is("FROM")) {
                Token x = t.get(k + 1);
                return x.in(SYSTEM_SCHEMAS);
            }
        }
        return false;
    }

    /**
     * Per token, whether it sits in a predicate: after WHERE, HAVING, ON or WHEN at its own
     * parenthesis depth (a parenthesis inherits its parent's state; a SELECT inside starts fresh).
     */
    private static boolean[] predicateContext(List<Token> t) {
        boolean[] in = new boolean[t.size()];
        boolean[] stack = new boolean[16];
        int depth = 0;
        boolean current = false;
        for (int k = 0; k < t.size(); k++) {
            Token x = t.get(k);
            if (x.isPunct('(')) {
                if (depth + 1 >= stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                }
                stack[depth++] = current;
            } else if (x.isPunct(')')) {
                current = depth > 0 ? stack[--depth] : false;
            } else if (x.isAny(PREDICATE_STARTS)) {
                current = true;
            } else if (x.isAny(PREDICATE_ENDS)) {
                current = false;
            }
            in[k] = current;
        }
        return in;
    }

    /** Per token, whether it sits in the select list of a SELECT that follows UNION. */
    private static boolean[] unionSelectLists(List<Token> t) {
        boolean[] in = new boolean[t.size()];
        boolean union = false;
        boolean list = false;
        for (int k = 0; k < t.size(); k++) {
            Token x = t.get(k);
            if (x.is("UNION")) {
                union = true;
            } else if (union && x.is("SELECT")) {
                list = true;
            } else if (x.is("FROM") || x.is("WHERE") || x.is("INTO") || x.is("LIMIT") || x.is("ORDER")) {
                list = false;
                union = union && !x.is("FROM");
            }
            in[k] = list;
        }
        return in;
    }

    /**
     * A comment that runs to the end of the text, right after a value or a parenthesis, whose body
     * is no sentence: empty, a few punctuation marks ({@code -- -}), the rest of the application's
     * literal or parenthesis ({@code -- '}, {@code #%' LIMIT 20}, {@code -- ') AND …}), or the application's own
     * SQL it swallowed ({@code -- AND published = 1},
     * {@code # ORDER BY name}). A remark ({@code -- price rise 2025}) starts with a word that is not
     * a clause's.
     */
    private static boolean truncates(List<Token> t, int k) {
        if (k == 0) {
            return false;
        }
        Token before = t.get(k - 1);
        if (!(before.isLiteral() || before.isPunct(')') || before.kind() == Kind.WORD || before.kind() == Kind.NAME)) {
            return false;
        }
        return swallowsRest(t.get(k).text());
    }

    /** Whether a comment's body is what an injection's comment swallows, not a remark (see {@link #truncates}). */
    private static boolean swallowsRest(String comment) {
        String body = comment.strip();
        if (body.isEmpty()) {
            return true;
        }
        if (!Character.isLetterOrDigit(body.charAt(0))) {
            // '-- -', '#%' LIMIT 20', '-- ') AND …'; not a '-- ===== Section =====' banner
            return "'\")%`".indexOf(body.charAt(0)) >= 0
                    || (body.length() <= 3 && body.chars().noneMatch(Character::isLetterOrDigit));
        }
        int w = 0;
        while (w < body.length() && Character.isLetter(body.charAt(w))) {
            w++;
        }
        String first = body.substring(0, w).toUpperCase(java.util.Locale.ROOT);
        String rest = body.substring(w).strip().toUpperCase(java.util.Locale.ROOT);
        return switch (first) {
            case "ORDER", "GROUP" -> rest.startsWith("BY ");
            case "AND", "OR", "LIMIT", "HAVING", "WHERE" -> rest.chars().anyMatch(c -> "=<>?'0123456789(".indexOf(c) >= 0);
            default -> false;
        };
    }

    /** A statement's first token that is not a comment (the statement has one: see {@link #addPart}). */
    private static Token firstCode(List<Token> statement) {
        for (Token x : statement) {
            if (x.kind() != Kind.COMMENT) {
                return x;
            }
        }
        return statement.get(0);
    }

    /** {@code 'admin'--'}: MySQL reads two minus signs, other servers a comment; no statement writes it. */
    private static boolean dashesAfterString(List<Token> t, int k) {
        return k > 0 && t.get(k).isOperator("--") && t.get(k - 1).kind() == Kind.STRING;
    }

    /**
     * Whether {@code next} was stacked after {@code previous} by an injection: {@code previous}
     * ends in a closed literal (the attacker closed the application's quote, or ended its number)
     * and either the text ends in a comment that swallows the application's rest (a line comment,
     * or a block comment whose body passes {@link #swallowsRest}) or the stacked statement is one
     * an attacker runs on its own (DROP, SHUTDOWN, GRANT, DO SLEEP, …). A SET statement is never
     * {@code previous}: scripts and mysqldump open with {@code SET FOREIGN_KEY_CHECKS=0;} before
     * their TRUNCATE or DROP.
     */
    private static boolean stacked(List<Token> previous, List<Token> next, List<Token> all) {
        Token last = null;
        for (int i = previous.size() - 1; i >= 0 && last == null; i--) {
            if (previous.get(i).kind() != Kind.COMMENT) {
                last = previous.get(i);
            }
        }
        if (last == null || !(last.kind() == Kind.STRING || last.kind() == Kind.NUMBER || last.kind() == Kind.HEX)
                || firstCode(previous).is("SET")) {
            return false; // a SET's value is a script's preamble (SET FOREIGN_KEY_CHECKS=0; …), not a closed quote
        }
        Token end = all.get(all.size() - 1);
        if (end.kind() == Kind.COMMENT && end.toEnd() && (end.line() || swallowsRest(end.text()))) {
            return true; // not any block comment: sqlcommenter appends /*traceparent='…'*/ to whole scripts
        }
        Token first = firstCode(next);
        if (first.is("SELECT") || first.is("DO")) {
            for (Token x : next) {
                if (x.is("SLEEP") || x.is("BENCHMARK") || x.is("LOAD_FILE") || x.is("OUTFILE") || x.is("DUMPFILE")) {
                    return true;
                }
            }
            return false;
        }
        return first.kind() == Kind.WORD && first.in(STACKED_ALONE);
    }
}
