package io.jdbcactivity.analyze;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Column-level access from JSqlParser's syntax tree, which the token resolver ({@link Tables})
 * cannot tell reliably: per table, the columns read (select list, WHERE, JOIN, GROUP BY, HAVING,
 * ORDER BY, subqueries) and written (INSERT's column list, UPDATE's SET targets, ON DUPLICATE KEY
 * UPDATE). Table aliases resolve to their tables, CTEs and derived tables are no tables (their
 * columns are attributed inside their own bodies), {@code *} and {@code t.*} stay {@code *} (no
 * schema lookups). An unqualified column belongs to the only source of its SELECT; with several
 * it is listed under table {@code ?}.
 *
 * <p>Runs on the publisher thread only, over a statement's normal form (literals are {@code ?},
 * which JSqlParser reads as a JDBC parameter), under a size and a time budget
 * ({@link ParseWatchdog}); any failure answers "unknown" and the event keeps the resolver's
 * tables. Not thread-safe state: one walk per call.
 */
public final class Columns {
    /**
     * Longer normal forms are not parsed (a 158 KB INSERT takes JSqlParser 260 ms), counted after
     * IN lists and VALUES rows of placeholders are collapsed ({@link #collapse}).
     */
    public static final int MAX_CHARS = 16 * 1024;
    /**
     * A parse still running after this is stopped. A safety net against pathological texts, not a
     * performance target: a warm parse takes about 0.1 ms, one of a 1,000-item IN list 15–80 ms
     * before the JIT has compiled the parser (measured on this 2-core machine).
     */
    public static final long BUDGET_NANOS = 200_000_000L;
    /** The first parse in the JVM loads and initialises JSqlParser's classes (130–210 ms measured). */
    static final long FIRST_BUDGET_NANOS = 5_000_000_000L;
    private static volatile boolean warm;
    /** At most this many tables, and columns per table, are listed; the rest set the truncated flag. */
    public static final int MAX_TABLES = 64;
    public static final int MAX_COLUMNS = 64;

    /** The table of unqualified columns in a SELECT with several sources. */
    public static final String AMBIGUOUS = "?";

    /** The statement kinds worth a parse: the others have no columns to tell. */
    private static final Set<String> COMMANDS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE");

    /** Words JSqlParser can read as a column that name none. */
    private static final Set<String> NOT_COLUMNS = Set.of("TRUE", "FALSE", "NULL", "DEFAULT", "UNKNOWN",
            "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_USER", "LOCALTIME", "LOCALTIMESTAMP",
            "SYSDATE", "UTC_TIMESTAMP", "UTC_DATE", "UTC_TIME");

    private Columns() {
    }

    /** Whether a statement with {@code command} is parsed for columns at all. */
    static boolean wanted(String command) {
        return COMMANDS.contains(command);
    }

    /**
     * The columns of one statement's normal form ({@code caseNormalized}: literals gone, words in
     * their own case); never throws.
     */
    public static ColumnAccess of(String caseNormalized) {
        return ofPrepared(forParser(caseNormalized));
    }

    /**
     * What JSqlParser is given for a normal form (and the analyzer's cache key): lists of
     * placeholders {@link #collapse}d, JDBC escapes as the driver rewrites them ({@code {d ?}}
     * becomes {@code ?}, {@code {oj …}} its join, {@code {escape ?}} {@code ESCAPE ?}), and the
     * MySQL words that change no column but JSqlParser 5.4 does not read ({@code LOCK IN SHARE
     * MODE}, {@code SQL_NO_CACHE}, {@code SQL_CACHE}, {@code HIGH_PRIORITY}) left out.
     */
    static String forParser(String caseNormalized) {
        String s = collapse(caseNormalized);
        if (s.indexOf('{') >= 0) {
            s = escapes(s);
        }
        for (String w : IGNORED_WORDS) {
            s = withoutWords(s, w);
        }
        return s;
    }

    private static final List<String> IGNORED_WORDS = List.of("LOCK IN SHARE MODE", "SQL_NO_CACHE", "SQL_CACHE",
            "HIGH_PRIORITY");

