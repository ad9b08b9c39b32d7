package io.jdbcactivity.config;

import java.util.Locale;

/** Finds the valid option key closest to a mistyped one (Levenshtein distance, case-insensitive). */
final class NearestKey {
    private NearestKey() {
    }

    /** Misspellings further than this from every key get no suggestion where a wrong one would mislead. */
    private static final int CLOSE = 3;

    /**
     * The nearest key if it is a likely misspelling of {@code key} (a key without the prefix is
     * compared with the prefix added), else null: for keys that may belong to other software.
     */
    static String close(String key) {
        String k = Option.isActivityKey(key) ? key : Option.PREFIX + key;
        String nearest = of(k);
        return distance(k.toLowerCase(Locale.ROOT), nearest.toLowerCase(Locale.ROOT)) <= CLOSE ? nearest : null;
    }

    static String of(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Option o : Option.values()) {
            int d = distance(k, o.key().toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = o.key();
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
