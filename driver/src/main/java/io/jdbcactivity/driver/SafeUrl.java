package io.jdbcactivity.driver;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A URL fit for messages and events: passwords and secrets replaced by {@code ***}, in every place
 * MySQL Connector/J and MariaDB Connector/J take one: parameters ({@code password=}, MFA's
 * {@code password1=}..{@code password3=}, key store passwords, H2's {@code ;PASSWORD=}), host key
 * values ({@code address=(host=h)(password=p)}, {@code (host=h,password=p)}) and the userinfo of
 * each host ({@code //user:password@h1,user:password@h2}, {@code //user:password@[h1,h2]}).
 */
public final class SafeUrl {
    /** {@code password=...}, {@code PASSWORD=...}, {@code password2=...}, {@code trustCertificateKeyStorePassword=...}, {@code secretKey=...}. */
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)((?:^|[?&;(,])\\s*[\\w.-]*(?:password|passwd|pwd|secret|token|credential)[\\w.-]*\\s*=)[^&;),]*");

    private SafeUrl() {
    }

    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String s = SECRET_PARAM.matcher(url).replaceAll("$1***");
        int slashes = s.indexOf("://");
        if (slashes < 0) {
            return s;
        }
        int start = slashes + 3;
        int end = TargetUrl.authorityEnd(s, start);
        return s.substring(0, start) + hosts(s.substring(start, end)) + s.substring(end);
    }

    /** A host list with the password of every userinfo replaced; as much of it as parses is kept byte for byte. */
    private static String hosts(String list) {
        List<String> specs = TargetUrl.split(list);
        StringBuilder out = new StringBuilder(list.length());
        for (int i = 0; i < specs.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String spec = specs.get(i);
            int at = TargetUrl.userInfoEnd(spec);
            if (at >= 0) {
                int colon = spec.indexOf(':');
                out.append(colon >= 0 && colon < at ? spec.substring(0, colon + 1) + "***" : spec.substring(0, at));
                out.append('@');
                spec = spec.substring(at + 1);
            }
            String trimmed = spec.trim();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                out.append('[').append(hosts(trimmed.substring(1, trimmed.length() - 1))).append(']');
            } else {
                out.append(spec);
            }
        }
        return out.toString();
    }
}