    /** JDBC escapes rewritten as Connector/J sends them (literals are gone: only {@code ?} remain in them). */
    private static String escapes(String s) {
        StringBuilder out = new StringBuilder(s.length());
        java.util.ArrayDeque<Boolean> dropClose = new java.util.ArrayDeque<>();
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '`') { // a quoted name: copied as is
                int end = s.indexOf('`', i + 1);
                end = end < 0 ? n - 1 : end;
                out.append(s, i, end + 1);
                i = end;
            } else if (c == '{') {
                int k = i + 1;
                while (k < n && s.charAt(k) == ' ') {
                    k++;
                }
                int w = k;
                while (w < n && Character.isLetter(s.charAt(w))) {
                    w++;
                }
                String kind = s.substring(k, w).toLowerCase(Locale.ROOT);
                int close = s.indexOf('}', w);
                if ((kind.equals("d") || kind.equals("t") || kind.equals("ts")) && close > 0
                        && s.substring(w, close).strip().equals("?")) {
                    out.append('?');
                    i = close;
                } else if (kind.equals("escape")) {
                    out.append("ESCAPE");
                    dropClose.push(true);
                    i = w - 1;
                } else if (kind.equals("oj")) {
                    dropClose.push(true);
                    i = w < n && s.charAt(w) == ' ' ? w : w - 1;
                } else {
                    out.append(c);
                    dropClose.push(false);
                }
            } else if (c == '}' && !dropClose.isEmpty()) {
                if (!dropClose.pop()) {
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code s} without the words {@code w} (case-insensitive, whole words) and the space before them. */
    private static String withoutWords(String s, String w) {
        int at = indexOfWord(s, w, 0);
        if (at < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        while (at >= 0) {
            int from = at > 0 && s.charAt(at - 1) == ' ' ? at - 1 : at;
            out.append(s, copied, from);
            copied = at + w.length();
            at = indexOfWord(s, w, copied);
        }
        return out.append(s, copied, s.length()).toString();
    }

    private static int indexOfWord(String s, String w, int from) {
        for (int i = from; i + w.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, w, 0, w.length()) && (i == 0 || !word(s.charAt(i - 1)))
                    && (i + w.length() == s.length() || !word(s.charAt(i + w.length())))) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #of} for a text prepared by {@link #forParser} already. */
    static ColumnAccess ofPrepared(String collapsed) {
        if (collapsed.length() > MAX_CHARS) {
            return ColumnAccess.unknown("tooLong");
        }
        CCJSqlParser parser = CCJSqlParserUtil.newParser(collapsed);
        ParseWatchdog.Watch watch = ParseWatchdog.watch(parser, warm ? BUDGET_NANOS : FIRST_BUDGET_NANOS);
        Statement statement;
        try (watch) {
            statement = parser.Statement();
        } catch (Exception | StackOverflowError e) {
            return ColumnAccess.unknown(watch.expired() ? "timeout" : "parseError");
        } finally {
            warm = true;
        }
        if (watch.expired()) {
            return ColumnAccess.unknown("timeout");
        }
        try {
            Walk walk = new Walk();
            if (!walk.statement(statement)) {
                return ColumnAccess.unknown("parseError");
            }
            return walk.result();
        } catch (RuntimeException | StackOverflowError e) {
            return ColumnAccess.unknown("parseError"); // a tree shape the walk did not expect
        }
    }

    /**
     * The text with every IN list of placeholders cut to {@code IN (?)} and every run of VALUES
     * rows of placeholders to its first row: the same columns, a parse that does not grow with the
     * list (a 5,000-row INSERT parses as a one-row one), and one cache entry for all lengths.
     * A hand-written scan, as in {@link Digest}: regular expressions overflow on long lists.
     */
    static String collapse(String s) {
        int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c != 'I' && c != 'i' && c != 'V' && c != 'v') || (i > 0 && word(s.charAt(i - 1)))) {
                continue;
            }
            int open;
            boolean rows;
            if (keywordAt(s, i, "IN (")) {
                open = i + 3;
                rows = false;
            } else if (keywordAt(s, i, "VALUES (")) {
                open = i + 7;
                rows = true;
            } else if (keywordAt(s, i, "VALUE (")) {
                open = i + 6;
                rows = true;
            } else {
                continue;
            }
            int end = placeholders(s, open + 1);
            if (end < 0) {
                continue;
            }
            int keep = rows ? end : open + 1;
            int stop = end;
            while (rows) { // further rows: ", (?, …)"
                int next = stop;
                if (next < n && s.charAt(next) == ',') {
                    next++;
                    if (next < n && s.charAt(next) == ' ') {
                        next++;
                    }
                    if (next < n && s.charAt(next) == '(') {
                        int more = placeholders(s, next + 1);
                        if (more > 0) {
                            stop = more;
                            continue;
                        }
                    }
                }
                break;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(s, copied, keep);
            if (!rows) {
                out.append("?)");
            }
            copied = stop;
            i = stop - 1;
        }
        return out == null ? s : out.append(s, copied, n).toString();
    }

