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
 * table; {@code orders} also matches {@code shop.orders}) and {@code --user}; all given must hold.
 */
public record EventFilter(Set<String> classes, String table, String user) {
    public static final EventFilter ALL = new EventFilter(Set.of(), null, null);
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
