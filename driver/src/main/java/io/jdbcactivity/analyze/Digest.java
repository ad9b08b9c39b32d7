package io.jdbcactivity.analyze;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A statement's shape as a stable hash: the normal form (no literals, comments or spacing,
 * keywords upper-cased) with IN lists and repeated VALUES rows collapsed, so {@code IN (?, ?)}
 * and {@code IN (?, ?, ?, ?)} are one digest, as are one-row and 5,000-row inserts.
 */
public final class Digest {
    private static final Pattern IN_LIST = Pattern.compile("\\bIN \\(\\?(?:, ?\\?)*\\)");
    private static final Pattern ROWS = Pattern.compile("\\bVALUES? \\((?:\\?|, ?)+\\)(?:, ?\\((?:\\?|, ?)+\\))*");

    private Digest() {
    }

    /** The text the digest is taken of. */
    public static String shape(String normalized) {
        String s = IN_LIST.matcher(normalized).replaceAll("IN (...)");
        s = ROWS.matcher(s).replaceAll("VALUES (...)");
        // spacing: a space survives only between two word characters ("id = ?" and "id=?" are one shape)
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' || (i > 0 && i + 1 < s.length() && word(s.charAt(i - 1)) && word(s.charAt(i + 1)))) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '`' || c == '?' || c == '@';
    }

    /** 32 hex digits (128 bits of SHA-256) of the shape. */
    public static String of(String normalized) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(shape(normalized).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
