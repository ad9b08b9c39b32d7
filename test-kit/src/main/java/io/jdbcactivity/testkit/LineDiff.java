package io.jdbcactivity.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A readable line diff for snapshot failures: the longest common subsequence, then the changes
 * with two lines of context ({@code -} approved only, {@code +} recorded only). Snapshots hold
 * tens to hundreds of lines, so the quadratic table is small.
 */
final class LineDiff {
    private static final int CONTEXT = 2;

    private LineDiff() {
    }

    /** Beyond this many cells the table is not built: the message lists both sides' ends instead. */
    private static final long MAX_CELLS = 4_000_000;

    static String diff(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            int same = 0;
            while (same < n && same < m && before.get(same).equals(after.get(same))) {
                same++;
            }
            return "  (" + n + " approved and " + m + " recorded lines: too many to align; they agree on the first "
                    + same + ")\n- " + (same < n ? before.get(same) : "(end)") + "\n+ " + (same < m ? after.get(same) : "(end)")
                    + "\n";
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = before.get(i).equals(after.get(j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                lines.add("  " + before.get(i));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                lines.add("- " + before.get(i++)); // what went first, then what came instead
            } else {
                lines.add("+ " + after.get(j++));
            }
        }
        // keep the changes and their context
        boolean[] keep = new boolean[lines.size()];
        for (int k = 0; k < lines.size(); k++) {
            if (!lines.get(k).startsWith("  ")) {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(lines.size() - 1, k + CONTEXT); c++) {
                    keep[c] = true;
                }
            }
        }
        StringBuilder b = new StringBuilder();
        boolean skipped = false;
        for (int k = 0; k < lines.size(); k++) {
            if (keep[k]) {
                if (skipped) {
                    b.append("  …\n");
                    skipped = false;
                }
                b.append(lines.get(k)).append('\n');
            } else {
                skipped = true;
            }
        }
        if (skipped) {
            b.append("  …\n");
        }
        return b.toString();
    }
}