    /** End (after the ')') of a list of only '?' from {@code from}, or -1. */
    private static int placeholders(String s, int from) {
        boolean expectItem = true;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '?' && expectItem) {
                expectItem = false;
            } else if (c == ',' && !expectItem) {
                expectItem = true;
            } else if (c == ')' && !expectItem) {
                return i + 1;
            } else if (c != ' ') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean keywordAt(String s, int i, String word) {
        return s.regionMatches(true, i, word, 0, word.length());
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '`';
    }

    /** What one table had read and written, each column once (MySQL's column names ignore case). */
    private static final class Cols {
        final Map<String, String> read = new LinkedHashMap<>();
        final Map<String, String> written = new LinkedHashMap<>();
    }

    /** A name a column can be qualified with: a table (its name as the resolver writes it) or a derived one (null). */
    private record Source(String table) {
    }

    /** The names one SELECT (or UPDATE, DELETE, INSERT) can refer to. */
    private static final class Scope {
        final Scope parent;
        final Map<String, Source> names = new HashMap<>();
        final List<Source> sources = new ArrayList<>(2);
        Set<String> ctes = Set.of();
        Set<String> selectAliases = Set.of();
        boolean aliasesVisible;

        Scope(Scope parent) {
            this.parent = parent;
        }

        void add(String name, Source s) {
            names.putIfAbsent(name, s);
        }

        boolean isCte(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.ctes.contains(name.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }

        Source lookup(String qualifier) {
            for (Scope s = this; s != null; s = s.parent) {
                Source src = s.names.get(qualifier);
                if (src != null) {
                    return src;
                }
                for (Map.Entry<String, Source> e : s.names.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(qualifier)) {
                        return e.getValue();
                    }
                }
            }
            return null;
        }
    }

    /** One statement's walk: scopes as it descends, columns as it meets them. */
    private static final class Walk extends ExpressionVisitorAdapter<Void> {
        private final Map<String, Cols> tables = new LinkedHashMap<>();
        private boolean truncated;
        private Scope scope;

        boolean statement(Statement st) {
            if (st instanceof Select s) {
                select(s, null);
            } else if (st instanceof Insert i) {
                insert(i);
            } else if (st instanceof Upsert u) {
                upsert(u);
            } else if (st instanceof Update u) {
                update(u);
            } else if (st instanceof Delete d) {
                delete(d);
            } else {
                return false;
            }
            return true;
        }

        ColumnAccess result() {
            List<ColumnAccess.TableColumns> out = new ArrayList<>(tables.size());
            for (Map.Entry<String, Cols> e : tables.entrySet()) {
                out.add(new ColumnAccess.TableColumns(e.getKey(), List.copyOf(e.getValue().read.values()),
                        List.copyOf(e.getValue().written.values())));
            }
            return new ColumnAccess(true, null, List.copyOf(out), truncated);
        }

        // ---- statements ----

        private void select(Select s, Scope parent) {
            Scope outer = withItems(s.getWithItemsList(), parent);
            if (s instanceof PlainSelect p) {
                plainSelect(p, outer);
            } else if (s instanceof SetOperationList set) {
                for (Select branch : set.getSelects()) {
                    select(branch, outer);
                }
                // its ORDER BY names the result's columns, not a table's
            } else if (s instanceof ParenthesedSelect ps) {
                select(ps.getSelect(), outer);
            } else if (s instanceof Values v) {
                expressions(v.getExpressions(), outer == null ? new Scope(null) : outer);
            }
        }

