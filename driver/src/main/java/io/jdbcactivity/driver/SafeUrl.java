package io.jdbcactivity.driver;

import java.util.regex.Pattern;

/** A URL fit for messages and events: passwords and secrets replaced by {@code ***}. */
public final class SafeUrl {
    /** {@code password=...}, {@code PASSWORD=...}, {@code trustCertificateKeyStorePassword=...}, {@code secretKey=...}. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)((?:^|[?&;(,])\\s*[\\w.-]*(?:password|passwd|pwd|secret|token|credential)[\\w.-]*\\s*=)[^&;),]*");
    /** {@code //user:password@host}. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*:)[^@/?;]*@");

    private SafeUrl() {
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String s = SECRET_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(s).replaceAll("$1***@");
    }
}
