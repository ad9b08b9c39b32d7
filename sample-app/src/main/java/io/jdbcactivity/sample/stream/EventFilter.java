package io.jdbcactivity.sample.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdbcactivity.sample.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which events are shown: {@code --class} (comma list), {@code --table} (an event touching that
 * table; {@code orders} also matches {@code shop.orders}), {@code --user} and {@code --risk} (comma
 * list of risk flags, {@code SQLI_*} for a family, {@code *} for any: who read the card numbers is
 * {@code --risk SENSITIVE_READ}); all given must hold.
 */
public record EventFilter(Set<String> classes, String table, String user, List<String> risks) {
    public static final EventFilter ALL = new EventFilter(Set.of(), null, null, List.of());

    public EventFilter(Set<String> classes, String table, String user) {
        this(classes, table, user, List.of());
    }

    public static EventFilter of(String classes, String table, String user, String risks) {
        EventFilter f = of(classes, table, user);
        if (risks == null) {
            return f;
        }
        List<String> r = Arrays.stream(risks.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .map(x -> x.toUpperCase(Locale.ROOT)).toList();
        if (r.isEmpty()) {
            throw new UsageException("--risk needs one or more risk flags (SENSITIVE_READ, SQLI_*, *)");
        }
        return new EventFilter(f.classes(), f.table(), f.user(), r);
    }

    private boolean hasRisk(JsonNode event) {
        for (JsonNode risk : event.path("clientAuditFields").path("risk")) {
            String name = risk.asText();
            for (String wanted : risks) {
                if (wanted.endsWith("*") ? name.startsWith(wanted.substring(0, wanted.length() - 1)) : name.equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }
    /** The event classes of the design's vocabulary; a typo would otherwise silently show nothing. */
    static final List<String> CLASSES = List.of("READ", "WRITE", "DDL", "ROLE", "FUNCTION", "MISC", "CONNECT");

    public static EventFilter of(String classes, String table, String user) {
        Set<String> cls = classes == null ? Set.of()
                : Arrays.stream(classes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        for (String c : cls) {
            if (!CLASSES.contains(c)) {
                throw new UsageException("--class " + c + " is not a class: " + String.join(", ", CLASSES));
            }
        }
        if (classes != null && cls.isEmpty()) {
            throw new UsageException("--class needs one or more of " + String.join(", ", CLASSES));
        }
        return new EventFilter(cls, table == null ? null : table.toLowerCase(Locale.ROOT), user);
    }

    public boolean test(JsonNode event) {
        if (!classes.isEmpty() && !classes.contains(event.path("class").asText())) {
            return false;
        }
        if (!risks.isEmpty() && !hasRisk(event)) {
            return false;
        }
        if (user != null && !user.equals(event.path("dbUserName").asText(null))) {
            return false;
        }
        if (table != null) {
            for (JsonNode t : event.path("clientAuditFields").path("tables")) {
                String name = t.path("name").asText().toLowerCase(Locale.ROOT);
                if (name.equals(table) || name.endsWith("." + table)) {
                    return true;
                }
            }
            return false;
        }
        return true;
    }
}
