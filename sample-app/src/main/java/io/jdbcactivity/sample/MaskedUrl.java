package io.jdbcactivity.sample;

import java.util.regex.Pattern;

/**
 * A JDBC URL, or a message that may quote one, fit to print: passwords ({@code password=…},
 * {@code trustCertificateKeyStorePassword=…}, {@code //user:password@host}) become {@code ***}.
 */
final class MaskedUrl {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:^|[?&;(,\\s])[\\w.-]*password[\\w.-]*=)[^&;),\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;\\s]*:)[^@/?;\\s]*@");

    private MaskedUrl() {
    }

    static String of(String text) {
        return USER_INFO.matcher(PASSWORD_PARAM.matcher(text).replaceAll("$1***")).replaceAll("$1***@");
    }
}
