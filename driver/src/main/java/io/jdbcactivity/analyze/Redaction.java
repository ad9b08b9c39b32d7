package io.jdbcactivity.analyze;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * For {@code activity.commandText=full}: the statement as written, except where it can carry a
 * credential. Rather than recognising each way a password can be written ({@code IDENTIFIED BY
 * PASSWORD '<hash>'}, {@code IDENTIFIED VIA ed25519 USING PASSWORD('..') OR ...},
 * {@code MASTER_PASSWORD='..'}, {@code OPTIONS (PASSWORD '..')}, ...), a text any of whose
 * statements could hold one is published in its normal form, where every literal is {@code ?}
 * (the default mode's guarantee): statements of class ROLE (users, grants, roles, passwords),
 * replication and federated-server set-up, and any statement that names a credential word
 * anywhere outside its literals (a column called {@code password} included).
 */
public final class Redaction {
    /** Words that put a credential (or a key) in a literal near them. */
    private static final Set<String> CREDENTIAL_WORDS = Set.of("IDENTIFIED", "PASSWORD", "OLD_PASSWORD",
            "MASTER_PASSWORD", "SOURCE_PASSWORD", "CONNECTION", "AES_ENCRYPT", "AES_DECRYPT", "DES_ENCRYPT",
            "DES_DECRYPT", "ENCODE", "DECODE", "ENCRYPT");
    /** Commands whose options are connection credentials. */
    private static final List<String> CREDENTIAL_COMMANDS = List.of("CHANGE MASTER", "CHANGE REPLICATION",
            "CREATE SERVER", "ALTER SERVER", "START SLAVE", "START REPLICA", "START GROUP_REPLICATION");

    private Redaction() {
    }

    /**
     * What {@code full} publishes for {@code sql} (analysed as {@code analysis}): the text itself
     * (its analysed head for a text longer than {@link SqlText#MAX_ANALYSED_CHARS}), or its
     * normal form when a statement of it can carry a credential.
     */
    public static String fullText(String sql, Analysis analysis) {
        List<Analysis.Statement> statements = analysis.statements();
        for (int i = 0; i < statements.size(); i++) {
            if (carriesCredentials(statements.get(i))) {
                StringBuilder normal = new StringBuilder();
                for (int j = 0; j < statements.size(); j++) {
                    normal.append(j == 0 ? "" : "; ").append(statements.get(j).normalized());
                }
                return normal.toString();
            }
        }
        return sql.length() > SqlText.MAX_ANALYSED_CHARS ? sql.substring(0, SqlText.MAX_ANALYSED_CHARS) : sql;
    }

    /** Whether {@code st} could hold a credential in one of its literals. */
    static boolean carriesCredentials(Analysis.Statement st) {
        if ("ROLE".equals(st.activityClass())) {
            return true;
        }
        String normal = st.normalized();
        for (String command : CREDENTIAL_COMMANDS) {
            if (normal.regionMatches(true, 0, command, 0, command.length())) {
                return true;
            }
        }
        int n = normal.length();
        int i = 0;
        while (i < n) {
            if (!isWordChar(normal.charAt(i))) {
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && isWordChar(normal.charAt(end))) {
                end++;
            }
            if (end - i >= 6 && CREDENTIAL_WORDS.contains(normal.substring(i, end).toUpperCase(Locale.ROOT))) {
                return true;
            }
            i = end;
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
