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
 * One statement's walk over JSqlParser's tree: scopes as it descends (sources by alias or name,
 * CTE names, the select list's aliases), columns per table as it meets them, bounded by
 * {@link Columns#MAX_TABLES} and {@link Columns#MAX_COLUMNS}. The rules are {@link Columns}'.
 * One instance per statement, on the publisher thread.
 */
final class ColumnWalk extends ExpressionVisitorAdapter<Void> {
    /** Words JSqlParser can read as a column that name none. */
    private static final Set<String> NOT_COLUMNS = Set.of("TRUE", "FALSE", "NULL", "DEFAULT", "UNKNOWN",
            "CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_USER", "LOCALTIME", "LOCALTIMESTAMP",
            "SYSDATE", "UTC_TIMESTAMP", "UTC_DATE", "UTC_TIME");

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
                add(Columns.AMBIGUOUS, col, write);
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
            if (tables.size() >= Columns.MAX_TABLES) {
                truncated = true;
                return;
            }
            cols = new Cols();
            tables.put(table, cols);
        }
        Map<String, String> into = write ? cols.written : cols.read;
        String key = column.toLowerCase(Locale.ROOT);
        if (!into.containsKey(key)) {
            if (into.size() >= Columns.MAX_COLUMNS) {
                truncated = true;
                return;
            }
            into.put(key, column);
        }
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
