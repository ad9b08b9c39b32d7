package io.jdbcactivity.analyze;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code activity.sensitive}: column patterns ({@code users.ssn}, {@code cards.*},
 * {@code *.password}, {@code shop.users.ssn}; schema optional, {@code *} and {@code ?} as globs,
 * case ignored) matched against the columns a statement reads and writes ({@link ColumnAccess}).
 * A statement that reads or writes a match carries the risk {@code SENSITIVE_READ} /
 * {@code SENSITIVE_WRITE} and the matched columns.
 *
 * <p>Without schema lookups some cases are decided by rule, and the rules lean to saying:
 * <ul>
 * <li>{@code SELECT *} (or an INSERT without a column list) on a table a pattern names reads
 * (writes) the pattern's columns: {@code users.ssn} is read by {@code SELECT * FROM users}. A
 * pattern whose table is a glob ({@code *.password}) is not matched by {@code *}: which tables
 * have such a column is not known.</li>
 * <li>An unqualified column of a statement with several tables (table {@code ?}) matches a
 * pattern whose table is one of the statement's tables.</li>
 * <li>When the columns are unknown (the parser did not answer), only patterns naming all of a
 * table's columns ({@code cards.*}) match, by the table's access.</li>
 * </ul>
 */
public final class SensitiveColumns {
    public static final String SENSITIVE_READ = "SENSITIVE_READ";
    public static final String SENSITIVE_WRITE = "SENSITIVE_WRITE";

    /** What a statement read and wrote of the sensitive columns, as {@code table.column} (the pattern's column for {@code *}). */
    public record Matches(List<String> read, List<String> written) {
        static final Matches NONE = new Matches(List.of(), List.of());

        public boolean any() {
            return !read.isEmpty() || !written.isEmpty();
        }

        /** The risks these matches mean. */
        public List<String> risks() {
            List<String> r = new ArrayList<>(2);
            if (!read.isEmpty()) {
                r.add(SENSITIVE_READ);
            }
            if (!written.isEmpty()) {
                r.add(SENSITIVE_WRITE);
            }
            return r;
        }
    }

    /** One pattern: an optional schema, a table and a column, each a glob. */
    private record ColumnPattern(Pattern schema, Pattern table, boolean literalTable, Pattern column, boolean allColumns,
            String text) {
        boolean tableMatches(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            int dot = n.lastIndexOf('.');
            String t = dot < 0 ? n : n.substring(dot + 1);
            String s = dot < 0 ? null : n.substring(0, dot);
            // a pattern without schema names the table in any schema; with one, an unqualified name may be in it
            return table.matcher(t).matches() && (schema == null || s == null || schema.matcher(s).matches());
        }
    }

    private final List<ColumnPattern> patterns;

    private SensitiveColumns(List<ColumnPattern> patterns) {
        this.patterns = patterns;
    }

    /** The patterns of {@code option}; null when it is empty. */
    public static SensitiveColumns parse(String option) {
        if (option == null || option.isBlank()) {
            return null;
        }
        List<ColumnPattern> list = new ArrayList<>();
        for (String term : option.split(",")) {
            String t = term.trim();
            if (t.isEmpty()) {
                continue;
            }
            String[] parts = t.toLowerCase(Locale.ROOT).split("\\.", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("'" + t + "' is not table.column or schema.table.column");
            }
            for (String p : parts) {
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("'" + t + "' has an empty part");
                }
            }
            String schema = parts.length == 3 ? parts[0] : null;
            String table = parts[parts.length - 2];
            String column = parts[parts.length - 1];
            list.add(new ColumnPattern(schema == null ? null : glob(schema), glob(table), !table.contains("*")
                    && !table.contains("?"), glob(column), column.equals("*"), t));
        }
        return list.isEmpty() ? null : new SensitiveColumns(List.copyOf(list));
    }

    /** What is wrong with {@code option}, or null (for the option's check). */
    public static String problem(String option) {
        try {
            parse(option);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    /**
     * Answers per analysed statement (the analyzer hands out one object per cached shape): the
     * filters ask for every event. Used by one publisher thread; bounded.
     */
    private final java.util.Map<Analysis.Statement, Matches> answers = new java.util.IdentityHashMap<>();

    /** The sensitive columns {@code st} reads and writes. */
    public Matches match(Analysis.Statement st) {
        if (st == null) {
            return Matches.NONE;
        }
        Matches m = answers.get(st);
        if (m == null) {
            if (answers.size() >= 4096) {
                answers.clear();
            }
            m = compute(st);
            answers.put(st, m);
        }
        return m;
    }

    private Matches compute(Analysis.Statement st) {
        Set<String> read = new LinkedHashSet<>();
        Set<String> written = new LinkedHashSet<>();
        ColumnAccess columns = st.columns();
        if (columns != null && columns.parsed()) {
            for (ColumnAccess.TableColumns tc : columns.tables()) {
                for (String c : tc.read()) {
                    collect(st, tc.table(), c, read);
                }
                for (String c : tc.written()) {
                    collect(st, tc.table(), c, written);
                }
            }
        } else {
            for (TableAccess ta : st.tables()) {
                for (ColumnPattern p : patterns) {
                    if (p.allColumns && p.tableMatches(ta.name())) {
                        ("READ".equals(ta.access()) ? read : written).add(ta.name() + ".*");
                    }
                }
            }
        }
        return read.isEmpty() && written.isEmpty() ? Matches.NONE : new Matches(List.copyOf(read), List.copyOf(written));
    }

    private void collect(Analysis.Statement st, String table, String column, Set<String> into) {
        String col = column.toLowerCase(Locale.ROOT);
        for (ColumnPattern p : patterns) {
            if (table.equals("?")) {
                // an unqualified column of several tables: which one holds it is not known
                if (col.equals("*") || !p.column.matcher(col).matches()) {
                    continue;
                }
                if (!p.literalTable) {
                    into.add("?." + column); // *.password: a password column of one of them
                    continue;
                }
                for (TableAccess ta : st.tables()) {
                    if (p.tableMatches(ta.name())) {
                        into.add(ta.name() + "." + column); // users.ssn: the table the pattern names
                    }
                }
            } else if (p.tableMatches(table)) {
                if (col.equals("*")) {
                    if (p.literalTable) { // SELECT * reads every column of the table, this one too
                        into.add(table + "." + (p.allColumns ? "*" : p.text.substring(p.text.lastIndexOf('.') + 1)));
                    }
                } else if (p.column.matcher(col).matches()) {
                    into.add(table + "." + column);
                }
            }
        }
    }
}