        /** A scope holding the CTE names (its bodies walked), or {@code parent} when there are none. */
        private Scope withItems(List<WithItem<?>> items, Scope parent) {
            if (items == null || items.isEmpty()) {
                return parent;
            }
            Scope s = new Scope(parent);
            s.ctes = new java.util.HashSet<>();
            for (WithItem<?> w : items) {
                s.ctes.add(unquote(w.getAliasName()).toLowerCase(Locale.ROOT)); // visible in its own body (RECURSIVE)
                if (w.getSelect() != null) {
                    select(w.getSelect(), s);
                }
            }
            return s;
        }

        private void plainSelect(PlainSelect p, Scope parent) {
            Scope s = new Scope(parent);
            from(p.getFromItem(), s);
            joins(p.getJoins(), s);
            Scope saved = scope;
            scope = s;
            if (p.getSelectItems() != null) {
                java.util.Set<String> aliases = new java.util.HashSet<>();
                for (SelectItem<?> item : p.getSelectItems()) {
                    item.getExpression().accept(this, null);
                    if (item.getAlias() != null) {
                        aliases.add(unquote(item.getAlias().getName()).toLowerCase(Locale.ROOT));
                    }
                }
                s.selectAliases = aliases;
            }
            joinConditions(p.getJoins(), s);
            visit(p.getWhere());
            s.aliasesVisible = true; // GROUP BY, HAVING and ORDER BY may name the select list's aliases
            GroupByElement g = p.getGroupBy();
            if (g != null) {
                expressions(g.getGroupByExpressionList(), s);
                if (g.getGroupingSets() != null) {
                    for (ExpressionList<Expression> set : g.getGroupingSets()) {
                        expressions(set, s);
                    }
                }
            }
            visit(p.getHaving());
            orderBy(p.getOrderByElements());
            scope = saved;
        }

        private void insert(Insert i) {
            Scope root = withItems(i.getWithItemsList(), null);
            String target = name(i.getTable());
            Scope into = new Scope(root);
            into.sources.add(new Source(target));
            into.add(target, new Source(target));
            if (i.getColumns() != null && !i.getColumns().isEmpty()) {
                for (Column c : i.getColumns()) {
                    add(target, unquote(c.getColumnName()), true);
                }
            } else if (i.getSetUpdateSets() != null && !i.getSetUpdateSets().isEmpty()) {
                updateSets(i.getSetUpdateSets(), into);
            } else {
                add(target, "*", true); // every column, in table order
            }
            Select source = i.getSelect();
            if (source instanceof Values v) {
                expressions(v.getExpressions(), into);
            } else if (source != null) {
                select(source, root);
            }
            // MySQL 8's VALUES (…) AS new: new.c is the row being inserted, not a table's column
            Alias rowAlias = i.getRowAlias() != null ? i.getRowAlias() : source instanceof Values v ? v.getAlias() : null;
            if (rowAlias != null) {
                into.add(unquote(rowAlias.getName()), new Source(null));
            }
            updateSets(i.getDuplicateUpdateSets(), into);
        }

        /** REPLACE (JSqlParser's Upsert): INSERT's forms, REPLACE's verb. */
        private void upsert(Upsert u) {
            String target = name(u.getTable());
            Scope into = new Scope(null);
            into.sources.add(new Source(target));
            into.add(target, new Source(target));
            if (u.getColumns() != null && !u.getColumns().isEmpty()) {
                for (Column c : u.getColumns()) {
                    add(target, unquote(c.getColumnName()), true);
                }
            } else if (u.getUpdateSets() != null && !u.getUpdateSets().isEmpty()) {
                updateSets(u.getUpdateSets(), into);
            } else {
                add(target, "*", true);
            }
            Select source = u.getSelect();
            if (source instanceof Values v) {
                expressions(v.getExpressions(), into);
            } else if (source != null) {
                select(source, null);
            }
            updateSets(u.getDuplicateUpdateSets(), into);
        }

