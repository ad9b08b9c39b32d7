package io.jdbcactivity.filter;

import io.jdbcactivity.analyze.Analysis;
import io.jdbcactivity.analyze.TableAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One term of {@code activity.filter.include} or {@code activity.filter.exclude}: {@code field:pattern},
 * where the pattern is matched without regard to case, {@code *} standing for any characters and
 * {@code ?} for one. Fields: {@code class}, {@code command}, {@code table} (any table the statement
 * touches, by its name as written or without its schema), {@code user}, {@code application},
 * {@code risk} (any flag), {@code digest}, {@code error} ({@code true} or {@code false}), and
 * {@code slowerThanMs} (a number: the statement ran at least that long) — so that
 * {@code include=class:WRITE,slowerThanMs:100} publishes writes and slow statements.
 */
public final class Rule {
    /** The fields a term may name, in the order the documentation lists them. */
    public static final List<String> FIELDS = List.of("class", "command", "table", "user", "application", "risk",
            "digest", "error", "slowerThanMs");

    private final String text;
    private final String field;
    private final Pattern pattern;
    private final Boolean error;
    private final long atLeastNanos;

    private Rule(String text, String field, Pattern pattern, Boolean error, long atLeastNanos) {
        this.text = text;
        this.field = field;
        this.pattern = pattern;
        this.error = error;
        this.atLeastNanos = atLeastNanos;
    }

    /** The term as written (normalised: field in lower case), the name it is counted under. */
    public String text() {
        return text;
    }

    /**
     * The terms of a comma-separated list; an empty or null list is no term.
     *
     * @throws IllegalArgumentException naming the term that is not {@code field:pattern} of a known field
     */
    public static List<Rule> parseList(String list) {
        List<Rule> rules = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return rules;
        }
        for (String raw : list.split(",")) {
            String term = raw.trim();
            if (term.isEmpty()) {
                continue;
            }
            int colon = term.indexOf(':');
            if (colon <= 0 || colon == term.length() - 1) {
                throw new IllegalArgumentException("'" + term + "' is not field:pattern (fields: "
                        + String.join(", ", FIELDS) + "; e.g. class:READ, table:audit_*)");
            }
            String field = term.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = term.substring(colon + 1).trim();
            if (FIELDS.stream().noneMatch(known -> known.toLowerCase(Locale.ROOT).equals(field))) {
                throw new IllegalArgumentException("'" + term + "' names no field of an event: use one of "
                        + String.join(", ", FIELDS));
            }
            if (field.equals("error")) {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException("'" + term + "': error takes true or false");
                }
                rules.add(new Rule(field + ":" + value.toLowerCase(Locale.ROOT), field, null,
                        Boolean.valueOf(value.equalsIgnoreCase("true")), 0));
            } else if (field.equals("slowerthanms")) {
                long ms;
                try {
                    ms = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    ms = -1;
                }
                if (ms < 0 || ms > 3_600_000) {
                    throw new IllegalArgumentException("'" + term + "': slowerThanMs takes milliseconds from 0 to 3,600,000");
                }
                rules.add(new Rule("slowerThanMs:" + ms, field, null, null, ms * 1_000_000));
            } else {
                rules.add(new Rule(field + ":" + value, field, glob(value), null, 0));
            }
        }
        return rules;
    }

    /** A glob as a case-insensitive regular expression: {@code *} any run, {@code ?} one character. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** Whether the event these facts describe matches this term. */
    boolean matches(Facts f) {
        return switch (field) {
            case "class" -> is(f.activityClass());
            case "command" -> is(f.command());
            case "user" -> is(f.user());
            case "application" -> is(f.application());
            case "digest" -> f.statement() != null && is(f.statement().digest());
            case "error" -> error == f.failed();
            case "slowerthanms" -> f.durationNanos() >= atLeastNanos;
            case "risk" -> anyRisk(f.statement()) || f.unlisted() && is(io.jdbcactivity.allowlist.Allowlist.UNLISTED_STATEMENT)
                    || f.sensitive().stream().anyMatch(this::is);
            case "table" -> anyTable(f.statement());
            default -> false;
        };
    }

    private boolean is(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    private boolean anyRisk(Analysis.Statement st) {
        if (st == null) {
            return false;
        }
        for (String r : st.risks()) {
            if (is(r)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyTable(Analysis.Statement st) {
        if (st == null) {
            return false;
        }
        for (TableAccess t : st.tables()) {
            String name = t.name();
            int dot = name.lastIndexOf('.');
            if (is(name) || dot >= 0 && is(name.substring(dot + 1))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
