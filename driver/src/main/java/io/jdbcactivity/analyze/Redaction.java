package io.jdbcactivity.analyze;

import java.util.regex.Pattern;

/**
 * For {@code activity.commandText=full}: the statement as written, except passwords, which never
 * leave the process in any mode ({@code IDENTIFIED BY '..'}, {@code IDENTIFIED WITH plugin BY|AS
 * '..'}, {@code SET PASSWORD ... = '..'}, {@code PASSWORD('..')}).
 */
public final class Redaction {
    private static final String STRING = "(?:'(?:\\\\.|''|[^'\\\\])*+'|\"(?:\\\\.|\"\"|[^\"\\\\])*+\")";
    private static final Pattern SECRETS = Pattern.compile("(?is)(\\bIDENTIFIED\\s+(?:WITH\\s+\\S+\\s+)?(?:BY|AS)\\s+"
            + "(?:RANDOM\\s+PASSWORD\\s+)?|\\bPASSWORD\\s*\\(\\s*|\\bSET\\s+PASSWORD\\b[^=;]*=\\s*(?:PASSWORD\\s*\\(\\s*)?"
            + "|\\bREPLACE\\s+)" + STRING);

    private Redaction() {
    }

    public static String passwords(String sql) {
        return SECRETS.matcher(sql).replaceAll("$1'***'");
    }
}