        private void update(Update u) {
            Scope s = new Scope(withItems(u.getWithItemsList(), null));
            from(u.getTable(), s);
            joins(u.getStartJoins(), s);
            from(u.getFromItem(), s);
            joins(u.getJoins(), s);
            joinConditions(u.getStartJoins(), s);
            joinConditions(u.getJoins(), s);
            updateSets(u.getUpdateSets(), s);
            Scope saved = scope;
            scope = s;
            visit(u.getWhere());
            orderBy(u.getOrderByElements());
            scope = saved;
        }

        private void delete(Delete d) {
            Scope s = new Scope(withItems(d.getWithItemsList(), null));
            from(d.getTable(), s);
            if (d.getUsingFromItemList() != null) {
                for (FromItem f : d.getUsingFromItemList()) {
                    from(f, s);
                }
            } else if (d.getUsingList() != null) {
                for (Table t : d.getUsingList()) {
                    from(t, s);
                }
            }
            joins(d.getJoins(), s);
            joinConditions(d.getJoins(), s);
            Scope saved = scope;
            scope = s;
            visit(d.getWhere());
            orderBy(d.getOrderByElements());
            scope = saved;
        }

        // ---- sources ----

        private void from(FromItem f, Scope s) {
            if (f == null) {
                return;
            }
            String alias = alias(f.getAlias());
            if (f instanceof Table t) {
                String name = name(t);
                if (t.getSchemaName() == null && s.isCte(name)) {
                    Source derived = new Source(null);
                    s.sources.add(derived);
                    s.add(alias != null ? alias : name, derived);
                    return;
                }
                Source src = new Source(name);
                if (s.names.containsKey(alias != null ? alias : name)) {
                    return; // a DELETE's target named again in its FROM
                }
                s.sources.add(src);
                if (alias != null) {
                    s.add(alias, src);
                } else {
                    s.add(name, src);
                    s.add(unquote(t.getName()), src);
                }
            } else if (f instanceof ParenthesedSelect ps) {
                select(ps.getSelect(), s); // LATERAL may see the sources before it; others never name them
                Source derived = new Source(null);
                s.sources.add(derived);
                if (alias != null) {
                    s.add(alias, derived);
                }
            } else if (f instanceof ParenthesedFromItem pf) {
                from(pf.getFromItem(), s);
                joins(pf.getJoins(), s);
                joinConditions(pf.getJoins(), s);
            } else {
                Source derived = new Source(null); // a table function, VALUES…: no table of the schema
                s.sources.add(derived);
                if (alias != null) {
                    s.add(alias, derived);
                }
            }
        }

        private void joins(List<Join> joins, Scope s) {
            if (joins != null) {
                for (Join j : joins) {
                    from(j.getFromItem(), s);
                }
            }
        }

        /** ON and USING, once every source of the scope is known. */
        private void joinConditions(List<Join> joins, Scope s) {
            if (joins == null) {
                return;
            }
            Scope saved = scope;
            scope = s;
            for (int k = 0; k < joins.size(); k++) {
                Join j = joins.get(k);
                if (j.getOnExpressions() != null) {
                    for (Expression on : j.getOnExpressions()) {
                        visit(on);
                    }
                }
                if (j.getUsingColumns() != null) {
                    // USING (c) reads c on both sides: the joined table and the source before it
                    int right = s.sources.indexOf(sourceOf(j.getFromItem(), s));
                    for (Column c : j.getUsingColumns()) {
                        String col = unquote(c.getColumnName());
                        if (right >= 0) {
                            readFrom(s.sources.get(right), col);
                            if (right > 0) {
                                readFrom(s.sources.get(right - 1), col);
                            }
                        }
                    }
                }
            }
            scope = saved;
        }

        private static Source sourceOf(FromItem f, Scope s) {
            String alias = alias(f.getAlias());
            if (alias != null) {
                return s.names.get(alias);
            }
            return f instanceof Table t ? s.names.get(name(t)) : null;
        }

        private void readFrom(Source src, String column) {
            if (src != null && src.table() != null) {
                add(src.table(), column, false);
            }
        }

        // ---- expressions ----

