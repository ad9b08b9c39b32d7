package io.jdbcactivity.sink;

/**
 * One event's UTF-8 bytes, encoded into a buffer reused from event to event (publisher thread
 * only). {@code toString().getBytes(UTF_8)} cost two copies of every event — a String and a byte
 * array, about twice the event's size in garbage per event, which the application's threads pay
 * for in collections too.
 */
public final class Utf8Buffer {
    private byte[] bytes = new byte[8192];
    private int length;

    /** Encodes {@code text}; its bytes are {@link #bytes()}[0, {@link #length()}) until the next call. */
    public Utf8Buffer encode(CharSequence text) {
        int n = text.length();
        if (bytes.length < n * 3) { // the most a char takes in UTF-8
            bytes = new byte[Math.max(n * 3, bytes.length * 2)];
        }
        byte[] b = bytes;
        int at = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[at++] = (byte) c;
            } else if (c < 0x800) {
                b[at++] = (byte) (0xc0 | c >> 6);
                b[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                b[at++] = (byte) (0xf0 | cp >> 18);
                b[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[at++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                b[at++] = '?'; // a lone surrogate, as String.getBytes writes it (the encoder escapes them anyway)
            } else {
                b[at++] = (byte) (0xe0 | c >> 12);
                b[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        length = at;
        return this;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }
}
