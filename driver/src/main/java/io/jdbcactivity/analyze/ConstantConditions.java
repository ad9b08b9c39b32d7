package io.jdbcactivity.analyze;

import io.jdbcactivity.analyze.RawTokens.Kind;
import io.jdbcactivity.analyze.RawTokens.Token;
import java.util.List;
import java.util.Set;

/**
 * Conditions made of constants, the shape of a tautology ({@code OR '1'='1'}) or of a boolean-blind
 * probe ({@code AND 4821=4821}), told apart from the neutral elements generators write
 * ({@code WHERE 1=1}, Hibernate's {@code 1<>1}, jOOQ's {@code 1 = 0}). Evaluated the way MySQL
 * would, so that {@code OR 1=0} (false, harmless) is not {@code OR 1=1}.
 */
final class ConstantConditions {
    private static final Set<String> COMPARISONS = Set.of("=", "<=>", "!=", "<>", "<", ">", "<=", ">=");

    private ConstantConditions() {
    }

    /**
     * Whether a constant comparison starts at {@code k}: {@code [NOT] [(] lit op lit}, or a bare
     * truthy constant ending the condition ({@code OR 1}, {@code OR TRUE}), or {@code name = name}.
     * It counts when its constants are not 0 and 1, true or false ({@code 1=1}, {@code 1=0} and
     * {@code 1<>1} are what query builders and Hibernate write as neutral elements; sqlmap writes
     * {@code 4821=4821}, OWASP {@code 'a'='a'}); joined by OR ({@code !strict}) also when it is
     * true ({@code OR 1=1}).
     */
    static boolean startsAt(List<Token> t, int k, boolean strict) {
        int n = t.size();
        boolean negated = false;
        while (k < n && (t.get(k).is("NOT") || t.get(k).isOperator("!") || t.get(k).isPunct('('))) {
            negated ^= !t.get(k).isPunct('(');
            k++;
        }
        if (k >= n) {
            return false;
        }
        Token a = t.get(k);
        if (k + 2 < n && (t.get(k + 1).kind() == Kind.OPERATOR && COMPARISONS.contains(t.get(k + 1).text())
                || t.get(k + 1).is("LIKE"))) {
            Token b = t.get(k + 2);
            if (k + 3 < n && t.get(k + 3).kind() == Kind.OPERATOR) {
                return false; // 1=1+x: not a plain constant comparison
            }
            if (a.isLiteral() && b.isLiteral() && !a.is("NULL") && !b.is("NULL")) {
                if (!(trivial(a) && trivial(b))) {
                    return true; // 4821=4821, 'a'='b': no generator writes these
                }
                return !strict && compare(a, t.get(k + 1), b) != negated; // OR 1=1, not OR 1<>1
            }
            if (!strict && a.kind() == Kind.WORD && b.kind() == Kind.WORD && a.text().equals(b.text())
                    && t.get(k + 1).isOperator("=") && !a.isLiteral() && (k + 3 >= n || !t.get(k + 3).isPunct('.'))
                    && (k == 0 || !t.get(k - 1).isPunct('.'))) {
                return !negated; // OR name=name
            }
            return false;
        }
        if (!strict && (a.kind() == Kind.NUMBER || a.is("TRUE")) && conditionEnds(t, k + 1)) {
            return truthy(a) != negated; // OR 1 -- , OR TRUE)
        }
        return false;
    }

    private static boolean trivial(Token t) {
        return t.kind() == Kind.NUMBER && (t.text().equals("0") || t.text().equals("1"));
    }

    private static boolean conditionEnds(List<Token> t, int k) {
        if (k >= t.size()) {
            return true;
        }
        Token x = t.get(k);
        return x.kind() == Kind.COMMENT || x.isPunct(')') || x.is("LIMIT") || x.is("ORDER") || x.is("GROUP")
                || x.is("AND") || x.is("OR") || x.is("UNION");
    }

    private static boolean truthy(Token t) {
        if (t.is("TRUE")) {
            return true;
        }
        try {
            return Double.parseDouble(t.text()) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** MySQL's answer for {@code a op b} on two constants: numbers numerically, strings case-insensitively. */
    private static boolean compare(Token a, Token op, Token b) {
        String x = value(a);
        String y = value(b);
        if (op.is("LIKE")) {
            return y.equals("%") || x.equalsIgnoreCase(y);
        }
        int c;
        Double dx = number(x);
        Double dy = number(y);
        if (dx != null && dy != null && (a.kind() != Kind.STRING || b.kind() != Kind.STRING)) {
            c = Double.compare(dx, dy);
        } else {
            c = x.compareToIgnoreCase(y);
        }
        return switch (op.text()) {
            case "=", "<=>" -> c == 0;
            case "!=", "<>" -> c != 0;
            case "<" -> c < 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            default -> c >= 0;
        };
    }

    private static String value(Token t) {
        return switch (t.text()) {
            case "TRUE" -> t.kind() == Kind.WORD ? "1" : t.text();
            case "FALSE" -> t.kind() == Kind.WORD ? "0" : t.text();
            default -> t.text();
        };
    }

    static Double number(String s) {
        try {
            return Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
