package io.jdbcactivity.analyze;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A statement's shape as a stable hash: the normal form (no literals, comments or spacing,
 * keywords upper-cased) with IN lists and VALUES rows collapsed, so {@code IN (?, ?)} and
 * {@code IN (?, ?, ?, ?)} are one digest, as are one-row and 5,000-row inserts. A hand-written
 * scan, not regular expressions: Java's regex engine recurses per repetition and overflows the
 * stack on a 5,000-row VALUES list.
 */
public final class Digest {
    private Digest() {
    }

    /** The text the digest is taken of. */
    public static String shape(String normalized) {
        StringBuilder out = new StringBuilder(Math.min(normalized.length(), 4096));
        int n = normalized.length();
        int i = 0;
        while (i < n) {
            if (wordAt(normalized, i, "IN (")) {
                int end = placeholderList(normalized, i + 4);
                if (end > 0) {
                    out.append("IN(...)");
                    i = end;
                    continue;
                }
            }
            if (wordAt(normalized, i, "VALUES (") || wordAt(normalized, i, "VALUE (")) {
                int j = normalized.indexOf('(', i) + 1;
                int end = placeholderList(normalized, j);
                while (end > 0) {
                    int next = end;
                    if (next < n && normalized.charAt(next) == ',') {
                        next++;
                        if (next < n && normalized.charAt(next) == ' ') {
                            next++;
                        }
                        if (next < n && normalized.charAt(next) == '(') {
                            int more = placeholderList(normalized, next + 1);
                            if (more > 0) {
                                end = more;
                                continue;
                            }
                        }
                    }
                    break;
                }
                if (end > 0) {
                    out.append("VALUES(...)");
                    i = end;
                    continue;
                }
            }
            char c = normalized.charAt(i);
            // spacing: a space survives only between two word characters ("id = ?" and "id=?" are one shape)
            if (c != ' ' || (i > 0 && i + 1 < n && word(normalized.charAt(i - 1)) && word(normalized.charAt(i + 1)))) {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    /** End (after the ')') of a list of only '?' from {@code from}, or -1. */
    private static int placeholderList(String s, int from) {
        int i = from;
        boolean expectItem = true;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '?' && expectItem) {
                expectItem = false;
            } else if (c == ',' && !expectItem) {
                expectItem = true;
            } else if (c == ' ') {
                // spacing between items
            } else if (c == ')' && !expectItem) {
                return i + 1;
            } else {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static boolean wordAt(String s, int i, String word) {
        return s.startsWith(word, i) && (i == 0 || !word(s.charAt(i - 1)));
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
