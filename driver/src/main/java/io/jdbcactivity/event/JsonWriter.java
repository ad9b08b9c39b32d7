package io.jdbcactivity.event;

/**
 * Minimal streaming JSON writer over a reused {@link StringBuilder}: the publisher encodes many
 * small objects and a general JSON library would cost a dependency (and a shading story) for
 * nothing. Callers write well-formed structures; commas are handled here.
 */
final class JsonWriter {
    private final StringBuilder out;
    /** True when the next value in the current container needs a comma before it. */
    private boolean needComma;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    /** Empties the buffer for the next document. */
    void reset() {
        out.setLength(0);
        needComma = false;
    }

    JsonWriter beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    JsonWriter beginArray() {
        comma();
        out.append('[');
        needComma = false;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        needComma = true;
        return this;
    }

    JsonWriter name(String name) {
        comma();
        out.append('"').append(name).append("\":"); // names are our own constants: no escaping needed
        needComma = false;
        return this;
    }

    JsonWriter value(String s) {
        comma();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        needComma = true;
        return this;
    }

    JsonWriter value(long v) {
        comma();
        out.append(v);
        needComma = true;
        return this;
    }

    JsonWriter value(boolean v) {
        comma();
        out.append(v);
        needComma = true;
        return this;
    }

    JsonWriter nullValue() {
        comma();
        out.append("null");
        needComma = true;
        return this;
    }

    /** A field holding an ISO-8601 UTC time with microseconds. */
    JsonWriter time(String name, long epochMicros) {
        name(name);
        out.append('"');
        Times.appendIso(out, epochMicros);
        out.append('"');
        needComma = true;
        return this;
    }

    /**
     * {@code "name":"prefix-sequence"} (with {@code .sub} from the second substatement on), written
     * in place: the event id without a String built for it on every event.
     */
    JsonWriter idField(String name, String prefix, long sequence, int sub) {
        name(name);
        string(prefix);
        out.setLength(out.length() - 1); // reopen the string just closed
        out.append('-').append(sequence);
        if (sub != 1) {
            out.append('.').append(sub);
        }
        out.append('"');
        needComma = true;
        return this;
    }

    JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    /** A number, or null when {@code v} is negative (our "not applicable" marker). */
    JsonWriter fieldOrNull(String name, long v) {
        name(name);
        return v < 0 ? nullValue() : value(v);
    }

    /** A character JSON (and a UTF-8 wire) takes as it is. */
    private static boolean plain(char c) {
        if (c < 0x80) { // the usual case, decided in one range check and two comparisons
            return c >= 0x20 && c != '"' && c != '\\';
        }
        return c != 0x2028 && c != 0x2029 && !Character.isSurrogate(c);
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void string(String s) {
        out.append('"');
        int n = s.length();
        int first = 0;
        while (first < n && plain(s.charAt(first))) {
            first++;
        }
        if (first == n) {
            out.append(s).append('"'); // the common case: nothing to escape, one bulk copy
            return;
        }
        out.append(s, 0, first);
        int run = first;
        for (int i = first; i < n; i++) {
            char c = s.charAt(i);
            if (plain(c)) {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(i + 1)); // a valid pair is copied as is
                        i++;
                        run = i + 1;
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd"); // a lone surrogate is not valid UTF-8 on the wire
                    } else {
                        unicodeEscape(c);
                    }
                }
            }
        }
        out.append(s, run, n).append('"');
    }

    private void unicodeEscape(char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        for (int k = hex.length(); k < 4; k++) {
            out.append('0');
        }
        out.append(hex);
    }
}
