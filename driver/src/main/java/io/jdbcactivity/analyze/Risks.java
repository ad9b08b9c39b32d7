package io.jdbcactivity.analyze;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Flags for statements an administrator wants to hear about, from the command and the normal form. */
public final class Risks {
    public static final String UPDATE_WITHOUT_WHERE = "UPDATE_WITHOUT_WHERE";
    public static final String DELETE_WITHOUT_WHERE = "DELETE_WITHOUT_WHERE";
    public static final String DROP = "DROP";
    public static final String TRUNCATE = "TRUNCATE";
    public static final String PRIVILEGES = "PRIVILEGES";
    public static final String LOAD_DATA = "LOAD_DATA";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";

    /** MySQL/MariaDB error codes meaning "not allowed". */
    private static final Set<Integer> DENIED_CODES = Set.of(1044, 1045, 1142, 1143, 1227, 1370, 1410, 3118);

    private Risks() {
    }

    static List<String> of(String command, String activityClass, String normalized) {
        List<String> risks = new ArrayList<>(1);
        if (command.equals("UPDATE") && !hasTopLevelWhere(normalized)) {
            risks.add(UPDATE_WITHOUT_WHERE);
        } else if (command.equals("DELETE") && !hasTopLevelWhere(normalized)) {
            risks.add(DELETE_WITHOUT_WHERE);
        } else if (command.startsWith("DROP ")) {
            risks.add(DROP);
        } else if (command.startsWith("TRUNCATE")) {
            risks.add(TRUNCATE);
        } else if (command.equals("LOAD DATA") || command.equals("LOAD XML")) {
            risks.add(LOAD_DATA);
        }
        if (activityClass.equals("ROLE")) {
            risks.add(PRIVILEGES);
        }
        return List.copyOf(risks);
    }

    /** Whether an error says the user was not allowed (SQLState class 28, or MySQL's denial codes). */
    public static boolean accessDenied(String sqlState, int vendorCode) {
        return (sqlState != null && sqlState.startsWith("28")) || DENIED_CODES.contains(vendorCode);
    }

    /** WHERE at parenthesis depth 0: a WHERE inside a subquery does not restrict the outer statement. */
    private static boolean hasTopLevelWhere(String normalized) {
        int depth = 0;
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && c == 'W' && normalized.startsWith("WHERE", i)
                    && (i == 0 || normalized.charAt(i - 1) == ' ')
                    && (i + 5 == normalized.length() || !Character.isLetterOrDigit(normalized.charAt(i + 5)))) {
                return true;
            }
        }
        return false;
    }
}
