package io.jdbcactivity.sample.stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdbcactivity.sample.UsageException;
import org.junit.jupiter.api.Test;

/** The viewer's --risk filter: exact flags, a family by prefix, any, with the other filters. */
class EventFilterTest {
    private static JsonNode event(String cls, String... risks) throws Exception {
        StringBuilder r = new StringBuilder();
        for (String x : risks) {
            r.append(r.length() == 0 ? "" : ",").append('"').append(x).append('"');
        }
        return new ObjectMapper().readTree("{\"class\":\"" + cls + "\",\"clientAuditFields\":{\"risk\":[" + r + "]}}");
    }

    @Test
    void riskFlagsSelectEvents() throws Exception {
        EventFilter sensitive = EventFilter.of(null, null, null, "sensitive_read");
        assertTrue(sensitive.test(event("READ", "SENSITIVE_READ")));
        assertFalse(sensitive.test(event("READ", "SENSITIVE_WRITE")));
        assertFalse(sensitive.test(event("READ")));
        EventFilter injection = EventFilter.of(null, null, null, "SQLI_*,DROP");
        assertTrue(injection.test(event("READ", "SQLI_TAUTOLOGY")));
        assertTrue(injection.test(event("DDL", "DROP")));
        assertFalse(injection.test(event("WRITE", "UPDATE_WITHOUT_WHERE")));
        EventFilter any = EventFilter.of("WRITE", null, null, "*");
        assertTrue(any.test(event("WRITE", "SENSITIVE_WRITE")));
        assertFalse(any.test(event("READ", "SENSITIVE_READ")), "the class must hold too");
        assertFalse(any.test(event("WRITE")));
        assertTrue(EventFilter.of(null, null, null, null).test(event("READ")));
        assertThrows(UsageException.class, () -> EventFilter.of(null, null, null, " , "));
    }
}
