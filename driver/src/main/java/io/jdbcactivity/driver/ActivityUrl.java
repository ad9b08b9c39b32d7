package io.jdbcactivity.driver;

import io.jdbcactivity.config.Option;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code jdbc:activity:<target>} URL split into the target URL ({@code jdbc:<target>}, which some
 * other driver accepts) and the {@code activity.*} options it carried. The prefix is removed with
 * {@code substring}, never {@code replace}, so the rest of the URL is handed on byte for byte,
 * less only our own options: {@code ?a=1&activity.sink=none&b=2} becomes {@code ?a=1&b=2}, and
 * H2-style {@code ;activity.sink=none} settings are removed the same way.
 */
public record ActivityUrl(String targetUrl, Map<String, String> options) {
    public static final String PREFIX = "jdbc:activity:";

    public static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    public static ActivityUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw new SQLException("Not a jdbc-activity URL: it must start with " + PREFIX, "08001");
        }
        String rest = url.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon <= 0 || !isSubprotocol(rest.substring(0, colon))) {
            throw new SQLException("Malformed jdbc-activity URL " + SafeUrl.redact(url) + ": expected "
                    + PREFIX + "<target>, where jdbc:<target> is a URL of the target driver, e.g. "
                    + PREFIX + "mysql://localhost:3306/shop", "08001");
        }
        Map<String, String> options = new LinkedHashMap<>();
        String target = strip("jdbc:" + rest, options);
        return new ActivityUrl(target, Collections.unmodifiableMap(options));
    }

    private static boolean isSubprotocol(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // '+': mysql+srv (DNS SRV); a scheme's later words (loadbalance, replication...) follow a ':'
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '+')) {
                return false;
            }
        }
        return true;
    }

    /** Removes every {@code activity.*} parameter from the URL, collecting it into {@code options}. */
    private static String strip(String url, Map<String, String> options) {
        int q = url.indexOf('?');
        if (q < 0) {
            return strip(url, ';', false, options);
        }
        String base = strip(url.substring(0, q), ';', false, options);
        String query = url.substring(q + 1);
        if (query.isEmpty()) {
            return url;
        }
        // A leading separator makes every parameter a removable segment after an empty first one.
        String kept = strip("&" + query, '&', true, options);
        kept = kept.isEmpty() ? kept : kept.substring(1);
        return kept.isEmpty() ? base : base + "?" + kept;
    }

    /**
     * Drops the {@code separator}-delimited segments after the first that are our options. The
     * first segment is the URL itself (or a placeholder) and is always kept.
     */
    private static String strip(String s, char separator, boolean decode, Map<String, String> options) {
        String[] segments = s.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        StringBuilder out = new StringBuilder(segments[0]);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (Option.isActivityKey(segment)) {
                int eq = segment.indexOf('=');
                String key = eq < 0 ? segment : segment.substring(0, eq);
                String value = eq < 0 ? "" : segment.substring(eq + 1);
                options.put(key, decode ? percentDecode(value) : value);
            } else {
                out.append(separator).append(segment);
            }
        }
        return out.toString();
    }

    /** Decodes {@code %XX} escapes (UTF-8); a '+' stays a '+', as JDBC drivers read their own URLs. */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
