package io.jdbcactivity.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes of the server error messages that can carry the application's data, keyed by vendor
 * error code ({@link java.sql.SQLException#getErrorCode()}). A message that fits one of its code's
 * shapes is rebuilt from the shape, never from the message: a value slot becomes {@code ?}, a
 * name slot keeps the name (only when it holds no quote of its own), a number stays, and an echo
 * of the statement goes through the SQL normal form (or becomes {@code ?}). So whatever a value
 * contains (quotes, {@code ' for key '}, line breaks), it cannot reach the event.
 *
 * <p>Shape notation: {@code {v}} a value, {@code {n}} a name, {@code {#}} a number, {@code {sql}}
 * a piece of the statement. A name slot between two value slots counts as a value (the split
 * between them is not certain).
 *
 * <p>Sources: MariaDB's message list, {@code sql/share/errmsg-utf8.txt} (MariaDB 10.11.19, as
 * installed in {@code /usr/share/mysql/errmsg-utf8.txt}; MariaDB marks value slots {@code %T} and
 * identifier slots {@code %`s}), and MySQL 8.0's {@code share/messages_to_clients.txt}. Taken: the
 * codes whose message carries a value an application can put there (a row's value, a literal,
 * a statement fragment, a SIGNAL text), plus the common name-only messages of DML (so their names
 * survive). The shapes are written here in the notation above, one per wording; where MySQL and
 * MariaDB word one code differently both are listed. H2 shapes come from H2 2.3's
 * {@code _messages_en.prop} (its codes are five digits, so they never meet MySQL's).
 */
final class ErrorTemplates {
    /** Which server family worded a shape: MariaDB only, MySQL only, or both. */
    enum Vendor { MARIADB, MYSQL, ANY }

    /** MariaDB's and MySQL's syntax-error head, before {@code near '...'}. */
    private static final String SYNTAX = "You have an error in your SQL syntax; check the manual that corresponds to your {n}"
            + " server version for the right syntax to use";

    private static final Map<Integer, List<Shape>> BY_CODE = new HashMap<>();

    static {
        // duplicates: MariaDB sends ER_DUP_ENTRY (1062) with ER_DUP_ENTRY_WITH_KEY_NAME's (1586) text
        add(1062, Vendor.ANY, "Duplicate entry '{v}' for key '{n}'", "Duplicate entry '{v}' for key {#}");
        add(1586, Vendor.ANY, "Duplicate entry '{v}' for key '{n}'");
        add(1569, Vendor.ANY, "ALTER TABLE causes auto_increment resequencing, resulting in duplicate entry '{v}' for key '{n}'");
        add(3026, Vendor.MARIADB, "Duplicate entry '{v}'.");
        add(1761, Vendor.ANY, "Foreign key constraint for table '{n}', record '{v}' would lead to a duplicate entry in table"
                + " '{n}', key '{n}'");
        add(1762, Vendor.ANY, "Foreign key constraint for table '{n}', record '{v}' would lead to a duplicate entry in a"
                + " child table");
        add(1741, Vendor.ANY, "Key value '{v}' was not found in table '{n}'");
        // ER_PARSE_ERROR: the "near" fragment is the statement's own text from the error on
        add(1064, Vendor.ANY, SYNTAX + " near '{sql}' at line {#}", "{v} near '{sql}' at line {#}");
        add(1149, Vendor.ANY, SYNTAX);
        // values that did not fit their column or type
        String[] wrongValueForColumn = {
            "Incorrect {n} value: '{v}' for column `{n}`.`{n}`.`{n}` at row {#}",
            "Incorrect {n} value: '{v}' for column '{n}' at row {#}",
        };
        add(1366, Vendor.ANY, wrongValueForColumn);
        add(1292, Vendor.ANY, wrongValueForColumn); // MySQL and MariaDB send 1292 with 1366's text for dates
        add(1292, Vendor.ANY, "Truncated incorrect {n} value: '{v}'");
        add(1367, Vendor.ANY, "Illegal {n} '{v}' value found during parsing");
        add(1411, Vendor.ANY, "Incorrect {n} value: '{v}' for function {n}");
        add(1525, Vendor.ANY, "Incorrect {n} value: '{v}'");
        add(1231, Vendor.ANY, "Variable '{n}' can't be set to the value of '{v}'");
        add(1690, Vendor.ANY, "{n} value is out of range in '{v}'");
        add(1300, Vendor.ANY, "Invalid {n} character string: '{v}'");
        add(1470, Vendor.ANY, "String '{v}' is too long for {n} (should be no longer than {#})");
        add(1912, Vendor.MARIADB, "Incorrect value '{v}' for option '{n}'");
        add(1916, Vendor.MARIADB, "Got overflow when converting '{v}' to {n}. Value truncated");
        add(1917, Vendor.MARIADB, "Truncated value '{v}' when converting to {n}");
        add(1918, Vendor.MARIADB, "Encountered illegal value '{v}' when converting to {n}");
        add(1977, Vendor.MARIADB, "Cannot convert '{n}' character 0x{v} to '{n}'");
        add(1978, Vendor.MARIADB, "Incorrect default value '{v}' for column '{n}'");
        add(1291, Vendor.ANY, "Column '{n}' has duplicated value '{v}' in {n}");
        add(1139, Vendor.ANY, "Regex error '{v}'");
        add(4162, Vendor.MARIADB, "Operator does not exist: '{v}'");
        add(3140, Vendor.MYSQL, "Invalid JSON text: \"{n}\" at position {#} in value for column '{n}'.");
        // SIGNAL / RESIGNAL: the text is the application's own (MESSAGE_TEXT), anything at all
        add(1644, Vendor.ANY, "Unhandled user-defined exception condition", "{v}");
        add(1642, Vendor.ANY, "Unhandled user-defined warning condition", "{v}");
        add(1643, Vendor.ANY, "Unhandled user-defined not found condition", "{v}");
        add(1676, Vendor.ANY, "{v}. Statement: {sql}");
        // name-only messages of DML, listed so that their names are kept with certainty
        add(1406, Vendor.ANY, "Data too long for column '{n}' at row {#}");
        add(1264, Vendor.ANY, "Out of range value for column '{n}' at row {#}");
        add(1265, Vendor.ANY, "Data truncated for column '{n}' at row {#}");
        add(1048, Vendor.ANY, "Column '{n}' cannot be null");
        add(1364, Vendor.ANY, "Field '{n}' doesn't have a default value");
        add(1054, Vendor.ANY, "Unknown column '{n}' in '{n}'");
        add(1146, Vendor.ANY, "Table '{n}' doesn't exist");
        add(1451, Vendor.ANY, "Cannot delete or update a parent row: a foreign key constraint fails ({n})");
        add(1452, Vendor.ANY, "Cannot add or update a child row: a foreign key constraint fails ({n})");
        add(3819, Vendor.MYSQL, "Check constraint '{n}' is violated.");
        add(4025, Vendor.MARIADB, "CONSTRAINT `{n}` failed for `{n}`.`{n}`");
        // user and host are what the application connected as (dbUserName, serverHost): kept
        add(1045, Vendor.ANY, "Access denied for user '{n}'@'{n}' (using password: {n})");
        add(1044, Vendor.ANY, "Access denied for user '{n}'@'{n}' to database '{n}'");
        add(1698, Vendor.ANY, "Access denied for user '{n}'@'{n}'");
        add(1142, Vendor.ANY, "{n} command denied to user '{n}'@'{n}' for table `{n}`.`{n}`",
                "{n} command denied to user '{n}'@'{n}' for table '{n}'");
        // H2 2.3 (the [code-build] suffix and the echoed statement are removed before matching)
        add(42000, Vendor.ANY, "Syntax error in SQL statement \"{sql}\"");
        add(42001, Vendor.ANY, "Syntax error in SQL statement \"{sql}\"; expected \"{n}\""); // H2's grammar words
        add(23505, Vendor.ANY, "Unique index or primary key violation: {v}");
        add(22001, Vendor.ANY, "Value too long for column {n}: {v}");
        add(22018, Vendor.ANY, "Data conversion error converting {v}");
        add(22003, Vendor.ANY, "Numeric value out of range: {v}");
        add(22004, Vendor.ANY, "Numeric value out of range: {v} in column {n}");
        add(22007, Vendor.ANY, "Cannot parse {n} constant {v}");
        add(23502, Vendor.ANY, "NULL not allowed for column {n}");
        add(23503, Vendor.ANY, "Referential integrity constraint violation: {v}");
        add(23506, Vendor.ANY, "Referential integrity constraint violation: {v}");
        add(23513, Vendor.ANY, "Check constraint violation: {v}");
        add(42102, Vendor.ANY, "Table {n} not found");
        add(42104, Vendor.ANY, "Table {n} not found (candidates are: {n})");
        add(42122, Vendor.ANY, "Column {n} not found");
    }

    private ErrorTemplates() {
    }

    private static void add(int code, Vendor vendor, String... shapes) {
        List<Shape> list = BY_CODE.computeIfAbsent(code, k -> new ArrayList<>(2));
        for (String s : shapes) {
            list.add(Shape.of(s, vendor));
        }
    }

    /**
     * {@code message} rebuilt from the first shape of {@code code} it fits, or null when none fits.
     *
     * @param mariadb  the server is MariaDB (true), MySQL (false) or unknown (null): which wordings apply
     * @param sqlPiece what a {@code {sql}} slot becomes (the piece's normal form, or {@code ?})
     */
    static String rebuild(int code, String message, Boolean mariadb, UnaryOperator<String> sqlPiece) {
        List<Shape> shapes = BY_CODE.get(code);
        if (shapes == null) {
            return null;
        }
        for (Shape s : shapes) {
            if (s.vendor == Vendor.ANY || mariadb == null || (s.vendor == Vendor.MARIADB) == mariadb) {
                String out = s.rebuild(message, sqlPiece);
                if (out != null) {
                    return out;
                }
            }
        }
        return null;
    }

    /** Whether any shape is known for {@code code}. */
    static boolean known(int code) {
        return BY_CODE.containsKey(code);
    }

    /** One wording: its literal parts, its slots, and the pattern that matches a whole message of it. */
    private record Shape(Vendor vendor, Pattern pattern, String[] literals, char[] slots) {
        private static final Pattern SLOT = Pattern.compile("\\{(v|n|#|sql)}");

        static Shape of(String shape, Vendor vendor) {
            List<String> literals = new ArrayList<>();
            StringBuilder kinds = new StringBuilder();
            Matcher m = SLOT.matcher(shape);
            int last = 0;
            while (m.find()) {
                literals.add(shape.substring(last, m.start()));
                kinds.append(switch (m.group(1)) {
                    case "v" -> 'v';
                    case "n" -> 'n';
                    case "#" -> '#';
                    default -> 's';
                });
                last = m.end();
            }
            literals.add(shape.substring(last));
            char[] slots = kinds.toString().toCharArray();
            demoteNamesBetweenValues(slots);
            StringBuilder regex = new StringBuilder("^");
            for (int i = 0; i < slots.length; i++) {
                String before = literals.get(i);
                regex.append(Pattern.quote(before));
                regex.append(slotPattern(slots[i], before.isEmpty() ? 0 : before.charAt(before.length() - 1)));
            }
            regex.append(Pattern.quote(literals.get(slots.length))).append('$');
            return new Shape(vendor, Pattern.compile(regex.toString(), Pattern.DOTALL), literals.toArray(new String[0]),
                    slots);
        }

        /** Between two value slots the boundary of a name cannot be told from a value's content. */
        private static void demoteNamesBetweenValues(char[] slots) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] == 'v' || slots[i] == 's') {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            for (int i = first + 1; i < last; i++) {
                if (slots[i] == 'n') {
                    slots[i] = 'v';
                }
            }
        }

        /**
         * Values and statement pieces take anything (greedy: the shape's own text after them
         * anchors the end); names take no quote of the kind around them, an unquoted name only
         * whole quoted identifiers (H2's "X", MariaDB's `x`) and unquoted text, and as little as
         * fits (lazy): a name before a value ends where the server's own text resumes.
         */
        private static String slotPattern(char kind, char quoteBefore) {
            return switch (kind) {
                case 'v', 's' -> "(.*)";
                case '#' -> "(-?\\d{1,20})";
                default -> switch (quoteBefore) {
                    case '\'' -> "([^'\\n]{0,1024}?)";
                    case '`' -> "((?:[^`\\n]|``){0,1024}?)";
                    case '"' -> "((?:[^\"\\n]|\"\"){0,1024}?)";
                    default -> "((?:\"(?:[^\"\\n]|\"\")*+\"|`(?:[^`\\n]|``)*+`|[^'\"`\\n]){0,1024}?)";
                };
            };
        }

        /** H2 quotes an echoed statement in "..." and doubles the quotes inside it. */
        private boolean inDoubleQuotes(int slot) {
            String before = literals[slot];
            return !before.isEmpty() && before.charAt(before.length() - 1) == '"';
        }

        String rebuild(String message, UnaryOperator<String> sqlPiece) {
            Matcher m = pattern.matcher(message);
            if (!m.matches()) {
                return null;
            }
            StringBuilder out = new StringBuilder(message.length());
            for (int i = 0; i < slots.length; i++) {
                out.append(literals[i]);
                switch (slots[i]) {
                    case 'v' -> out.append('?');
                    case 's' -> out.append(sqlPiece.apply(inDoubleQuotes(i) ? m.group(i + 1).replace("\"\"", "\"")
                            : m.group(i + 1)));
                    default -> out.append(m.group(i + 1));
                }
            }
            return out.append(literals[slots.length]).toString();
        }
    }
}
