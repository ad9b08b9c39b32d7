package io.jdbcactivity.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streaming JSON writer straight into reused UTF-8 bytes: the publisher encodes many small
 * objects, and writing characters first (a StringBuilder) then converting them to bytes for the
 * sink cost two passes, two buffers and most of the encoder's time. A general JSON library would
 * cost a dependency (and a shading story) for nothing. Field names the hot path writes are
 * {@link Name}s, encoded once; pieces that repeat from event to event (a connection's identity, a
 * statement's text and tables) are written once into {@link #fragment fragments} and copied.
 * Callers write well-formed structures; commas are handled here.
 */
final class JsonWriter {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** A field name with its quotes and colon, {@code "name":}, encoded once. */
    static final class Name {
        final byte[] bytes;

        private Name(String name) {
            this.bytes = ('"' + name + "\":").getBytes(StandardCharsets.UTF_8);
        }

        /** Names are our own constants: nothing in them needs escaping. */
        static Name of(String name) {
            return new Name(name);
        }
    }

    private byte[] buf;
    private int len;
    /** True when the next value in the current container needs a comma before it. */
    private boolean needComma;

    JsonWriter() {
        this(1024);
    }

    JsonWriter(int capacity) {
        this.buf = new byte[capacity];
    }

    /** Empties the buffer for the next document. */
    void reset() {
        len = 0;
        needComma = false;
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return len;
    }

    /** What was written since {@code from}, as its own array (a fragment to copy into later events). */
    byte[] copy(int from) {
        return Arrays.copyOfRange(buf, from, len);
    }

    JsonWriter beginObject() {
        comma();
        put('{');
        needComma = false;
        return this;
    }

    JsonWriter endObject() {
        put('}');
        needComma = true;
        return this;
    }

    JsonWriter beginArray() {
        comma();
        put('[');
        needComma = false;
        return this;
    }

    JsonWriter endArray() {
        put(']');
        needComma = true;
        return this;
    }

    JsonWriter name(Name name) {
        comma();
        raw(name.bytes);
        needComma = false;
        return this;
    }

    /** A name that is not a constant of ours (a counter's, a driver call argument's): escaped like a value. */
    JsonWriter name(String name) {
        comma();
        string(name);
        put(':');
        needComma = false;
        return this;
    }

    /**
     * Members written earlier as one piece ({@code "a":1,"b":"x"}), copied as they are: what is
     * the same from event to event is encoded once.
     */
    JsonWriter fragment(byte[] members) {
        if (members.length == 0) {
            return this; // nothing: no comma either
        }
        comma();
        raw(members);
        needComma = true;
        return this;
    }

    JsonWriter value(String s) {
        comma();
        if (s == null) {
            raw(NULL);
        } else {
            string(s);
        }
        needComma = true;
        return this;
    }

    JsonWriter value(long v) {
        comma();
        number(v);
        needComma = true;
        return this;
    }

    /** A rate or share: written as Java writes the double (finite values only: ours are from 0 to 1). */
    JsonWriter decimal(double v) {
        comma();
        raw(Double.toString(v).getBytes(StandardCharsets.US_ASCII));
        needComma = true;
        return this;
    }

    JsonWriter value(boolean v) {
        comma();
        raw(v ? TRUE : FALSE);
        needComma = true;
        return this;
    }

    JsonWriter nullValue() {
        comma();
        raw(NULL);
        needComma = true;
        return this;
    }

    /** A field holding an ISO-8601 UTC time with microseconds. */
    JsonWriter time(Name name, long epochMicros) {
        return name(name).timeValue(epochMicros);
    }

    JsonWriter time(String name, long epochMicros) {
        return name(name).timeValue(epochMicros);
    }

    private JsonWriter timeValue(long epochMicros) {
        ensure(Times.ISO_BYTES + 2);
        buf[len++] = '"';
        len = Times.writeIso(buf, len, epochMicros);
        buf[len++] = '"';
        needComma = true;
        return this;
    }

    /**
     * {@code "name":"prefix-sequence"} (with {@code .sub} from the second substatement on), written
     * in place: the event id without a String built for it on every event.
     *
     * @param prefix the prefix already encoded as the inside of a JSON string (no quotes)
     */
    JsonWriter idField(Name name, byte[] prefix, long sequence, int sub) {
        name(name);
        put('"');
        raw(prefix);
        put('-');
        number(sequence);
        if (sub != 1) {
            put('.');
            number(sub);
        }
        put('"');
        needComma = true;
        return this;
    }

    JsonWriter field(Name name, String v) {
        return name(name).value(v);
    }

    JsonWriter field(Name name, long v) {
        return name(name).value(v);
    }

    JsonWriter field(Name name, boolean v) {
        return name(name).value(v);
    }

    /** A number, or null when {@code v} is negative (our "not applicable" marker). */
    JsonWriter fieldOrNull(Name name, long v) {
        name(name);
        return v < 0 ? nullValue() : value(v);
    }

    JsonWriter fieldOrNull(String name, long v) {
        name(name);
        return v < 0 ? nullValue() : value(v);
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

    /** {@code s} as the inside of a JSON string (no quotes), for pieces put together by the caller. */
    static byte[] stringContent(String s) {
        JsonWriter w = new JsonWriter(s.length() * 6 + 2);
        w.string(s);
        return Arrays.copyOfRange(w.buf, 1, w.len - 1);
    }

    private void comma() {
        if (needComma) {
            put(',');
        }
    }

    private void put(char c) {
        if (len == buf.length) {
            grow(1);
        }
        buf[len++] = (byte) c;
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            grow(more);
        }
    }

    private void grow(int more) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }

    /** A long in decimal, written backwards from its last digit (no String, no char[]). */
    private void number(long v) {
        if (v >= 0 && v < 10) {
            put((char) ('0' + v));
            return;
        }
        if (v == Long.MIN_VALUE) {
            raw(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ensure(20);
        boolean negative = v < 0;
        long rest = negative ? -v : v;
        int digits = 1;
        for (long limit = 10; digits < 19 && rest >= limit; limit *= 10) {
            digits++; // comparisons, not divisions, to count the digits
        }
        int end = len + digits + (negative ? 1 : 0);
        int at = end;
        do {
            buf[--at] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        if (negative) {
            buf[--at] = '-';
        }
        len = end;
    }

    /**
     * A JSON string in UTF-8. Escaped: quote, backslash, control characters, U+2028 and U+2029
     * (line ends to JavaScript); a lone surrogate becomes U+FFFD (it has no UTF-8 form); a valid
     * pair becomes its four-byte form.
     */
    private void string(String s) {
        int n = s.length();
        ensure(n * 6 + 2); // the most a char can take: \\uXXXX
        byte[] b = buf;
        int at = len;
        b[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[at++] = (byte) c; // the usual case, decided in one range check and two comparisons
                    continue;
                }
                b[at++] = '\\';
                switch (c) {
                    case '"' -> b[at++] = '"';
                    case '\\' -> b[at++] = '\\';
                    case '\n' -> b[at++] = 'n';
                    case '\r' -> b[at++] = 'r';
                    case '\t' -> b[at++] = 't';
                    default -> at = unicodeEscape(b, at, c);
                }
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[at++] = (byte) (0xf0 | cp >> 18);
                    b[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    b[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    b[at++] = (byte) (0x80 | cp & 0x3f);
                } else {
                    b[at++] = '\\'; // a lone surrogate is not valid UTF-8 on the wire
                    at = unicodeEscape(b, at, '\ufffd');
                }
            } else if (c == '\u2028' || c == '\u2029') {
                b[at++] = '\\';
                at = unicodeEscape(b, at, c);
            } else {
                b[at++] = (byte) (0xe0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        b[at++] = '"';
        len = at;
    }

    /** {@code uXXXX} after the backslash already written. */
    private static int unicodeEscape(byte[] b, int at, char c) {
        b[at++] = 'u';
        b[at++] = HEX[c >> 12 & 0xf];
        b[at++] = HEX[c >> 8 & 0xf];
        b[at++] = HEX[c >> 4 & 0xf];
        b[at++] = HEX[c & 0xf];
        return at;
    }
}
