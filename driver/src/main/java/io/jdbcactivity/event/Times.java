package io.jdbcactivity.event;

/**
 * Formats epoch microseconds as {@code 2026-11-24T06:40:00.123456Z} without allocating a
 * formatter or temporal objects per event (civil-from-days, H. Hinnant's algorithm).
 */
final class Times {
    private Times() {
    }

    /** Room {@link #writeIso} may take: 27 bytes for years 0–9999, more only for absurd clocks. */
    static final int ISO_BYTES = 40;

    /** The formatted {@code yyyy-MM-ddTHH:mm:ss.} of one second: an event's three times mostly share it. */
    private record Second(long epochSecond, byte[] text) {
    }

    /**
     * The last even and odd seconds formatted: an event written in the second after it ran keeps
     * both in use. Immutable holders: publisher threads may race, at worst formatting twice.
     */
    private static volatile Second even = new Second(Long.MIN_VALUE, new byte[0]);
    private static volatile Second odd = new Second(Long.MIN_VALUE, new byte[0]);

    /** Writes the time at {@code b[at]} (room for {@link #ISO_BYTES} is the caller's); returns the end. */
    static int writeIso(byte[] b, int at, long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        long micros = Math.floorMod(epochMicros, 1_000_000L);
        boolean isOdd = (seconds & 1) != 0;
        Second s = isOdd ? odd : even;
        if (s.epochSecond() != seconds) {
            s = new Second(seconds, secondText(seconds).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            if (isOdd) {
                odd = s;
            } else {
                even = s;
            }
        }
        byte[] text = s.text();
        System.arraycopy(text, 0, b, at, text.length);
        at += text.length;
        for (int i = 5; i >= 0; i--) {
            b[at + i] = (byte) ('0' + micros % 10);
            micros /= 10;
        }
        b[at + 6] = 'Z';
        return at + 7;
    }

    /** The time as text (tests, logs). */
    static String iso(long epochMicros) {
        byte[] b = new byte[ISO_BYTES];
        return new String(b, 0, writeIso(b, 0, epochMicros), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static String secondText(long seconds) {
        StringBuilder out = new StringBuilder(20);
        long days = Math.floorDiv(seconds, 86_400L);
        long secOfDay = Math.floorMod(seconds, 86_400L);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        pad(out, year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, secOfDay / 3600, 2).append(':');
        pad(out, secOfDay / 60 % 60, 2).append(':');
        pad(out, secOfDay % 60, 2).append('.');
        return out.toString();
    }

    private static StringBuilder pad(StringBuilder out, long v, int width) {
        for (long limit = 10, w = 1; w < width; w++, limit *= 10) {
            if (v < limit) {
                out.append('0');
            }
        }
        return out.append(v);
    }
}
