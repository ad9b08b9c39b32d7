package io.jdbcactivity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ways a benchmark connects, selected by the {@code mode} parameter:
 * <ul>
 *   <li>{@code raw}: the target URL, target driver alone;</li>
 *   <li>{@code activity-none}: {@code jdbc:activity:} + target, {@code activity.sink=none}
 *       (captured, published nowhere: the application-thread cost);</li>
 *   <li>{@code activity-jsonl}: {@code activity.sink=jsonl} writing to a temp file, deleted on
 *       teardown (not in the default {@code @Param} list; ask for it with {@code -p mode=...}).</li>
 * </ul>
 * Benchmarks use only URLs and Properties, like an application: no compile-time use of the driver.
 */
final class Modes {
    static final String RAW = "raw";
    static final String ACTIVITY_NONE = "activity-none";
    static final String ACTIVITY_JSONL = "activity-jsonl";

    private Modes() {
    }

    /** The URL for {@code mode} in front of {@code targetUrl} ({@code jdbc:...}). */
    static String url(String mode, String targetUrl) {
        if (!targetUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + targetUrl);
        }
        return mode.equals(RAW) ? targetUrl : "jdbc:activity:" + targetUrl.substring("jdbc:".length());
    }

    /** A temp file for the jsonl sink when {@code mode} needs one, else {@code null}. */
    static Path jsonlFileFor(String mode) throws IOException {
        return mode.equals(ACTIVITY_JSONL) ? Files.createTempFile("bench-activity-", ".jsonl") : null;
    }

    /** Connection properties for {@code mode}; {@code jsonlFile} is used by {@code activity-jsonl}. */
    static Properties properties(String mode, Path jsonlFile) {
        Properties p = new Properties();
        switch (mode) {
            case RAW -> { }
            case ACTIVITY_NONE -> p.setProperty("activity.sink", "none");
            case ACTIVITY_JSONL -> {
                p.setProperty("activity.sink", "jsonl");
                p.setProperty("activity.jsonl.path", jsonlFile.toString());
            }
            default -> throw new IllegalArgumentException(
                    "unknown mode " + mode + " (raw, activity-none, activity-jsonl)");
        }
        return p;
    }

    /** Closes quietly what setup opened (setup may have failed half way), deletes the jsonl file. */
    static void closeAll(Path jsonlFile, AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (jsonlFile != null) {
            Files.deleteIfExists(jsonlFile);
        }
        if (first != null) {
            throw first;
        }
    }
}