        private void updateSets(List<UpdateSet> sets, Scope s) {
            if (sets == null) {
                return;
            }
            Scope saved = scope;
            scope = s;
            for (UpdateSet set : sets) {
                for (Column c : set.getColumns()) {
                    column(c, true);
                }
                if (set.getValues() != null) {
                    set.getValues().accept(this, null);
                }
            }
            scope = saved;
        }

        private void expressions(ExpressionList<?> list, Scope s) {
            if (list == null) {
                return;
            }
            Scope saved = scope;
            scope = s;
            list.accept(this, null);
            scope = saved;
        }

        private void orderBy(List<OrderByElement> order) {
            if (order != null) {
                for (OrderByElement o : order) {
                    visit(o.getExpression());
                }
            }
        }

        private void visit(Expression e) {
            if (e != null) {
                e.accept(this, null);
            }
        }

        @Override
        public <S> Void visit(Column column, S context) {
            column(column, false);
            return null;
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            select(select, scope);
            return null;
        }

        @Override
        public <S> Void visit(Select select, S context) {
            select(select, scope);
            return null;
        }

        @Override
        public <S> Void visit(AllColumns all, S context) {
            if (all instanceof AllTableColumns t) {
                return visit(t, context);
            }
            // SELECT *: every column of every table of the SELECT
            for (Source src : scope.sources) {
                readFrom(src, "*");
            }
            return null;
        }

        @Override
        public <S> Void visit(AllTableColumns all, S context) {
            Source src = scope.lookup(name(all.getTable()));
            if (src == null) {
                add(name(all.getTable()), "*", false);
            } else {
                readFrom(src, "*");
            }
            return null;
        }

        @Override
        public <S> Void visit(Function f, S context) {
            if (f.isAllColumns() || isCountStar(f)) {
                return null; // COUNT(*) counts rows, it reads no column
            }
            return super.visit(f, context);
        }

        private static boolean isCountStar(Function f) {
            ExpressionList<?> p = f.getParameters();
            return p != null && p.size() == 1 && p.get(0) instanceof AllColumns && !(p.get(0) instanceof AllTableColumns);
        }

        private void column(Column c, boolean write) {
            String col = unquote(c.getColumnName());
            Table t = c.getTable();
            String qualifier = t == null || t.getName() == null ? null : name(t);
            if (qualifier == null) {
                if (!write && NOT_COLUMNS.contains(col.toUpperCase(Locale.ROOT))) {
                    return;
                }
                Scope s = scope;
                if (!write && s.aliasesVisible && s.selectAliases.contains(col.toLowerCase(Locale.ROOT))) {
                    return; // ORDER BY n where n is the select list's alias
                }
                while (s.sources.isEmpty() && s.parent != null) {
                    s = s.parent;
                }
                if (s.sources.size() == 1) {
                    Source only = s.sources.get(0);
                    if (only.table() != null) {
                        add(only.table(), col, write);
                    }
                } else {
                    add(AMBIGUOUS, col, write);
                }
                return;
            }
            Source src = scope.lookup(qualifier);
            if (src == null) {
                add(qualifier, col, write); // a name no source declares: kept as written
            } else if (src.table() != null) {
                add(src.table(), col, write);
            }
        }

        private void add(String table, String column, boolean write) {
            Cols cols = tables.get(table);
            if (cols == null) {
                if (tables.size() >= MAX_TABLES) {
                    truncated = true;
                    return;
                }
                cols = new Cols();
                tables.put(table, cols);
            }
            Map<String, String> into = write ? cols.written : cols.read;
            String key = column.toLowerCase(Locale.ROOT);
            if (!into.containsKey(key)) {
                if (into.size() >= MAX_COLUMNS) {
                    truncated = true;
                    return;
                }
                into.put(key, column);
            }
        }
    }

    /** A table as the resolver names it: unquoted, schema-qualified when written so. */
    private static String name(Table t) {
        String name = unquote(t.getName());
        return t.getSchemaName() == null ? name : unquote(t.getSchemaName()) + "." + name;
    }

    private static String alias(Alias a) {
        return a == null ? null : unquote(a.getName());
    }

    private static String unquote(String s) {
        return s == null ? null : Tables.unquote(s);
    }
}
